// The directory's pages. Reading needs the same rights as the API (the services decide); forms come back
// with each problem named, and the mailed link confirms in one click.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type VNode } from 'preact';
import { decide } from '../../platform/access.ts';
import { AppError, errors } from '../../platform/errors.ts';
import { csrfToken, originOf } from '../../platform/http/auth.ts';
import { formProblems } from '../../platform/http/form-problems.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import type { FormProblem } from '../../views/forms.tsx';
import { MessagePage } from '../../views/pages/message.tsx';
import { renderDocument } from '../../views/render.ts';
import type { RegistryService } from '../registry/index.ts';
import { ContactFormPage, HistoryPage } from './contact.views.tsx';
import { contactsCsv, vcard } from './directory.exports.ts';
import { directoryActions } from './directory.policy.ts';
import type { DirectoryService } from './directory.service.ts';
import { type ContactInput, NETWORKS } from './directory.validate.ts';
import { type BrowseFilter, DirectoryPage, StateDirectoryPage } from './directory.views.tsx';
import type { PingService } from './pings.service.ts';
import { ParticipationPage, ReportPage, RoundsPage, StatePingsPage, TasksPage } from './pings.views.tsx';

const hidden = { schema: { hide: true } };
type Body = Record<string, string | string[] | undefined>;
const str = (v: unknown, max = 1000) => (typeof v === 'string' ? v.slice(0, max) : '');
const list = (v: unknown) =>
  (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).filter((x): x is string => typeof x === 'string');
const STATE = /^[A-Z]{3}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function contactFromForm(body: Body | undefined) {
  return {
    kind: str(body?.kind, 20),
    name: str(body?.name, 400),
    position: str(body?.position, 400),
    institution: str(body?.institution, 400),
    email: str(body?.email, 400),
    phone: str(body?.phone, 80),
    languages: str(body?.languages, 200),
    timeZone: str(body?.timeZone, 100),
    allDay: str(body?.allDay, 10) === 'true',
    hours: str(body?.hours, 400),
    networks: list(body?.networks),
  };
}

