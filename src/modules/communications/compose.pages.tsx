// Composing a communication in a form: a new one (sent at once or kept as a draft) and editing a draft. The
// form carries an idempotency key, so a double submit sends once. A refusal shows the form again with each
// problem by its field, in the reader's language; an indicator's problem names its line in the text box.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { authorize } from '../../platform/access.ts';
import { AppError, errors, fieldProblem } from '../../platform/errors.ts';
import { csrfToken, originOf } from '../../platform/http/auth.ts';
import { formProblems } from '../../platform/http/form-problems.ts';
import { commActions } from './communications.policy.ts';
import { indicatorLines, parseIndicatorLines, type RawAttachment } from './communications.validate.ts';
import { ComposePage, type ComposeValue } from './compose.view.tsx';
import { type Body, hidden, isRefusal, list, type PageKit, type PagesDeps, str } from './pages.common.ts';

/** The form's fields as typed, to show the form again. */
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

/** The form's fields as the service takes them. */
function fromForm(body: Body | undefined) {
  const v = formValue(body);
  return {
    ...v,
    indicators: parseIndicatorLines(v.indicators ?? ''),
    actionDue: v.actionDue || undefined,
    attachments: files(body),
  };
}

/** The files of a multipart form (an empty file input sends none). */
function files(body: Body | undefined): RawAttachment[] {
  const raw = (body as Record<string, unknown> | undefined)?.attachments;
  return (Array.isArray(raw) ? raw : [raw]).filter((f): f is RawAttachment => !!f && typeof f === 'object');
}

/** Problems as the form shows them: an indicator's by its line in the text box, a file's on the file input. */
function lineProblems(err: unknown): unknown {
  if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') return err;
  return errors.badInput(
    err.fields.map((f) => {
      const line = /^indicators\[(\d+)\]$/.exec(f.field);
      if (line) return fieldProblem('indicators', 'indicator', { n: Number(line[1]) + 1 });
      if (/^attachments\[\d+\]/.test(f.field)) return fieldProblem('attachments', f.code, f.params);
      return f;
    }),
  );
}

export function composePages(deps: PagesDeps, kit: PageKit) {
  const { communications: comms, registry } = deps;
  const { send, ctxOf, signedIn, newKey } = kit;

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

  return async (app: FastifyInstance) => {
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
        if (isRefusal(err)) throw err;
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
        if (isRefusal(err)) throw err;
        const problems = formProblems(ctx.t, lineProblems(err));
        return composePage(
          req,
          reply,
          { value: formValue(req.body), problems, action: `/communications/${req.params.id}`, key: newKey(), editing: true },
          400,
        );
      }
    });
  };
}
