// Learning modules through the API: modules, lessons (Markdown fields), marking a self-check, one's progress.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '../../platform/errors.ts';
import { originOf } from '../../platform/http/auth.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import type { LearningService } from './learning.service.ts';

const slug = z.string().regex(/^[a-z0-9-]{1,80}$/, 'must be a slug');
const any = z.record(z.string(), z.unknown());

export function learningRoutes(deps: { learning: LearningService }) {
  const { learning } = deps;
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['learning'];

    r.get(
      '/api/v1/learning/modules',
      {
        schema: {
          tags,
          summary: 'The learning modules, with lesson counts and (signed in) how many lessons you completed',
          response: { 200: z.object({ data: z.array(any) }) },
        },
      },
      async (req) => ({
        data: (await learning.listModules(req.locale, req.actor.userId)) as unknown as Record<string, unknown>[],
      }),
    );

    r.get(
      '/api/v1/learning/modules/:module',
      {
        schema: {
          tags,
          summary: 'One module and its lessons in order, with your progress on each',
          params: z.object({ module: slug }),
          response: { 200: any, ...problemResponses(400, 404) },
        },
      },
      async (req) => {
        const m = await learning.getModule(req.params.module, req.locale, req.actor.userId);
        if (!m) throw errors.notFound('The module');
        return m as unknown as Record<string, unknown>;
      },
    );

    r.get(
      '/api/v1/learning/modules/:module/lessons/:lesson',
      {
        schema: {
          tags,
          summary: 'One lesson: guiding questions, body, reflection, "contribute and engage" (Markdown), n of N, self-check',
          params: z.object({ module: slug, lesson: slug }),
          response: { 200: any, ...problemResponses(400, 404) },
        },
      },
      async (req) => {
        const l = await learning.getLesson(req.params.module, req.params.lesson, req.locale, req.actor.userId);
        if (!l) throw errors.notFound('The lesson');
        return l as unknown as Record<string, unknown>;
      },
    );

    r.post(
      '/api/v1/learning/modules/:module/lessons/:lesson/check',
      {
        schema: {
          tags,
          summary:
            "Mark a lesson's self-check: { answers: { <check id>: <option index> } }; feedback in your language (?lang=); recorded as progress when signed in",
          params: z.object({ module: slug, lesson: slug }),
          body: z.object({ answers: z.unknown() }).partial(),
          response: { 200: any, ...problemResponses(400, 403, 404) },
        },
      },
      async (req) =>
        (await learning.check(
          req.actor,
          req.params.module,
          req.params.lesson,
          req.body,
          originOf(req),
          req.locale,
        )) as unknown as Record<string, unknown>,
    );

    r.get(
      '/api/v1/learning/progress',
      {
        schema: {
          tags,
          summary: 'Your progress in every module (signed in)',
          response: { 200: z.object({ data: z.array(any) }), ...problemResponses(401) },
        },
      },
      async (req) => ({ data: (await learning.progress(req.actor, req.locale)) as unknown as Record<string, unknown>[] }),
    );
  };
}
