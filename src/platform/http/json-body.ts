// The JSON body parser for every route: Fastify's own (empty bodies refused, `__proto__` and `constructor`
// keys refused), after a cheap scan that refuses nesting deeper than MAX_JSON_DEPTH. Without it, a body of
// 100 000 `[` … `]` parses, then overflows the stack of whatever walks it next (a 500 where a 400 is due).
// `application/problem+json` is parsed the same way.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { errors, fieldProblem } from '../errors.ts';

/** Arrays and objects inside one another, at most; real bodies here use fewer than ten. */
export const MAX_JSON_DEPTH = 64;

export const JSON_TYPES = ['application/json', 'application/problem+json'];

/**
 * True when the JSON text opens more than `max` arrays or objects inside one another. One pass over the
 * characters, skipping strings; it does not check the rest of the syntax (JSON.parse does that next).
 */
export function nestsDeeperThan(text: string, max = MAX_JSON_DEPTH): boolean {
  if (text.length <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

export const jsonBody = fp(async (app: FastifyInstance) => {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser(JSON_TYPES, { parseAs: 'string' }, (req, body, done) => {
    const text = body as string;
    if (nestsDeeperThan(text)) {
      done(errors.badInput([fieldProblem('body', 'tooDeep', { n: MAX_JSON_DEPTH })]), undefined);
      return;
    }
    parse(req, text, done);
  });
});
