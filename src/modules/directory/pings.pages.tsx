// The communication checks' pages: the manager's rounds (the form to start one, each round's report), a
// State's record, a contact's own tasks, and the mailed link that confirms in one click.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { AppError, errors } from '../../platform/errors.ts';
import { csrfToken, originOf } from '../../platform/http/auth.ts';
import { type FormProblem, formProblems } from '../../platform/http/form-problems.ts';
import { MessagePage } from '../../views/pages/message.tsx';
import type { RegistryService } from '../registry/index.ts';
import type { DirectoryService } from './directory.service.ts';
import { type Body, hidden, type PageKit, roundFromForm, UUID } from './pages.common.ts';
import type { PingService } from './pings.service.ts';
import { ReportPage, RoundsPage, StatePingsPage, TasksPage } from './pings.views.tsx';

export function pingPages(deps: { directory: DirectoryService; pings: PingService; registry: RegistryService; kit: PageKit }) {
  const { directory, pings, registry } = deps;
  const { send, ctxOf, stateOf } = deps.kit;

  return async (app: FastifyInstance) => {
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
      const { value, round } = roundFromForm(req.body);
      try {
        const started = await pings.startRound(req.actor, round, originOf(req));
        return reply.redirect(`/directory/rounds/${started.id}`, 303);
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') throw err;
        // The form has one field for every kind of scope.
        const shown = new AppError(
          err.code,
          err.status,
          err.message,
          err.fields.map((f) => ({ ...f, field: f.field.startsWith('scope') ? 'scopeValue' : f.field })),
        );
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
