// The communications pages. The service decides who sees what (a thread is 404 to anyone not party to
// it); a signed-out visitor is sent to sign in first, for any address, so the redirect says nothing about
// whether a thread exists. Forms carry an idempotency key, so a double submit sends once.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type VNode } from 'preact';
import { authorize, decide } from '../../platform/access.ts';
import { AppError, errors, type FieldProblem } from '../../platform/errors.ts';
import type { EventBus } from '../../platform/events.ts';
import { csrfToken, originOf } from '../../platform/http/auth.ts';
import { formProblems } from '../../platform/http/form-problems.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { renderDocument } from '../../views/render.ts';
import type { RegistryService } from '../registry/index.ts';
import { commActions } from './communications.policy.ts';
import type { CommunicationsService } from './communications.service.ts';
import { indicatorLines, parseIndicatorLines, type RawAttachment } from './communications.validate.ts';
import { ComposePage, type ComposeValue } from './compose.view.tsx';
import { InboxPage } from './inbox.view.tsx';
import { OverviewPage, StatsPage } from './overview.view.tsx';
import { threadPdf } from './pdf.ts';
import { exportLabels } from './shared.view.tsx';
import { stixBundle } from './stix.ts';
import { ThreadPage } from './thread.view.tsx';

const hidden = { schema: { hide: true } };
type Body = Record<string, string | string[] | undefined>;
const str = (v: unknown, max = 1000) => (typeof v === 'string' ? v.slice(0, max) : '');
const list = (v: unknown) =>
  (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).filter((x): x is string => typeof x === 'string');
const NOTICES: Record<string, MessageKey> = {
  sent: 'comm.sent.notice',
  ack: 'comm.ack.done',
  reply: 'comm.reply.done',
  closed: 'comm.closed.done',
  withdrawn: 'comm.withdrawn.done',
  shared: 'comm.shared.done',
  draft: 'comm.draft.saved',
};

/** The form's fields as the service takes them. */
function fromForm(body: Body | undefined) {
  return {
    type: str(body?.type, 40),
    urgency: str(body?.urgency, 40),
    tlp: str(body?.tlp, 40),
    recipients: list(body?.recipients),
    people: str(body?.people, 4000),
    subject: str(body?.subject, 400),
    body: str(body?.body, 40_000),
    norms: list(body?.norms),
    sectors: list(body?.sectors),
    indicators: parseIndicatorLines(str(body?.indicators, 200_000)),
    actionRequested: str(body?.actionRequested, 4000),
    actionDue: str(body?.actionDue, 40) || undefined,
    attachments: files(body),
  };
}

/** The files of a multipart form (an empty file input sends none). */
function files(body: Body | undefined): RawAttachment[] {
  const raw = (body as Record<string, unknown> | undefined)?.attachments;
  return (Array.isArray(raw) ? raw : [raw]).filter((f): f is RawAttachment => !!f && typeof f === 'object');
}

/** Indicator problems name the line of the form's text box. */
function lineProblems(err: unknown): unknown {
  if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') return err;
  const fields: FieldProblem[] = err.fields.map((f) => {
    const m = /^indicators\[(\d+)\]$/.exec(f.field);
    if (/^attachments\[\d+\]$/.test(f.field)) return { field: 'attachments', reason: f.reason };
    return m ? { field: 'indicators', reason: `line ${Number(m[1]) + 1}: ${f.reason}` } : f;
  });
  return errors.badInput(fields);
}

