// Comment forms and the moderation queue as pages. The discussion section itself is rendered per reader
// by discussionSection() and placed into norm and lesson pages (whose other content is cached).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { AppError } from '../../platform/errors.ts';
import { csrfToken, originOf } from '../../platform/http/auth.ts';
import { formProblems } from '../../platform/http/form-problems.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { renderDocument } from '../../views/render.ts';
import { type CommentsService, parseTarget, type Target } from './comments.service.ts';
import { CommentEditPage, CommentRefusedPage, CommentRespondPage, Discussion, ModerationPage } from './comments.views.tsx';

const hidden = { schema: { hide: true } };
type Body = Record<string, string | undefined>;

/** The discussion of a target as this reader sees it, as HTML to place in the page. */
export async function discussionSection(
  comments: CommentsService,
  req: FastifyRequest,
  reply: FastifyReply,
  target: Target,
  back: string,
  assetVersion: string,
): Promise<string> {
  const ctx = pageContext(req, assetVersion);
  const signedIn = Boolean(req.actor.userId);
  const props = {
    ctx,
    target: `${target.kind}:${target.id}`,
    back,
    moderator: comments.isModerator(req.actor),
  };
  if (!signedIn)
    // Signed-out readers get no form, so no token (and no cookie), and the same HTML as every other.
    return comments.readerHtml(`${target.kind}:${target.id}:${ctx.locale}`, async () =>
      renderToString(
        h(Discussion, { ...props, csrf: '', comments: await comments.list(req.actor, target), signedIn, banned: false }),
      ),
    );
  return renderToString(
    h(Discussion, {
      ...props,
      csrf: csrfToken(req, reply),
      comments: await comments.list(req.actor, target),
      signedIn,
      banned: await comments.isBanned(req.actor.userId as string),
      notice: (req.query as { notice?: string }).notice,
    }),
  );
}

export function commentsPages(deps: {
  comments: CommentsService;
  assetVersion: string;
  targetUrl: (t: Target) => Promise<string | null>;
}) {
  const { comments, assetVersion } = deps;
  const send = (reply: FastifyReply, vnode: VNode<any>, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(vnode));

  return async (app: FastifyInstance) => {
    app.post<{ Body: Body }>('/comments', hidden, async (req, reply) => {
      try {
        const made = await comments.create(req.actor, req.body, originOf(req));
        return reply.redirect(made.status === 'pending' ? made.url.replace('#', '?notice=pending#') : made.url, 303);
      } catch (err) {
        if (!(err instanceof AppError) || !['BAD_INPUT', 'RATE_LIMITED'].includes(err.code)) throw err;
        const ctx = pageContext(req, assetVersion);
        const target = parseTarget(req.body.target);
        const problems = err.code === 'RATE_LIMITED' ? [{ field: '', message: err.message }] : formProblems(ctx.t, err);
        return send(
          reply,
          h(CommentRefusedPage, {
            ctx,
            csrf: csrfToken(req, reply),
            problems,
            target: String(req.body.target ?? ''),
            parentId: String(req.body.parentId ?? ''),
            body: String(req.body.body ?? '').slice(0, 20_000),
            back: target ? await deps.targetUrl(target) : null,
          }),
          err.status,
        );
      }
    });

    app.get<{ Params: { id: string } }>('/comments/:id/edit', hidden, async (req, reply) => {
      const c = await comments.ownForEdit(req.actor, req.params.id);
      return send(
        reply,
        h(CommentEditPage, { ctx: pageContext(req, assetVersion), csrf: csrfToken(req, reply), id: c.id, body: c.body }),
      );
    });

    app.post<{ Params: { id: string }; Body: Body }>('/comments/:id/edit', hidden, async (req, reply) => {
      try {
        const done = await comments.edit(req.actor, req.params.id, req.body, originOf(req));
        return reply.redirect(done.url, 303);
      } catch (err) {
        if (!(err instanceof AppError) || !['BAD_INPUT', 'EDIT_WINDOW_CLOSED'].includes(err.code)) throw err;
        const ctx = pageContext(req, assetVersion);
        const problems = err.code === 'BAD_INPUT' ? formProblems(ctx.t, err) : [{ field: '', message: err.message }];
        return send(
          reply,
          h(CommentEditPage, {
            ctx,
            csrf: csrfToken(req, reply),
            id: req.params.id,
            body: String(req.body.body ?? ''),
            problems,
          }),
          err.status,
        );
      }
    });

    app.get<{ Params: { id: string } }>('/comments/:id/reply', hidden, async (req, reply) => {
      const c = await comments.forResponse(req.actor, req.params.id);
      const banned = await comments.isBanned(req.actor.userId as string);
      return send(
        reply,
        h(CommentRespondPage, { ctx: pageContext(req, assetVersion), csrf: csrfToken(req, reply), comment: c, banned }),
      );
    });

    app.post<{ Params: { id: string }; Body: Body }>('/comments/:id/report', hidden, async (req, reply) => {
      const done = await comments.report(req.actor, req.params.id, req.body, originOf(req));
      return reply.redirect(done.url.replace('#', '?notice=reported#'), 303);
    });

    const queuePage = async (req: FastifyRequest, reply: FastifyReply, extra: object = {}, status = 200) => {
      const q = await comments.queue(req.actor);
      const ctx = pageContext(req, assetVersion);
      const notice = (req.query as { notice?: string }).notice;
      return send(
        reply,
        h(ModerationPage, {
          ctx,
          csrf: csrfToken(req, reply),
          ...q,
          notice:
            notice && ['approved', 'hidden', 'banned'].includes(notice)
              ? ctx.t(`mod.done.${notice}` as 'mod.done.approved')
              : undefined,
          ...extra,
        }),
        status,
      );
    };
    app.get('/moderation', hidden, (req, reply) => queuePage(req, reply));

    /** Moderation from the queue goes back to it; from the discussion, back to the comment. */
    const back = (req: FastifyRequest, id: string, notice: string) => {
      const referer = String(req.headers.referer ?? '');
      return referer.includes('/moderation') ? `/moderation?notice=${notice}` : `/comments/${id}?notice=${notice}`;
    };

    app.post<{ Params: { id: string } }>('/moderation/comments/:id/approve', hidden, async (req, reply) => {
      await comments.approve(req.actor, req.params.id, originOf(req));
      return reply.redirect(back(req, req.params.id, 'approved'), 303);
    });

    app.post<{ Params: { id: string }; Body: Body }>('/moderation/comments/:id/hide', hidden, async (req, reply) => {
      try {
        await comments.hide(req.actor, req.params.id, req.body, originOf(req));
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') throw err;
        return queuePage(req, reply, { problems: formProblems(pageContext(req, assetVersion).t, err) }, 400);
      }
      return reply.redirect(back(req, req.params.id, 'hidden'), 303);
    });

    app.post<{ Body: Body }>('/moderation/bans', hidden, async (req, reply) => {
      try {
        await comments.ban(req.actor, req.body, originOf(req));
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') throw err;
        return queuePage(req, reply, { problems: formProblems(pageContext(req, assetVersion).t, err) }, 400);
      }
      return reply.redirect('/moderation?notice=banned', 303);
    });

    // A stable address for one comment: goes to it on its page.
    app.get<{ Params: { id: string } }>('/comments/:id', hidden, async (req, reply) => {
      const url = await comments.urlOf(req.actor, req.params.id);
      const notice = (req.query as { notice?: string }).notice;
      return reply.redirect(notice && /^[a-z]+$/.test(notice) ? url.replace('#', `?notice=${notice}#`) : url, 303);
    });
  };
}
