// Learning pages: the modules, a module, a lesson with its self-check (marked on the server, so it works
// without JavaScript) and its discussion.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type VNode } from 'preact';
import { AppError, errors } from '../../platform/errors.ts';
import { csrfToken, originOf } from '../../platform/http/auth.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { renderDocument } from '../../views/render.ts';
import type { CommentsService } from '../discussion/index.ts';
import { discussionSection } from '../discussion/index.ts';
import type { LearningService } from './learning.service.ts';
import { LearnIndexPage, LessonPage, ModulePage } from './learning.views.tsx';

const hidden = { schema: { hide: true } };

/** `answers.<check id>` form fields → { answers: { <check id>: <index> } }. */
export function answersFromForm(body: Record<string, unknown>): { answers: Record<string, string> } {
  const answers: Record<string, string> = {};
  for (const [k, v] of Object.entries(body ?? {})) if (k.startsWith('answers.') && typeof v === 'string') answers[k.slice(8)] = v;
  return { answers };
}

export function learningPages(deps: { learning: LearningService; comments: CommentsService; assetVersion: string }) {
  const { learning, comments, assetVersion } = deps;
  const send = (reply: FastifyReply, vnode: VNode<any>, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(vnode));

  return async (app: FastifyInstance) => {
    app.get('/learn', hidden, async (req, reply) => {
      const ctx = pageContext(req, assetVersion);
      const modules = await learning.listModules(ctx.locale, req.actor.userId);
      return send(reply, h(LearnIndexPage, { ctx, modules, signedIn: Boolean(req.actor.userId) }));
    });

    app.get<{ Params: { module: string } }>('/learn/:module', hidden, async (req, reply) => {
      const ctx = pageContext(req, assetVersion);
      const m = await learning.getModule(req.params.module, ctx.locale, req.actor.userId);
      if (!m) throw errors.notFound('The module');
      return send(reply, h(ModulePage, { ctx, module: m, signedIn: Boolean(req.actor.userId) }));
    });

    const lessonPage = async (
      req: FastifyRequest<{ Params: { module: string; lesson: string } }>,
      reply: FastifyReply,
      extra: object = {},
      status = 200,
    ) => {
      const ctx = pageContext(req, assetVersion);
      const lesson = await learning.getLesson(req.params.module, req.params.lesson, ctx.locale, req.actor.userId);
      if (!lesson) throw errors.notFound('The lesson');
      const back = `/learn/${req.params.module}/${req.params.lesson}`;
      const html = await discussionSection(comments, req, reply, { kind: 'lesson', id: lesson.slug }, back, assetVersion);
      const discussion = h('div', { dangerouslySetInnerHTML: { __html: html } });
      return send(
        reply,
        h(LessonPage, { ctx, lesson, csrf: csrfToken(req, reply), signedIn: Boolean(req.actor.userId), discussion, ...extra }),
        status,
      );
    };

    app.get<{ Params: { module: string; lesson: string } }>('/learn/:module/:lesson', hidden, (req, reply) =>
      lessonPage(req, reply),
    );

    app.post<{ Params: { module: string; lesson: string }; Body: Record<string, unknown> }>(
      '/learn/:module/:lesson/check',
      hidden,
      async (req, reply) => {
        const input = answersFromForm(req.body);
        const chosen = Object.fromEntries(Object.entries(input.answers).map(([k, v]) => [k, Number(v)]));
        const ctx = pageContext(req, assetVersion);
        try {
          const results = await learning.check(req.actor, req.params.module, req.params.lesson, input, originOf(req), ctx.locale);
          return lessonPage(req, reply, { results, chosen });
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') throw err;
          const problems = err.fields.map((f) => ({ field: f.field, message: ctx.t('learn.answerAll') }));
          return lessonPage(req, reply, { problems, chosen }, 400);
        }
      },
    );
  };
}