export function directoryPages(deps: {
  directory: DirectoryService;
  pings: PingService;
  registry: RegistryService;
  assetVersion: string;
}) {
  const { directory, pings, registry } = deps;
  const send = (reply: FastifyReply, vnode: VNode<any>, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(vnode));
  const ctxOf = (req: FastifyRequest) => pageContext(req, deps.assetVersion);

  async function stateOf(code: string, locale: string) {
    const s = STATE.test(code) ? await registry.getState(code, locale as never) : null;
    if (!s) throw errors.notFound(`The State ${code.slice(0, 20)}`);
    return {
      code: s.code,
      name: s.name,
      networks: ['GLOBAL', ...s.organisations.filter((o) => (NETWORKS as readonly string[]).includes(o))],
    };
  }

  return async (app: FastifyInstance) => {
    app.get<{ Querystring: Record<string, unknown> }>('/directory', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const q = req.query;
      const problems: FormProblem[] = [];
      const filter: BrowseFilter = {
        state: STATE.test(str(q.state, 3)) ? str(q.state, 3) : undefined,
        group: ['african', 'asia-pacific', 'eastern-european', 'latin-american-caribbean', 'weog'].includes(str(q.group, 40))
          ? str(q.group, 40)
          : undefined,
        network: (NETWORKS as readonly string[]).includes(str(q.network, 10)) ? str(q.network, 10) : undefined,
        kind: ['diplomatic', 'technical'].includes(str(q.kind, 20)) ? str(q.kind, 20) : undefined,
        language: str(q.language, 10).trim().toLowerCase() || undefined,
        allDay: q.allDay === 'true' ? true : undefined,
      };
      if (filter.language && !/^[a-z]{2,3}$/.test(filter.language)) {
        problems.push({ field: 'language', message: `${ctx.t('dir.language')}: ${ctx.t('dir.reason.language')}` });
        filter.language = undefined;
      }
      const contacts = await directory.browse(req.actor, filter, ctx.locale, originOf(req));
      const states = (await registry.listStates({}, ctx.locale)).map((s) => ({ code: s.code, name: s.name }));
      return send(reply, h(DirectoryPage, { ctx, contacts, filter, states, problems }), problems.length ? 400 : 200);
    });

    app.get('/directory/participation', hidden, async (req, reply) => {
      const p = await directory.participation();
      return send(reply, h(ParticipationPage, { ctx: ctxOf(req), byGroup: p.byGroup, rounds: p.rounds }));
    });

    const statePage = async (req: FastifyRequest, reply: FastifyReply, code: string, notice?: string) => {
      const ctx = ctxOf(req);
      const state = await stateOf(code, ctx.locale);
      const contacts = await directory.browse(req.actor, { state: code }, ctx.locale, originOf(req));
      const canEdit = decide(req.actor, directoryActions['directory.write'], { state: code }).ok;
      const canExport = decide(req.actor, directoryActions['directory.export'], { state: code }).ok;
      const pending = canEdit ? await directory.pendingChanges(req.actor, code) : [];
      const stale = decide(req.actor, directoryActions['directory.stale'], { state: code }).ok
        ? await directory.stale(req.actor, code, ctx.locale)
        : null;
      return send(
        reply,
        h(StateDirectoryPage, { ctx, csrf: csrfToken(req, reply), state, contacts, canEdit, canExport, pending, stale, notice }),
      );
    };

    app.get<{ Params: { code: string } }>('/directory/states/:code', hidden, (req, reply) =>
      statePage(req, reply, req.params.code),
    );

    app.get<{ Params: { code: string } }>('/directory/states/:code/contacts/new', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const state = await stateOf(req.params.code, ctx.locale);
      if (!decide(req.actor, directoryActions['directory.write'], { state: state.code }).ok) {
        // The same refusal as the write itself would give (sign in, second factor, or not allowed).
        await directory.pendingChanges(req.actor, state.code);
      }
      return send(
        reply,
        h(ContactFormPage, {
          ctx,
          csrf: csrfToken(req, reply),
          state,
          action: `/directory/states/${state.code}/contacts`,
          value: { kind: 'technical', networks: ['GLOBAL'] },
          editing: false,
        }),
      );
    });

    app.post<{ Params: { code: string }; Body: Body }>('/directory/states/:code/contacts', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const state = await stateOf(req.params.code, ctx.locale);
      const input = contactFromForm(req.body);
      const effectiveFrom = str(req.body?.effectiveFrom, 40);
      try {
        const made = await directory.nominate(req.actor, state.code, input, effectiveFrom, originOf(req), ctx.t);
        return statePage(
          req,
          reply,
          state.code,
          ctx.t(made.account === 'invited' ? 'dir.nominated.invited' : 'dir.nominated.linked', {
            name: input.name,
            email: input.email,
          }),
        );
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') throw err;
        const problems = formProblems(ctx.t, err);
        const value = {
          ...input,
          languages: input.languages.split(/[\s,]+/).filter(Boolean),
          effectiveFrom,
        } as Partial<ContactInput> & { effectiveFrom?: string };
        return send(
          reply,
          h(ContactFormPage, {
            ctx,
            csrf: csrfToken(req, reply),
            state,
            action: `/directory/states/${state.code}/contacts`,
            value,
            problems,
            editing: false,
          }),
          400,
        );
      }
    });

    app.get<{ Params: { id: string } }>('/directory/contacts/:id/edit', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      if (!UUID.test(req.params.id)) throw errors.notFound('The contact');
      const c = await directory.getContact(req.actor, req.params.id, ctx.locale, originOf(req));
      if (!decide(req.actor, directoryActions['directory.write'], { state: c.state }).ok)
        await directory.pendingChanges(req.actor, c.state);
      const state = await stateOf(c.state, ctx.locale);
      return send(
        reply,
        h(ContactFormPage, {
          ctx,
          csrf: csrfToken(req, reply),
          state,
          action: `/directory/contacts/${c.id}`,
          value: { ...c, effectiveFrom: undefined },
          editing: true,
          removeAction: `/directory/contacts/${c.id}/remove`,
          removalEffect: await directory.removalEffect(req.actor, c.id).catch(() => null),
        }),
      );
    });

    app.post<{ Params: { id: string }; Body: Body }>('/directory/contacts/:id', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      if (!UUID.test(req.params.id)) throw errors.notFound('The contact');
      const input = contactFromForm(req.body);
      const effectiveFrom = str(req.body?.effectiveFrom, 40);
      try {
        const done = await directory.update(req.actor, req.params.id, input, effectiveFrom, originOf(req), ctx.t);
        const c = await directory.history(req.actor, req.params.id, originOf(req));
        return statePage(req, reply, c.state, ctx.t(done.changed ? 'dir.updated' : 'dir.unchanged', { name: input.name }));
      } catch (err) {
        if (err instanceof AppError && err.code !== 'BAD_INPUT') throw err;
        const h0 = await directory.history(req.actor, req.params.id, originOf(req));
        const state = await stateOf(h0.state, ctx.locale);
        const value = {
          ...input,
          languages: input.languages.split(/[\s,]+/).filter(Boolean),
          effectiveFrom,
        } as Partial<ContactInput> & { effectiveFrom?: string };
        return send(
          reply,
          h(ContactFormPage, {
            ctx,
            csrf: csrfToken(req, reply),
            state,
            action: `/directory/contacts/${req.params.id}`,
            value,
            problems: formProblems(ctx.t, err),
            editing: true,
          }),
          400,
        );
      }
    });

    app.post<{ Params: { id: string }; Body: Body }>('/directory/contacts/:id/remove', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      if (!UUID.test(req.params.id)) throw errors.notFound('The contact');
      const h0 = await directory.history(req.actor, req.params.id, originOf(req));
      await directory.remove(req.actor, req.params.id, str(req.body?.effectiveFrom, 40), originOf(req));
      return statePage(req, reply, h0.state, ctx.t('dir.removed'));
    });

    app.get<{ Params: { id: string } }>('/directory/contacts/:id/history', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      if (!UUID.test(req.params.id)) throw errors.notFound('The contact');
      const hist = await directory.history(req.actor, req.params.id, originOf(req));
      const state = await stateOf(hist.state, ctx.locale);
      return send(reply, h(HistoryPage, { ctx, state, versions: hist.versions }));
    });

    app.get<{ Params: { id: string } }>('/directory/contacts/:id/vcard', hidden, async (req, reply) => {
      if (!UUID.test(req.params.id)) throw errors.notFound('The contact');
      const c = await directory.getContact(req.actor, req.params.id, req.locale, originOf(req));
      return reply
        .type('text/vcard; charset=utf-8')
        .header('content-disposition', `attachment; filename="contact-${c.id}.vcf"`)
        .header('cache-control', 'no-store')
        .send(vcard(c));
    });

    app.get<{ Params: { code: string }; Querystring: { format?: string } }>(
      '/directory/states/:code/export',
      hidden,
      async (req, reply) => {
        const format = req.query.format === 'json' ? 'json' : req.query.format === 'csv' ? 'csv' : null;
        if (!format) throw errors.badInput([{ field: 'format', reason: 'must be csv or json' }]);
        if (!STATE.test(req.params.code)) throw errors.notFound(`The State ${req.params.code.slice(0, 20)}`);
        const contacts = await directory.exportState(req.actor, req.params.code, req.locale, originOf(req));
        const stamp = new Date().toISOString().slice(0, 10);
        reply
          .header('content-disposition', `attachment; filename="poc-${req.params.code}-${stamp}.${format}"`)
          .header('cache-control', 'no-store');
        if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(contactsCsv(contacts));
        return reply.type('application/json; charset=utf-8').send(JSON.stringify({ data: contacts }));
      },
    );

    // ---- communication checks ---------------------------------------------------------------------------
    const roundsPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      extra: { problems?: FormProblem[]; value?: Record<string, string> } = {},
      status = 200,
    ) => {
      const ctx = ctxOf(req);
      const rounds = await pings.listRounds(req.actor, originOf(req));
      const stale = await directory.stale(req.actor, null, ctx.locale);
      return send(reply, h(RoundsPage, { ctx, csrf: csrfToken(req, reply), rounds, stale, ...extra }), status);
    };

    app.get('/directory/rounds', hidden, (req, reply) => roundsPage(req, reply));

    app.post<{ Body: Body }>('/directory/rounds', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const value = {
        title: str(req.body?.title, 400),
        scopeKind: str(req.body?.scopeKind, 20),
        scopeValue: str(req.body?.scopeValue, 2000).trim(),
        deadline: str(req.body?.deadline, 40),
        reminderHours: str(req.body?.reminderHours, 10),
      };
      const scope =
        value.scopeKind === 'group'
          ? { kind: 'group', group: value.scopeValue }
          : value.scopeKind === 'network'
            ? { kind: 'network', network: value.scopeValue.toUpperCase() }
            : value.scopeKind === 'states'
              ? {
                  kind: 'states',
                  states: value.scopeValue
                    .toUpperCase()
                    .split(/[\s,]+/)
                    .filter(Boolean),
                }
              : { kind: value.scopeKind };
      // A date alone means the end of that day, UTC.
      const deadline = /^\d{4}-\d{2}-\d{2}$/.test(value.deadline) ? `${value.deadline}T23:59:00Z` : value.deadline;
      try {
        const started = await pings.startRound(
          req.actor,
          { title: value.title, scope, deadline, reminderHours: value.reminderHours },
          originOf(req),
        );
        return reply.redirect(`/directory/rounds/${started.id}`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') throw err;
        // The form has one field for every kind of scope.
        const shown =
          err instanceof AppError
            ? new AppError(
                err.code,
                err.status,
                err.message,
                err.fields.map((f) => ({ ...f, field: f.field.startsWith('scope') ? 'scopeValue' : f.field })),
              )
            : err;
        return roundsPage(req, reply, { problems: formProblems(ctx.t, shown), value }, 400);
      }
    });

    app.get<{ Params: { id: string } }>('/directory/rounds/:id', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      if (!UUID.test(req.params.id)) throw errors.notFound('The round');
      const report = await pings.report(req.actor, req.params.id, originOf(req));
      const stateNames = Object.fromEntries((await registry.listStates({}, ctx.locale)).map((s) => [s.code, s.name]));
      return send(reply, h(ReportPage, { ctx, report, stateNames }));
    });

    app.get<{ Params: { code: string } }>('/directory/states/:code/pings', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const state = await stateOf(req.params.code, ctx.locale);
      const history = await pings.stateHistory(req.actor, state.code, originOf(req));
      return send(reply, h(StatePingsPage, { ctx, state, history }));
    });

    const tasksPage = async (req: FastifyRequest, reply: FastifyReply, notice?: string) => {
      const ctx = ctxOf(req);
      const tasks = await pings.myTasks(req.actor);
      return send(reply, h(TasksPage, { ctx, csrf: csrfToken(req, reply), tasks, notice }));
    };

    app.get('/directory/tasks', hidden, (req, reply) => tasksPage(req, reply));

    app.post<{ Params: { id: string } }>('/directory/tasks/:id/confirm', hidden, async (req, reply) => {
      if (!UUID.test(req.params.id)) throw errors.notFound('The task');
      await pings.confirmInPlatform(req.actor, req.params.id, originOf(req));
      return tasksPage(req, reply, ctxOf(req).t('dir.ping.confirmed.title'));
    });

    app.get<{ Params: { token: string } }>('/ping/:token', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const { t } = ctx;
      const res = await pings.confirmByLink(req.params.token, req.actor, originOf(req));
      const dt = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
      switch (res.outcome) {
        case 'confirmed':
          return send(
            reply,
            h(MessagePage, {
              ctx,
              title: t('dir.ping.confirmed.title'),
              body: t('dir.ping.confirmed', { name: res.name, title: res.title }),
              ok: true,
            }),
          );
        case 'already':
          return send(
            reply,
            h(MessagePage, {
              ctx,
              title: t('dir.ping.already.title'),
              body: t('dir.ping.already', { date: dt.format(new Date(res.at)) }),
            }),
            409,
          );
        case 'expired':
          return send(
            reply,
            h(MessagePage, { ctx, title: t('error.link.title'), body: t('dir.ping.expired', { title: res.title }) }),
            410,
          );
        case 'foreign':
          return send(
            reply,
            h(MessagePage, { ctx, title: t('error.link.title'), body: t('dir.ping.foreign', { name: res.name }) }),
            403,
          );
        default:
          return send(reply, h(MessagePage, { ctx, title: t('error.link.title'), body: t('error.link.body') }), 404);
      }
    });
  };
}
