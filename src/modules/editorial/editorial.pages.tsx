// Editors' pages: the index of editable content, the editor with preview, history, diff and restore.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type VNode } from 'preact';
import { AppError } from '../../platform/errors.ts';
import { csrfToken, originOf } from '../../platform/http/auth.ts';
import { formProblems } from '../../platform/http/form-problems.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { renderDocument } from '../../views/render.ts';
import type { EditorialService } from './editorial.service.ts';
import { DiffPage, EditorIndexPage, EditPage, HistoryPage } from './editorial.views.tsx';

const hidden = { schema: { hide: true } };
type Params = { kind: string; id: string };
type Body = Record<string, string | undefined>;

/** `fields.<name>` form fields → { <name>: value }. */
function fieldsFromForm(body: Body): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(body ?? {})) if (k.startsWith('fields.') && typeof v === 'string') fields[k.slice(7)] = v;
  return fields;
}

export function editorialPages(deps: { editorial: EditorialService; assetVersion: string }) {
  const { editorial, assetVersion } = deps;
  const send = (reply: FastifyReply, vnode: VNode<any>, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(vnode));
  const lang = (req: FastifyRequest) => (req.query as { lang?: string }).lang;

  return async (app: FastifyInstance) => {
    app.get('/editor', hidden, async (req, reply) => {
      const kinds = await editorial.index(req.actor);
      return send(reply, h(EditorIndexPage, { ctx: pageContext(req, assetVersion), kinds }));
    });

    app.get<{ Params: Params }>('/editor/:kind/:id', hidden, async (req, reply) => {
      const item = await editorial.get(req.actor, req.params.kind, req.params.id, lang(req));
      const ctx = pageContext(req, assetVersion);
      const saved = (req.query as { saved?: string }).saved;
      return send(
        reply,
        h(EditPage, {
          ctx,
          csrf: csrfToken(req, reply),
          ...item,
          note: '',
          preview: false,
          notice: saved && /^\d+$/.test(saved) ? ctx.t('edit.saved', { n: saved }) : undefined,
        }),
      );
    });

    app.post<{ Params: Params; Body: Body }>('/editor/:kind/:id', hidden, async (req, reply) => {
      const ctx = pageContext(req, assetVersion);
      const fields = fieldsFromForm(req.body);
      const item = await editorial.get(req.actor, req.params.kind, req.params.id, req.body.lang);
      const again = (extra: object, status = 200) =>
        send(
          reply,
          h(EditPage, {
            ctx,
            csrf: csrfToken(req, reply),
            ...item,
            fields: { ...item.fields, ...fields },
            revision: Number(req.body.baseRevision ?? item.revision),
            note: String(req.body.note ?? ''),
            preview: false,
            ...extra,
          }),
          status,
        );
      if (req.body.do === 'preview') return again({ preview: true });
      try {
        const saved = await editorial.save(
          req.actor,
          req.params.kind,
          req.params.id,
          { lang: item.lang, fields, note: req.body.note, baseRevision: req.body.baseRevision },
          originOf(req),
        );
        return reply.redirect(`/editor/${req.params.kind}/${req.params.id}?lang=${item.lang}&saved=${saved.revision}`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || !['BAD_INPUT', 'CONFLICT'].includes(err.code)) throw err;
        const problems = err.code === 'BAD_INPUT' ? formProblems(ctx.t, err) : [{ field: '', message: err.message }];
        return again({ problems, preview: true }, err.status);
      }
    });

    app.get<{ Params: Params }>('/editor/:kind/:id/history', hidden, async (req, reply) => {
      const h2 = await editorial.history(req.actor, req.params.kind, req.params.id, lang(req));
      const ctx = pageContext(req, assetVersion);
      const restored = (req.query as { restored?: string }).restored;
      return send(
        reply,
        h(HistoryPage, {
          ctx,
          csrf: csrfToken(req, reply),
          ...h2,
          notice: restored && /^\d+$/.test(restored) ? ctx.t('edit.restoredNotice', { n: restored }) : undefined,
        }),
      );
    });

    app.get<{ Params: Params; Querystring: { lang?: string; from?: string; to?: string } }>(
      '/editor/:kind/:id/diff',
      hidden,
      async (req, reply) => {
        const d = await editorial.diff(req.actor, req.params.kind, req.params.id, req.query);
        return send(reply, h(DiffPage, { ctx: pageContext(req, assetVersion), ...d }));
      },
    );

    app.post<{ Params: Params; Body: Body }>('/editor/:kind/:id/restore', hidden, async (req, reply) => {
      const r = await editorial.restore(req.actor, req.params.kind, req.params.id, req.body, originOf(req));
      return reply.redirect(`/editor/${req.params.kind}/${req.params.id}/history?lang=${r.lang}&restored=${r.restoredFrom}`, 303);
    });
  };
}