export function communicationsPages(deps: {
  communications: CommunicationsService;
  registry: RegistryService;
  events: EventBus;
  assetVersion: string;
  maxAttachmentBytes: number;
}) {
  const { communications: comms, registry } = deps;
  const send = (reply: FastifyReply, vnode: VNode<any>, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(vnode));
  const ctxOf = (req: FastifyRequest) => pageContext(req, deps.assetVersion);
  const signedIn = (req: FastifyRequest) => {
    if (!req.actor.userId) throw new AppError('UNAUTHENTICATED', 401, 'Sign in first.');
  };
  const names = async (locale: string) =>
    Object.fromEntries((await registry.listStates({}, locale as never)).map((s) => [s.code, s.name]));
  const newKey = () => `form-${randomBytes(12).toString('base64url')}`;

  return async (app: FastifyInstance) => {
    app.get<{ Querystring: { box?: string; notice?: string } }>('/communications', hidden, async (req, reply) => {
      signedIn(req);
      if (!comms.statesOf(req.actor).length && decide(req.actor, commActions['comm.metadata']).ok)
        return reply.redirect('/communications/overview', 303);
      const ctx = ctxOf(req);
      const box = req.query.box === 'sent' || req.query.box === 'drafts' ? req.query.box : 'inbox';
      const items = await comms.list(req.actor, box, originOf(req));
      const notice = NOTICES[str(req.query.notice, 20)];
      return send(reply, h(InboxPage, { ctx, box, items, stateNames: await names(ctx.locale), notice: notice && ctx.t(notice) }));
    });

    const composePage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      opts: {
        value: ComposeValue;
        problems?: ReturnType<typeof formProblems>;
        action: string;
        key: string;
        editing: boolean;
        attached?: { name: string; size: number }[];
      },
      status = 200,
    ) => {
      const ctx = ctxOf(req);
      const states = (await registry.listStates({}, ctx.locale as never))
        .filter((s) => s.status !== 'other')
        .map((s) => ({ code: s.code, name: s.name }));
      return send(
        reply,
        h(ComposePage, {
          ctx,
          csrf: csrfToken(req, reply),
          action: opts.action,
          idempotencyKey: opts.key,
          value: opts.value,
          problems: opts.problems,
          states,
          sectors: await comms.sectorList(),
          own: comms.statesOf(req.actor)[0] ?? '',
          editing: opts.editing,
          maxMb: Math.round((deps.maxAttachmentBytes / 1024 / 1024) * 10) / 10,
          attached: opts.attached,
        }),
        status,
      );
    };

    // Server-Sent Events: "this thread changed", for threads the reader is party to; never content. The
    // stream ends after ?seconds= (default 300) and the browser reconnects, which keeps proxies happy.
    app.get<{ Querystring: { seconds?: string } }>('/communications/events', hidden, async (req, reply) => {
      if (!req.actor.userId) throw new AppError('UNAUTHENTICATED', 401, 'Sign in first.');
      const mine = comms.statesOf(req.actor);
      if (!mine.length) authorize(req.actor, commActions['comm.read']);
      const seconds = Math.min(Math.max(Number.parseInt(req.query.seconds ?? '300', 10) || 0, 0), 3600);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write('retry: 3000\n: ready\n\n');
      // The reader's access is looked up again before anything is told, and on every change of it: a stream
      // ends when its session or token ends, or when its owner no longer acts for a State.
      let actor = req.actor;
      let states = mine;
      const userId = actor.userId;
      const recheck = async (): Promise<boolean> => {
        actor = await req.currentActor();
        states = actor.userId === userId ? comms.statesOf(actor) : [];
        if (!states.length) end();
        return states.length > 0;
      };
      const unsubscribe = deps.events.subscribe((e) => {
        if (e.topic === 'access' && e.id === userId) return void recheck().catch(() => end());
        if (e.topic !== 'communication' || !e.states.some((s) => states.includes(s))) return;
        // TLP:RED and drafts: only tell those who may open the thread, as they are now.
        recheck()
          .then((ok) => (ok ? comms.party(actor, e.id) : Promise.reject()))
          .then(
            () => {
              if (!res.writableEnded) res.write(`event: change\ndata: ${JSON.stringify({ id: e.id })}\n\n`);
            },
            () => {},
          );
      });
      const heartbeat = setInterval(() => {
        res.write(': ping\n\n');
        void recheck().catch(() => end());
      }, 25_000);
      const end = () => {
        clearInterval(heartbeat);
        clearTimeout(timer);
        unsubscribe();
        if (!res.writableEnded) res.end();
      };
      const timer = setTimeout(end, seconds * 1000);
      req.raw.on('close', end);
    });

    app.get('/communications/new', hidden, async (req, reply) => {
      signedIn(req);
      if (!comms.statesOf(req.actor).length) authorize(req.actor, commActions['comm.send']);
      return composePage(req, reply, {
        value: { urgency: 'routine', tlp: 'amber' },
        action: '/communications',
        key: newKey(),
        editing: false,
      });
    });

    const formValue = (body: Body | undefined): ComposeValue => ({
      type: str(body?.type, 40),
      urgency: str(body?.urgency, 40),
      tlp: str(body?.tlp, 40),
      recipients: list(body?.recipients),
      people: str(body?.people, 4000),
      subject: str(body?.subject, 400),
      body: str(body?.body, 40_000),
      norms: list(body?.norms),
      sectors: list(body?.sectors),
      indicators: str(body?.indicators, 200_000),
      actionRequested: str(body?.actionRequested, 4000),
      actionDue: str(body?.actionDue, 40),
    });

    app.post<{ Body: Body }>('/communications', hidden, async (req, reply) => {
      signedIn(req);
      if (!comms.statesOf(req.actor).length) authorize(req.actor, commActions['comm.send']);
      const ctx = ctxOf(req);
      const input = fromForm(req.body);
      const key = str(req.body?.idempotencyKey, 200) || newKey();
      try {
        if (str(req.body?.do, 10) === 'draft') {
          const d = await comms.saveDraft(req.actor, input, originOf(req));
          return reply.redirect(`/communications/${d.id}/edit?notice=draft`, 303);
        }
        const res = await comms.send(req.actor, input, key, originOf(req));
        return reply.redirect(`/communications/${res.id}?notice=sent`, 303);
      } catch (err) {
        // Refusals are refusals (a read-only token, a lost role), not form problems.
        if (err instanceof AppError && (err.status === 401 || err.status === 403)) throw err;
        const problems = formProblems(ctx.t, lineProblems(err));
        return composePage(
          req,
          reply,
          { value: formValue(req.body), problems, action: '/communications', key, editing: false },
          400,
        );
      }
    });

    app.get<{ Params: { id: string }; Querystring: { notice?: string } }>(
      '/communications/:id/edit',
      hidden,
      async (req, reply) => {
        signedIn(req);
        const d = await comms.draft(req.actor, req.params.id);
        const first = d.first;
        return composePage(req, reply, {
          value: {
            type: d.thread.type,
            urgency: d.thread.urgency,
            tlp: d.thread.tlp,
            recipients: d.recipients.map((r) => r.state_code),
            people: d.people.join(', '),
            subject: d.thread.subject,
            body: first?.body,
            norms: first?.norms,
            sectors: first?.sectors,
            indicators: first ? indicatorLines(first.indicators) : '',
            actionRequested: first?.actionRequested,
            actionDue: first?.actionDue ? new Date(first.actionDue).toISOString().slice(0, 10) : '',
          },
          action: `/communications/${d.thread.id}`,
          key: newKey(),
          editing: true,
          attached: first?.attachments,
        });
      },
    );

    app.post<{ Params: { id: string }; Body: Body }>('/communications/:id', hidden, async (req, reply) => {
      signedIn(req);
      const ctx = ctxOf(req);
      const input = fromForm(req.body);
      try {
        await comms.updateDraft(req.actor, req.params.id, input, originOf(req));
        if (str(req.body?.do, 10) === 'draft') return reply.redirect(`/communications/${req.params.id}/edit?notice=draft`, 303);
        await comms.sendDraft(req.actor, req.params.id, originOf(req));
        return reply.redirect(`/communications/${req.params.id}?notice=sent`, 303);
      } catch (err) {
        if (err instanceof AppError && (err.status === 401 || err.status === 403)) throw err;
        const problems = formProblems(ctx.t, lineProblems(err));
        return composePage(
          req,
          reply,
          { value: formValue(req.body), problems, action: `/communications/${req.params.id}`, key: newKey(), editing: true },
          400,
        );
      }
    });

    app.get('/communications/stats', hidden, async (req, reply) => {
      signedIn(req);
      const ctx = ctxOf(req);
      const state = comms.statesOf(req.actor)[0];
      if (!state) {
        if (decide(req.actor, commActions['comm.metadata']).ok) return reply.redirect('/communications/overview', 303);
        authorize(req.actor, commActions['comm.stats']);
      }
      const stats = await comms.stats(req.actor, state);
      const s = await registry.getState(state, ctx.locale as never);
      return send(reply, h(StatsPage, { ctx, stateName: s?.name ?? state, stats }));
    });

    app.get('/communications/overview', hidden, async (req, reply) => {
      signedIn(req);
      const ctx = ctxOf(req);
      const rows = await comms.metadata(req.actor, originOf(req));
      const stats = await comms.stats(req.actor, null);
      return send(reply, h(OverviewPage, { ctx, rows, stats, stateNames: await names(ctx.locale) }));
    });

    const threadPage = async (
      req: FastifyRequest<{ Params: { id: string } }>,
      reply: FastifyReply,
      notice?: string,
      form?: { problems: ReturnType<typeof formProblems>; reply: string },
    ) => {
      const ctx = ctxOf(req);
      const v = await comms.read(req.actor, req.params.id, originOf(req));
      const sectorNames = Object.fromEntries((await comms.sectorList()).map((s) => [s.slug, s.name]));
      return send(
        reply,
        h(ThreadPage, {
          ctx,
          csrf: csrfToken(req, reply),
          thread: v.thread,
          side: v.side,
          state: v.state,
          canAct: v.canAct,
          sharedByMe: Boolean(v.state && v.sharedBy.includes(v.state)),
          recipients: v.recipients,
          messages: v.messages,
          events: v.events,
          stateNames: await names(ctx.locale),
          sectorNames,
          notice,
          problems: form?.problems,
          reply: form?.reply,
        }),
        form ? 400 : 200,
      );
    };

    app.get<{ Params: { id: string; file: string } }>('/communications/:id/attachments/:file', hidden, async (req, reply) => {
      signedIn(req);
      const f = await comms.attachment(req.actor, req.params.id, req.params.file, originOf(req));
      return reply
        .type(f.mediaType)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .header('cache-control', 'no-store')
        .send(f.content);
    });

    app.get<{ Params: { id: string } }>('/communications/:id/stix', hidden, async (req, reply) => {
      signedIn(req);
      const v = await comms.exportView(req.actor, req.params.id, 'stix', originOf(req));
      const bundle = stixBundle({
        threadId: v.thread.id,
        subject: v.thread.subject,
        tlp: v.thread.tlp,
        sentAt: v.thread.sent_at ?? v.thread.created_at,
        states: v.states,
        messages: v.messages,
      });
      return reply
        .type('application/json; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="communication-${v.thread.id}.stix.json"`)
        .send(JSON.stringify(bundle, null, 2));
    });

    app.get<{ Params: { id: string } }>('/communications/:id/pdf', hidden, async (req, reply) => {
      signedIn(req);
      const v = await comms.exportView(req.actor, req.params.id, 'pdf', originOf(req));
      const pdf = await threadPdf({
        ...v,
        labels: exportLabels(ctxOf(req).t, v.thread, v.states),
        exportedBy: req.actor.displayName ?? '',
        exportedAt: new Date(),
      });
      return reply
        .type('application/pdf')
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="communication-${v.thread.id}.pdf"`)
        .send(pdf);
    });

    app.get<{ Params: { id: string }; Querystring: { notice?: string } }>('/communications/:id', hidden, async (req, reply) => {
      signedIn(req);
      const key = NOTICES[str(req.query.notice, 20)];
      return threadPage(req, reply, key && ctxOf(req).t(key));
    });

    const step = (
      path: string,
      run: (req: FastifyRequest<{ Params: { id: string }; Body: Body }>) => Promise<unknown>,
      notice: string,
    ) =>
      app.post<{ Params: { id: string }; Body: Body }>(`/communications/:id/${path}`, hidden, async (req, reply) => {
        signedIn(req);
        await run(req);
        return reply.redirect(`/communications/${req.params.id}?notice=${notice}`, 303);
      });

    step('acknowledge', (req) => comms.acknowledge(req.actor, req.params.id, originOf(req)), 'ack');
    app.post<{ Params: { id: string }; Body: Body }>('/communications/:id/messages', hidden, async (req, reply) => {
      signedIn(req);
      const text = str(req.body?.body, 40_000);
      try {
        await comms.reply(
          req.actor,
          req.params.id,
          { kind: str(req.body?.kind, 20) || undefined, body: text },
          undefined,
          originOf(req),
        );
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') throw err;
        return threadPage(req, reply, undefined, { problems: formProblems(ctxOf(req).t, err), reply: text });
      }
      return reply.redirect(`/communications/${req.params.id}?notice=reply`, 303);
    });
    step('close', (req) => comms.close(req.actor, req.params.id, str(req.body?.body, 40_000), originOf(req)), 'closed');
    step('withdraw', (req) => comms.withdraw(req.actor, req.params.id, originOf(req)), 'withdrawn');
    step('share', (req) => comms.share(req.actor, req.params.id, originOf(req)), 'shared');
  };
}
