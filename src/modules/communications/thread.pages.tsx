// A thread's page and what a party does from it: acknowledge, reply, close, withdraw, share; and what leaves
// the platform from it (an attached file, the STIX bundle, the PDF), each recorded by the service. The service
// decides who sees what: a thread is 404 to anyone not party to it. Withdrawing and sharing ask first: the
// button posts without `confirm`, which answers with a page saying what will happen (nothing changes), and
// only that page's button, carrying `confirm`, takes the step.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { AppError } from '../../platform/errors.ts';
import { csrfToken, originOf } from '../../platform/http/auth.ts';
import { formProblems } from '../../platform/http/form-problems.ts';
import { UUID } from './communications.policy.ts';
import { formKeyOf } from './compose.form.ts';
import { ConfirmPage, KeptPage } from './confirm.view.tsx';
import { linkPages, linksPart } from './links.pages.tsx';
import { type Body, hidden, NOTICES, type PageKit, type PagesDeps, str } from './pages.common.ts';
import { threadPdf } from './pdf.ts';
import { exportLabels } from './shared.view.tsx';
import { stixBundle } from './stix.ts';
import { ThreadPage } from './thread.view.tsx';

type ThreadRequest = FastifyRequest<{ Params: { id: string }; Body: Body }>;

export function threadPages(deps: PagesDeps, kit: PageKit) {
  const { communications: comms } = deps;
  const { send, ctxOf, signedIn, names, newKey } = kit;

  const threadPage = async (
    req: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    notice?: string,
    form?: { problems?: ReturnType<typeof formProblems>; reply?: string; closeNote?: string; key?: string; linkProblem?: string },
  ) => {
    const ctx = ctxOf(req);
    // The reply and closing forms carry a key (a double submit replies once) and their author's signature,
    // so what is typed is kept for them if the session has ended when they press the button.
    const key = form?.key ?? newKey();
    // The timeline's position before reading: the live stream starts there, so a change made meanwhile is told.
    const liveSince = await comms.lastChange();
    const v = await comms.read(req.actor, req.params.id, originOf(req));
    const sectorNames = Object.fromEntries((await comms.sectorList(ctx.locale)).map((s) => [s.slug, s.name]));
    const normTitles = Object.fromEntries((await comms.normList(ctx.locale)).map((n) => [n.letter, n.title]));
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
        liveSince,
        stateNames: await names(ctx.locale),
        sectorNames,
        normTitles,
        notice,
        problems: form?.problems,
        reply: form?.reply,
        closeNote: form?.closeNote,
        formKey: key,
        formToken: req.actor.userId ? await comms.pending.formToken(req.actor, key) : '',
        // The incident records the thread is linked to, and linking one (links.pages.tsx).
        links: await linksPart(deps, req, reply, ctx, v, form?.linkProblem),
      }),
      form?.problems || form?.linkProblem ? 400 : 200,
    );
  };

  /**
   * A reply or closing note that arrived after its session ended (or with a stale form token): kept for its
   * author when the form's signature holds, then back to the thread with it filled in, after signing in if
   * need be. Anything else goes to the usual error page.
   */
  const keepOnExpiry = (form: 'reply' | 'close') => async (err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    if (!(err instanceof AppError) || (err.code !== 'CSRF' && err.code !== 'UNAUTHENTICATED')) throw err;
    const body = req.body as Body | undefined;
    const key = formKeyOf(body);
    const id = (req.params as { id?: string }).id ?? '';
    if (!key || !body?.formToken || !UUID.test(id)) throw err;
    const fields = { form, thread: id, body: str(body.body, 40_000), kind: str(body.kind, 20) };
    const kept = await comms.pending.keepForm(body.formToken, key, null, fields, [], [], originOf(req));
    if (!kept) throw err;
    const back = `/communications/${id}?kept=${kept.id}`;
    if (req.actor.userId === kept.userId) return reply.redirect(back, 303);
    const signIn = `/sign-in?next=${encodeURIComponent(back)}`;
    return send(reply, h(KeptPage, { ctx: ctxOf(req), signIn, files: 0, hours: comms.keepHours }), 401);
  };

  /** The reply or closing note kept for this reader on this thread, named by `?kept=`, to fill its form again. */
  const keptOn = async (req: FastifyRequest<{ Params: { id: string } }>, keptId: string) => {
    const k = await comms.pending.keptForm(req.actor, keptId);
    if (!k || k.fields.thread !== req.params.id) return undefined;
    const text = str(k.fields.body, 40_000);
    return k.fields.form === 'close' ? { closeNote: text, key: k.form_key } : { reply: text, key: k.form_key };
  };

  /** What withdrawing or sharing will do, said before it is done; refused as the step itself would be. */
  const confirmPage = async (req: ThreadRequest, reply: FastifyReply, step: 'withdraw' | 'share') => {
    const ctx = ctxOf(req);
    const { t } = ctx;
    const p =
      step === 'withdraw'
        ? await comms.beforeWithdraw(req.actor, req.params.id)
        : await comms.beforeShare(req.actor, req.params.id);
    const stateNames = await names(ctx.locale);
    const name = (code: string) => stateNames[code] ?? code;
    const subject = p.thread.subject || t('comm.untitled');
    const consequences =
      step === 'withdraw'
        ? [
            t('comm.withdraw.confirm.what', { subject, states: p.recipients.map((r) => name(r.state_code)).join(', ') }),
            t('comm.withdraw.confirm.kept'),
            t('comm.withdraw.confirm.close'),
          ]
        : [
            p.side === 'sender'
              ? t('comm.share.confirm.sender', { subject })
              : t('comm.share.confirm.recipient', { subject, sender: name(p.thread.sender_state) }),
            t('comm.share.confirm.limits', { tlp: `TLP:${p.thread.tlp.toUpperCase()}` }),
          ];
    return send(reply, h(ConfirmPage, { ctx, csrf: csrfToken(req, reply), thread: p.thread, step, consequences }));
  };

  return async (app: FastifyInstance) => {
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
      const ctx = ctxOf(req);
      const sectors = Object.fromEntries((await comms.sectorList(ctx.locale)).map((s) => [s.slug, s.name]));
      const pdf = await threadPdf({
        ...v,
        labels: exportLabels(ctx.t, v.thread, v.states, sectors),
        exportedBy: req.actor.displayName ?? '',
        exportedAt: new Date(),
      });
      return reply
        .type('application/pdf')
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="communication-${v.thread.id}.pdf"`)
        .send(pdf);
    });

    app.get<{ Params: { id: string }; Querystring: { notice?: string; kept?: string } }>(
      '/communications/:id',
      hidden,
      async (req, reply) => {
        signedIn(req);
        const kept = req.query.kept ? await keptOn(req, str(req.query.kept, 60)) : undefined;
        if (kept) return threadPage(req, reply, ctxOf(req).t('comm.kept.replyNotice', { hours: comms.keepHours }), kept);
        const key = NOTICES[str(req.query.notice, 20)];
        return threadPage(req, reply, key && ctxOf(req).t(key));
      },
    );

    /** A step on the thread: do it, then back to the thread with its notice. */
    const step = (path: string, run: (req: ThreadRequest) => Promise<unknown>, notice: string) =>
      app.post<{ Params: { id: string }; Body: Body }>(`/communications/:id/${path}`, hidden, async (req, reply) => {
        signedIn(req);
        await run(req);
        return reply.redirect(`/communications/${req.params.id}?notice=${notice}`, 303);
      });

    step('acknowledge', (req) => comms.acknowledge(req.actor, req.params.id, originOf(req)), 'ack');
    app.post<{ Params: { id: string }; Body: Body }>(
      '/communications/:id/messages',
      { ...hidden, errorHandler: keepOnExpiry('reply') },
      async (req, reply) => {
        signedIn(req);
        const text = str(req.body?.body, 40_000);
        const key = formKeyOf(req.body) ?? undefined;
        try {
          await comms.reply(
            req.actor,
            req.params.id,
            { kind: str(req.body?.kind, 20) || undefined, body: text },
            key,
            originOf(req),
          );
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') throw err;
          return threadPage(req, reply, undefined, { problems: formProblems(ctxOf(req).t, err), reply: text, key });
        }
        if (key) await comms.pending.forget(req.actor, key);
        return reply.redirect(`/communications/${req.params.id}?notice=reply`, 303);
      },
    );
    app.post<{ Params: { id: string }; Body: Body }>(
      '/communications/:id/close',
      { ...hidden, errorHandler: keepOnExpiry('close') },
      async (req, reply) => {
        signedIn(req);
        await comms.close(req.actor, req.params.id, str(req.body?.body, 40_000), originOf(req));
        const key = formKeyOf(req.body);
        if (key) await comms.pending.forget(req.actor, key);
        return reply.redirect(`/communications/${req.params.id}?notice=closed`, 303);
      },
    );
    /** A step that asks first: without `confirm`, the page that says what it will do; with it, the step. */
    const confirmed = (path: 'withdraw' | 'share', run: (req: ThreadRequest) => Promise<unknown>, notice: string) =>
      app.post<{ Params: { id: string }; Body: Body }>(`/communications/:id/${path}`, hidden, async (req, reply) => {
        signedIn(req);
        if (str(req.body?.confirm, 20) !== path) return confirmPage(req, reply, path);
        await run(req);
        return reply.redirect(`/communications/${req.params.id}?notice=${notice}`, 303);
      });
    confirmed('withdraw', (req) => comms.withdraw(req.actor, req.params.id, originOf(req)), 'withdrawn');
    confirmed('share', (req) => comms.share(req.actor, req.params.id, originOf(req)), 'shared');
    await app.register(linkPages(deps, kit, threadPage));
  };
}
