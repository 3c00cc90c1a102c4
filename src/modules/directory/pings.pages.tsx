// The communication checks' pages: the manager's rounds (the form to start one, each round's report), a
// State's record, a contact's own tasks, and the mailed link: opening it (GET, HEAD) shows a page with one
// button and changes nothing, since mail gateways open every link; pressing the button (a POST carrying
// the form's token) confirms. The link's pages speak the contact's language unless the reader picks one.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { AppError, errors } from '../../platform/errors.ts';
import { csrfToken, originOf } from '../../platform/http/auth.ts';
import { type FormProblem, formProblems } from '../../platform/http/form-problems.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { isLocale, type Locale } from '../../platform/i18n/locales.ts';
import { mailDate } from '../../platform/mail.ts';
import { MessagePage } from '../../views/pages/message.tsx';
import type { RegistryService } from '../registry/index.ts';
import type { DirectoryService } from './directory.service.ts';
import { type Body, hidden, type PageKit, roundFieldOf, roundFromForm, UUID } from './pages.common.ts';
import { PingLinkPage } from './pings.link.views.tsx';
import type { LinkTask, PingService } from './pings.service.ts';
import { ReportPage, RoundsPage, StatePingsPage, TasksPage } from './pings.views.tsx';
import type { ConfirmResult } from './tasks.service.ts';

export function pingPages(deps: { directory: DirectoryService; pings: PingService; registry: RegistryService; kit: PageKit }) {
  const { directory, pings, registry } = deps;
  const { send, ctxOf, stateOf } = deps.kit;

  return async (app: FastifyInstance) => {
    const roundsPage = async (
      req: FastifyRequest,
      reply: FastifyReply,
      extra: { problems?: FormProblem[]; value?: ReturnType<typeof roundFromForm>['value'] } = {},
      status = 200,
    ) => {
      const ctx = ctxOf(req);
      const rounds = await pings.listRounds(req.actor, originOf(req));
      const stale = await directory.stale(req.actor, null, ctx.locale);
      const states = (await registry.listStates({}, ctx.locale)).map((s) => ({
        code: s.code,
        name: s.name,
        names: [...new Set(Object.values(s.names))],
        group: s.unGroup,
        demo: s.status === 'demo',
      }));
      const organisations = Object.fromEntries((await registry.listOrganisations(ctx.locale)).map((o) => [o.code, o.name]));
      const page = { ctx, csrf: csrfToken(req, reply), rounds, stale, states, organisations, ...extra };
      return send(reply, h(RoundsPage, page), status);
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
        const shown = new AppError(
          err.code,
          err.status,
          err.message,
          err.fields.map((f) => ({ ...f, field: roundFieldOf(f.field) })),
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

    /** The link's page context: the contact's language, unless the reader chose one (?lang=). */
    const linkCtx = (req: FastifyRequest, reply: FastifyReply, language: Locale | null) => {
      const ctx = ctxOf(req);
      const chosen = isLocale((req.query as Record<string, unknown> | undefined)?.lang);
      const page = chosen || !language || language === ctx.locale ? ctx : { ...ctx, locale: language, t: translator(language) };
      reply.header('content-language', page.locale);
      return { ctx: page, chosen };
    };

    /** What became of the link (or what it is, when it cannot be confirmed), as a page with its status. */
    const outcomePage = (
      req: FastifyRequest,
      reply: FastifyReply,
      res: Exclude<ConfirmResult | LinkTask, { outcome: 'open' }>,
      language: Locale | null,
    ) => {
      const { ctx } = linkCtx(req, reply, language);
      const { t } = ctx;
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
    };

    // Opening the link (GET, and HEAD, which Fastify answers with the same handler) only reads.
    app.get<{ Params: { token: string } }>('/ping/:token', hidden, async (req, reply) => {
      const task = await pings.linkTask(req.params.token, req.actor);
      if (task.outcome !== 'open') return outcomePage(req, reply, task, 'language' in task ? task.language : null);
      const { ctx, chosen } = linkCtx(req, reply, task.language);
      return send(
        reply,
        h(PingLinkPage, {
          ctx,
          csrf: csrfToken(req, reply),
          action: `/ping/${req.params.token}${chosen ? `?lang=${ctx.locale}` : ''}`,
          name: task.name,
          title: task.title,
          deadline: mailDate(ctx.locale, task.deadline),
        }),
      );
    });

    // Pressing the button: the CSRF check (auth.ts) has already refused a post without the page's token.
    app.post<{ Params: { token: string } }>('/ping/:token', hidden, async (req, reply) => {
      const task = await pings.linkTask(req.params.token, req.actor);
      if (task.outcome === 'unknown') return outcomePage(req, reply, task, null);
      const res = await pings.confirmByLink(req.params.token, req.actor, originOf(req));
      return outcomePage(req, reply, res, task.language);
    });
  };
}
