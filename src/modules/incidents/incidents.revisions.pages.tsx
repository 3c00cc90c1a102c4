// The pages of changes to published incidents and their history: parse → the service → render. The change form
// is the draft's form, prefilled, with a note; a refusal shows it again naming each field. Approving goes through
// the service's one `approve`, which app.ts hears (caches, TAXII).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type VNode } from 'preact';
import { decide } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { csrfToken, originOf } from '../../platform/http/auth.ts';
import { formProblems } from '../../platform/http/form-problems.ts';
import { type PageContext, pageContext } from '../../platform/http/request-context.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { renderDocument } from '../../views/render.ts';
import type { StateChoice } from '../../views/state-picker.tsx';
import { EditPage } from './incidents.form.views.tsx';
import { ChangeReviewPage, DiffPage, HistoryPage } from './incidents.history.views.tsx';
import { problemsOf, recordOfForm } from './incidents.pages.tsx';
import { incidentActions } from './incidents.policy.ts';
import type { DiffWords } from './incidents.revisions.diff.ts';
import type { VersionRecord } from './incidents.revisions.queries.ts';
import type { IncidentsService } from './incidents.service.ts';
import { partialDateText } from './incidents.validate.ts';

const hidden = { schema: { hide: true } };
type Body = Record<string, string | string[] | undefined>;
const NOTICES = ['changeProposed', 'changeApproved', 'changeReturned', 'changeDiscarded', 'restored'];

/** The form's values from a version's record, with the ids of the claims and responses it keeps. */
export function valuesOfRecord(r: VersionRecord, note = ''): Record<string, string> {
  const cut = (d: { date: string; precision: string } | null) => partialDateText(d?.date, d?.precision);
  const out: Record<string, string> = {
    title: r.title,
    summary: r.summary,
    started: cut(r.started),
    ended: cut(r.ended),
    disclosed: cut(r.disclosed),
    targets: r.targets.join(' '),
    effects: r.effects,
    sources: r.sources.map((s) => `${s.title} | ${s.url}${s.unconfirmed ? ' | ?' : ''}`).join('\n'),
    note,
  };
  for (const x of r.types) out[`types.${x}`] = 'on';
  for (const x of r.sectors) out[`sectors.${x}`] = 'on';
  r.claims.forEach((c, n) => {
    const p = `claims.${n}.`;
    Object.assign(out, {
      [`${p}id`]: c.id ?? '',
      [`${p}claimantKind`]: c.claimantKind,
      [`${p}claimantStates`]: c.claimantStates.join(' '),
      [`${p}claimantName`]: c.claimantName,
      [`${p}claimedOn`]: c.claimedOn,
      [`${p}basis`]: c.basis,
      [`${p}attributedKind`]: c.attributedKind,
      [`${p}attributedState`]: c.attributedState ?? '',
      [`${p}attributedActor`]: c.attributedActor,
      [`${p}summary`]: c.summary,
      [`${p}sourceUrl`]: c.sourceUrl,
      [`${p}sourceTitle`]: c.sourceTitle,
      [`${p}unconfirmed`]: c.unconfirmed ? 'on' : '',
    });
    c.responses.forEach((x, m) => {
      const q = `${p}responses.${m}.`;
      Object.assign(out, {
        [`${q}id`]: x.id ?? '',
        [`${q}state`]: x.state,
        [`${q}stance`]: x.stance,
        [`${q}statedOn`]: x.statedOn,
        [`${q}summary`]: x.summary,
        [`${q}sourceUrl`]: x.sourceUrl,
        [`${q}unconfirmed`]: x.unconfirmed ? 'on' : '',
      });
    });
  });
  r.norms.forEach((x, n) => {
    Object.assign(out, {
      [`norms.${n}.norm`]: x.norm,
      [`norms.${n}.basis`]: x.basis,
      [`norms.${n}.invokedBy`]: x.invokedBy,
      [`norms.${n}.rationale`]: x.rationale,
    });
  });
  return out;
}

