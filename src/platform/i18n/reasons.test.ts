// The catalogue of field reasons: each code said in all six languages with the same placeholders, each in
// use somewhere, and a refusal carries its code and parameters to the API and to the page.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { errors, fieldProblem } from '../errors.ts';
import { fieldMessage, formProblems } from '../http/form-problems.ts';
import { translator } from './i18n.ts';
import { LOCALES } from './locales.ts';
import { REASONS, type ReasonCode, reasonText } from './reasons.ts';

const codes = Object.keys(REASONS) as ReasonCode[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every reason is said in the six languages, each in its own words, with the same placeholders', () => {
  const problems: string[] = [];
  for (const code of codes) {
    const texts = REASONS[code] as Record<string, string>;
    for (const locale of LOCALES) {
      const text = texts[locale];
      if (!text?.trim()) problems.push(`${code}: no ${locale}`);
      else if (locale !== 'en' && text === texts.en) problems.push(`${code}: ${locale} is the English text`);
      else if (placeholders(text).join() !== placeholders(texts.en).join())
        problems.push(`${code}: ${locale} has placeholders ${placeholders(text)}, English ${placeholders(texts.en)}`);
    }
  }
  assert.equal(LOCALES.length, 6);
  assert.ok(codes.length > 30, `the catalogue has ${codes.length} reasons`);
  assert.deepEqual(problems, []);
});

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}

test('every reason in the catalogue is given somewhere: none is dead', () => {
  const src = join(import.meta.dirname, '..', '..');
  const text = sources(src)
    .filter((f) => !f.endsWith('reasons.ts'))
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  assert.deepEqual(
    codes.filter((c) => !new RegExp(`['"\`]${c}['"\`]`).test(text)),
    [],
  );
});

test('a refusal carries its code and parameters; the API says it in English, a page in the reader’s language', () => {
  const p = fieldProblem('subject', 'tooLong', { n: 300 });
  assert.deepEqual(p, { field: 'subject', code: 'tooLong', params: { n: 300 }, reason: 'must be at most 300 characters' });
  assert.equal(reasonText('fr', 'tooLong', { n: 300 }), 'doit compter au plus 300 caractères');
  const err = errors.badInput([p, fieldProblem('tlp', 'choice', { options: 'clear, green' })]);
  assert.deepEqual(
    formProblems(translator('es'), err).map((f) => f.field),
    ['subject', 'tlp'],
  );
  const [subject] = formProblems(translator('ar'), err);
  assert.ok(subject.message.includes(reasonText('ar', 'tooLong', { n: 300 })), subject.message);
  assert.match(fieldMessage(translator('zh'), 'tlp', 'choice', { options: 'clear, green' }), /clear, green/);
});

test('a schema refusal says what shape was expected, not just that the value is not valid', async (t) => {
  const { default: Fastify } = await import('fastify');
  const { serializerCompiler, validatorCompiler } = await import('fastify-type-provider-zod');
  const { z } = await import('zod');
  const { installErrorHandling } = await import('../http/error-handler.ts');
  const app = Fastify();
  t.after(() => app.close());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app, { assetVersion: 'test', renderErrorPage: (_ctx, code) => code });
  app.get(
    '/api/x/:id/:code',
    { schema: { params: z.object({ id: z.uuid(), code: z.string().regex(/^[A-Z]{3}$/) }) } },
    () => 'ok',
  );
  const res = await app.inject({ url: '/api/x/nope/fr' });
  assert.equal(res.statusCode, 400);
  const fields = res.json().errors as { field: string; code: string; params?: { example: string } }[];
  assert.deepEqual(
    fields.map((f) => [f.field, f.code]),
    [
      ['id', 'format'],
      ['code', 'format'],
    ],
  );
  assert.match(fields[0].params?.example ?? '', /^0{8}-/);
  assert.equal(fields[1].params?.example, '/^[A-Z]{3}$/');
});
