// Composing a communication in a form: a new one (sent at once or kept as a draft) and editing a draft. The
// form carries an idempotency key, so a double submit sends once, and a signature of its author. Nothing typed
// is lost: a refusal shows the form again with each problem by its field and keeps the files that came with
// it (they go with the next submit); a form that arrives after the session ended is kept for its author and
// given back, saying what happened, once they sign in again (pending.service.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { authorize } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { csrfToken, originOf } from '../../platform/http/auth.ts';
import type { FormProblem } from '../../platform/http/form-problems.ts';
import { commActions } from './communications.policy.ts';
import { indicatorLines } from './communications.validate.ts';
import { files, formKeyOf, formValue, pageProblems, problemsOf, readForm } from './compose.form.ts';
import { ComposePage, type ComposeValue } from './compose.view.tsx';
import { KeptPage } from './confirm.view.tsx';
import { nameKeys } from './names.ts';
import { type Body, hidden, isRefusal, list, NOTICES, type PageKit, type PagesDeps, str } from './pages.common.ts';

type ComposeRequest = FastifyRequest<{ Body: Body }>;

export function composePages(deps: PagesDeps, kit: PageKit) {
  const { communications: comms, registry } = deps;
  const { send, ctxOf, signedIn, newKey } = kit;

  /** The States a communication can go to, as the picker shows and finds them, in the reader's language. */
  const findable = async (locale: string) =>
    (await registry.listStates({}, locale as never))
      .filter((s) => s.status !== 'other')
      .map((s) => ({ code: s.code, name: s.name, group: s.unGroup, keys: nameKeys(s.code, s.names) }));

  const keptHref = (k: { id: string; draft_id: string | null }) =>
    k.draft_id ? `/communications/${k.draft_id}/edit?kept=${k.id}` : `/communications/new?kept=${k.id}`;

  const composePage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    opts: {
      value: ComposeValue;
      problems?: FormProblem[];
      action: string;
      key: string;
      editing: boolean;
      attached?: { name: string; size: number }[];
      notice?: string;
      /** List the person's other kept forms (on a fresh form). */
      listKept?: boolean;
    },
    status = 200,
  ) => {
    const ctx = ctxOf(req);
    const own = comms.statesOf(req.actor)[0] ?? '';
    // A reply or closing note kept on a thread (thread.pages.tsx) is given back there, not here.
    const kept = opts.listKept ? (await comms.pending.keptForms(req.actor)).filter((k) => !k.fields.thread) : [];
    return send(
      reply,
      h(ComposePage, {
        ctx,
        csrf: csrfToken(req, reply),
        action: opts.action,
        idempotencyKey: opts.key,
        formToken: await comms.pending.formToken(req.actor, opts.key),
        value: opts.value,
        problems: opts.problems,
        states: (await findable(ctx.locale)).filter((s) => s.code !== own),
        sectors: await comms.sectorList(ctx.locale),
        norms: await comms.normList(ctx.locale),
        editing: opts.editing,
        maxMb: Math.round((deps.maxAttachmentBytes / 1024 / 1024) * 10) / 10,
        attached: opts.attached,
        pending: await comms.pending.uploads(req.actor, opts.key),
        keepHours: comms.keepHours,
        notice: opts.notice,
        kept: kept.map((k) => ({ href: keptHref(k), subject: str(k.fields.subject, 200), at: k.created_at })),
      }),
      status,
    );
  };

  /** A kept form of the person, named by `?kept=`, with the notice that says why it is here. */
  const keptFor = async (req: FastifyRequest<{ Querystring: { kept?: string } }>) => {
    const k = await comms.pending.keptForm(req.actor, str(req.query.kept, 60));
    if (k?.fields.thread) return null;
    return k && { ...k, value: formValue(k.fields), notice: ctxOf(req).t('comm.kept.notice', { hours: comms.keepHours }) };
  };

  /**
   * A form refused because its session had ended (or it came from an earlier sign-in): kept for its author
   * when its signature holds, then back to it after signing in; anything else goes to the usual error page.
   */
  const keepOnExpiry = async (err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    if (!(err instanceof AppError) || (err.code !== 'CSRF' && err.code !== 'UNAUTHENTICATED')) throw err;
    const body = req.body as Body | undefined;
    const key = formKeyOf(body);
    const draftId = (req.params as { id?: string }).id ?? null;
    if (!key || !body?.formToken) throw err;
    const sent = files(body);
    const fields = { ...formValue(body) };
    const kept = await comms.pending.keepForm(body.formToken, key, draftId, fields, sent, list(body.keepUpload), originOf(req));
    if (!kept) throw err;
    const back = keptHref({ id: kept.id, draft_id: draftId });
    if (req.actor.userId === kept.userId) return reply.redirect(back, 303);
    const ctx = ctxOf(req);
    const signIn = `/sign-in?next=${encodeURIComponent(back)}`;
    return send(reply, h(KeptPage, { ctx, signIn, files: sent.length, hours: comms.keepHours }), 401);
  };

  /**
   * Sends or saves the form; a refusal shows it again (400) with the files that came with it kept. Enter in a
   * field (a phone's Go key) presses the form's first button, which only checks it: nothing is sent by accident.
   */
  const submit = async (req: ComposeRequest, reply: FastifyReply, draftId: string | null) => {
    signedIn(req);
    if (!comms.statesOf(req.actor).length) authorize(req.actor, commActions['comm.send']);
    const ctx = ctxOf(req);
    const key = formKeyOf(req.body) ?? newKey();
    const form = readForm(req.body, await findable(ctx.locale), ctx.t);
    const earlier = await comms.pending.takeUploads(req.actor, key, list(req.body?.keepUpload));
    const input = { ...form.input, attachments: [...earlier, ...form.files] };
    const mode = str(req.body?.do, 10);
    const asDraft = mode === 'draft';
    const origin = originOf(req);
    let problems = form.nameProblems;
    // Once a draft holds the files, they are no longer kept apart (a refused send shows them on the draft).
    let onDraft = false;
    try {
      if (problems.length || mode === 'check') {
        // Checking, or a name that matches no State (or several): every problem the form would be refused for.
        if (draftId) await comms.draft(req.actor, draftId);
        problems = [...problems, ...problemsOf(ctx.t, await comms.problemsOf(req.actor, input, asDraft), form.indicators)];
      } else if (draftId) {
        await comms.updateDraft(req.actor, draftId, input, origin);
        onDraft = true;
        await comms.pending.forget(req.actor, key);
        if (!asDraft) await comms.sendDraft(req.actor, draftId, origin);
        return reply.redirect(
          asDraft ? `/communications/${draftId}/edit?notice=draft` : `/communications/${draftId}?notice=sent`,
          303,
        );
      } else {
        const done = asDraft ? await comms.saveDraft(req.actor, input, origin) : await comms.send(req.actor, input, key, origin);
        await comms.pending.forget(req.actor, key);
        return reply.redirect(
          asDraft ? `/communications/${done.id}/edit?notice=draft` : `/communications/${done.id}?notice=sent`,
          303,
        );
      }
    } catch (err) {
      // Refusals are refusals (a read-only token, a lost role), not form problems.
      if (isRefusal(err)) throw err;
      problems = pageProblems(ctx.t, err, form.indicators);
    }
    if (!onDraft) await comms.pending.keepUploads(req.actor, key, form.files, origin);
    const action = draftId ? `/communications/${draftId}` : '/communications';
    const attached = draftId ? (await comms.draft(req.actor, draftId)).first?.attachments : undefined;
    const notice = problems.length ? undefined : ctx.t('comm.checked');
    const editing = Boolean(draftId);
    return composePage(
      req,
      reply,
      { value: form.value, problems, action, key, editing, attached, notice },
      problems.length ? 400 : 200,
    );
  };

  return async (app: FastifyInstance) => {
    app.get<{ Querystring: { kept?: string } }>('/communications/new', hidden, async (req, reply) => {
      signedIn(req);
      if (!comms.statesOf(req.actor).length) authorize(req.actor, commActions['comm.send']);
      const kept = await keptFor(req);
      if (kept?.draft_id) return reply.redirect(`/communications/${kept.draft_id}/edit?kept=${kept.id}`, 303);
      return composePage(req, reply, {
        value: kept?.value ?? { urgency: 'routine', tlp: 'amber' },
        action: '/communications',
        key: kept?.form_key ?? newKey(),
        editing: false,
        notice: kept?.notice,
        listKept: !kept,
      });
    });

    app.post<{ Body: Body }>('/communications', { ...hidden, errorHandler: keepOnExpiry }, (req, reply) =>
      submit(req, reply, null),
    );

    app.get<{ Params: { id: string }; Querystring: { notice?: string; kept?: string } }>(
      '/communications/:id/edit',
      hidden,
      async (req, reply) => {
        signedIn(req);
        const d = await comms.draft(req.actor, req.params.id);
        const first = d.first;
        const kept = await keptFor(req);
        const mine = kept && kept.draft_id === d.thread.id ? kept : null;
        return composePage(req, reply, {
          value: mine?.value ?? {
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
          key: mine?.form_key ?? newKey(),
          editing: true,
          attached: first?.attachments,
          notice: mine?.notice ?? (NOTICES[str(req.query.notice, 20)] && ctxOf(req).t(NOTICES[str(req.query.notice, 20)])),
        });
      },
    );

    app.post<{ Params: { id: string }; Body: Body }>(
      '/communications/:id',
      { ...hidden, errorHandler: keepOnExpiry },
      (req, reply) => submit(req, reply, req.params.id),
    );
  };
}
