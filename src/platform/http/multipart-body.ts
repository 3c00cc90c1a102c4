// Forms with files (multipart/form-data): @fastify/multipart reads the parts, and this plugin makes them the
// body before validation and the CSRF check: fields as text, a file as a FormFile (over the size limit it
// arrives marked truncated, so the refusal can name it), an empty file input as null, a repeated name as a
// list. What busboy throws on a malformed request (no boundary, a broken part, a body that ends early) has no
// HTTP status and would be a 500; here it is a 400 naming the problem, on every route, pages and API alike.
import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { errors, fieldProblem } from '../errors.ts';

/** A file from a form, read whole into memory (the size limit bounds it). */
export interface FormFile {
  name: string;
  mediaType: string;
  data: Buffer;
  /** True when the file was larger than the limit and only its beginning was kept. */
  truncated: boolean;
}

export interface MultipartBodyOptions {
  /** The largest file kept whole, in bytes. */
  maxFileBytes: number;
}

/** RFC 2046 §5.1.1: a boundary is 1 to 70 of these characters, not ending in a space; quoted if it holds one. */
const BOUNDARY_CHARS = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

/** The boundary a multipart Content-Type names, or null when it names none or a malformed one. */
export function multipartBoundary(contentType: string | undefined): string | null {
  for (const param of String(contentType ?? '')
    .split(';')
    .slice(1)) {
    const m = /^\s*boundary\s*=\s*(.*?)\s*$/i.exec(param);
    if (!m) continue;
    const quoted = /^"(.*)"$/.exec(m[1]);
    const value = quoted ? quoted[1] : m[1];
    if (!quoted && value.includes(' ')) return null;
    return BOUNDARY_CHARS.test(value) ? value : null;
  }
  return null;
}

/** The parts of a multipart request as the body: each name once, its value or the list of its values. */
async function readParts(req: FastifyRequest): Promise<Record<string, unknown>> {
  const body: Record<string, unknown> = {};
  for await (const part of req.parts()) {
    let value: unknown;
    if (part.type === 'file') {
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      value = part.filename
        ? ({
            name: part.filename,
            mediaType: part.mimetype,
            data: Buffer.concat(chunks),
            truncated: part.file.truncated,
          } satisfies FormFile)
        : null;
    } else value = part.value;
    const name = part.fieldname;
    const had = Object.hasOwn(body, name) ? body[name] : undefined;
    body[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return body;
}

export const multipartBody = fp(async (app: FastifyInstance, opts: MultipartBodyOptions) => {
  await app.register(multipart, {
    limits: { fileSize: opts.maxFileBytes, files: 10, fields: 200, fieldSize: 1024 * 1024 },
    throwFileSizeLimit: false,
  });
  app.addHook('preValidation', async (req) => {
    if (!req.isMultipart()) return;
    if (!multipartBoundary(req.headers['content-type']))
      throw errors.badInput([fieldProblem('content-type', 'multipartBoundary')]);
    try {
      req.body = await readParts(req);
    } catch (err) {
      // The plugin's own refusals carry their status (too many parts or files: 413; `__proto__`: 400).
      const status = (err as FastifyError).statusCode;
      if (status && status >= 400 && status < 500) throw err;
      req.log.debug({ err }, 'malformed multipart body');
      throw errors.badInput([fieldProblem('body', 'multipart')]);
    }
  });
});