export function revisionsPages(deps: {
  incidents: IncidentsService;
  assetVersion: string;
  /** The States to choose by name on the form (incidents.pages.tsx). */
  states?: (locale: PageContext['locale']) => Promise<StateChoice[] | undefined>;
}) {
  const { incidents } = deps;
  const send = (reply: FastifyReply, vnode: VNode<any>, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(vnode));
  const ctxOf = (req: FastifyRequest) => pageContext(req, deps.assetVersion);
  /** A comparison's words in the reader's language: each vocabulary's names, and the States by their names. */
  const wordsOf = async (ctx: PageContext): Promise<DiffWords> => {
    const names = new Map((await deps.states?.(ctx.locale))?.map((s) => [s.code, s.name]));
    return {
      code: (vocabulary, value) => ctx.t(`incidents.${vocabulary}.${value}` as MessageKey),
      state: (code) => names.get(code) ?? code,
      unconfirmed: ctx.t('incidents.unconfirmed'),
    };
  };
  const noticeOf = (req: FastifyRequest, ctx: PageContext) => {
    const n = (req.query as { notice?: string }).notice;
    return n && NOTICES.includes(n) ? ctx.t(`incidents.notice.${n}` as MessageKey) : undefined;
  };

  const historyPage = async (req: FastifyRequest, reply: FastifyReply, id: string, extra: object = {}, status = 200) => {
    const ctx = ctxOf(req);
    const found = await incidents.history(req.actor, id);
    const editor = decide(req.actor, incidentActions['incidents.edit']).ok && found.incident.status === 'published';
    const page = h(HistoryPage, { ctx, csrf: csrfToken(req, reply), ...found, editor, notice: noticeOf(req, ctx), ...extra });
    return send(reply, page, status);
  };

  const formPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    values: Record<string, string>,
    problems = [] as { field: string; message: string }[],
    status = 200,
  ) => {
    const ctx = ctxOf(req);
    const form = await incidents.changeForm(req.actor, id);
    const change = {
      heading: ctx.t('incidents.change.title', { title: form.incident.title }),
      action: `/incidents/${id}/change`,
      intro: ctx.t('incidents.change.intro'),
    };
    const shown = Object.keys(values).length ? values : valuesOfRecord(form.record, form.note);
    const states = await deps.states?.(ctx.locale);
    return send(reply, h(EditPage, { ctx, csrf: csrfToken(req, reply), id, values: shown, problems, change, states }), status);
  };

  /** A refusal of a step on a change: the review page again with the reason, or the error page. */
  const refused = async (req: FastifyRequest, reply: FastifyReply, id: string, err: unknown) => {
    if (!(err instanceof AppError) || !['BAD_INPUT', 'CONFLICT'].includes(err.code)) throw err;
    const ctx = ctxOf(req);
    const problems = err.code === 'BAD_INPUT' ? formProblems(ctx.t, err) : [{ field: '', message: err.message }];
    return reviewPage(req, reply, id, problems, err.status);
  };

  const reviewPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    id: string,
    problems = [] as { field: string; message: string }[],
    status = 200,
  ) => {
    const ctx = ctxOf(req);
    const found = await incidents.change(req.actor, id, await wordsOf(ctx));
    const page = h(ChangeReviewPage, {
      ctx,
      csrf: csrfToken(req, reply),
      ...found,
      own: !found.mayApprove,
      problems,
    });
    return send(reply, page, status);
  };

  return async (app: FastifyInstance) => {
    app.get<{ Params: { id: string } }>('/incidents/:id/history', hidden, (req, reply) => historyPage(req, reply, req.params.id));

    app.get<{ Params: { id: string }; Querystring: { from?: string; to?: string } }>(
      '/incidents/:id/diff',
      hidden,
      async (req, reply) => {
        const ctx = ctxOf(req);
        const d = await incidents.diff(req.actor, req.params.id, req.query ?? {}, await wordsOf(ctx));
        return send(reply, h(DiffPage, { ctx, ...d }));
      },
    );

    app.get<{ Params: { id: string } }>('/incidents/:id/change', hidden, (req, reply) => formPage(req, reply, req.params.id, {}));

    app.post<{ Params: { id: string }; Body: Body }>('/incidents/:id/change', hidden, async (req, reply) => {
      const body = req.body ?? {};
      try {
        await incidents.proposeChange(req.actor, req.params.id, { ...recordOfForm(body), note: body.note }, originOf(req));
        return reply.redirect(`/incidents/${req.params.id}/history?notice=changeProposed`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || !['BAD_INPUT', 'CONFLICT'].includes(err.code)) throw err;
        const ctx = ctxOf(req);
        const problems = err.code === 'BAD_INPUT' ? problemsOf(ctx, err) : [{ field: '', message: err.message }];
        const values = Object.fromEntries(Object.entries(body).map(([key, v]) => [key, [v].flat().join(' ')]));
        return formPage(req, reply, req.params.id, values, problems, err.status);
      }
    });

    app.get<{ Params: { id: string } }>('/incidents/:id/change/review', hidden, (req, reply) =>
      reviewPage(req, reply, req.params.id),
    );

    type Step = { Params: { id: string; change: string }; Body: Body };
    app.post<Step>('/incidents/:id/changes/:change/approve', hidden, async (req, reply) => {
      try {
        await incidents.approve(req.actor, req.params.id, originOf(req), { id: req.params.change, edition: req.body?.edition });
      } catch (err) {
        return refused(req, reply, req.params.id, err);
      }
      return reply.redirect(`/incidents/${req.params.id}/history?notice=changeApproved`, 303);
    });
    app.post<Step>('/incidents/:id/changes/:change/return', hidden, async (req, reply) => {
      try {
        await incidents.sendBack(req.actor, req.params.id, req.params.change, req.body ?? {}, originOf(req));
      } catch (err) {
        return refused(req, reply, req.params.id, err);
      }
      return reply.redirect(`/incidents/${req.params.id}/history?notice=changeReturned`, 303);
    });
    app.post<Step>('/incidents/:id/changes/:change/discard', hidden, async (req, reply) => {
      try {
        await incidents.discard(req.actor, req.params.id, req.params.change, req.body ?? {}, originOf(req));
      } catch (err) {
        return refused(req, reply, req.params.id, err);
      }
      return reply.redirect(`/incidents/${req.params.id}/history?notice=changeDiscarded`, 303);
    });

    app.post<{ Params: { id: string }; Body: Body }>('/incidents/:id/restore', hidden, async (req, reply) => {
      try {
        await incidents.restore(req.actor, req.params.id, req.body ?? {}, originOf(req));
      } catch (err) {
        if (!(err instanceof AppError) || !['BAD_INPUT', 'CONFLICT'].includes(err.code)) throw err;
        const ctx = ctxOf(req);
        const problems = err.code === 'BAD_INPUT' ? formProblems(ctx.t, err) : [{ field: '', message: err.message }];
        return historyPage(req, reply, req.params.id, { problems }, err.status);
      }
      return reply.redirect(`/incidents/${req.params.id}/history?notice=restored`, 303);
    });
  };
}
