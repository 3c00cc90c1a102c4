// The report pages. Each part of the report is a form with its own save button; public/autosave.js also
// saves each answer through the API as it is typed. The service decides who sees and changes what.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h, type VNode } from 'preact';
import { decide } from '../../platform/access.ts';
import { AppError, errors, fieldProblem } from '../../platform/errors.ts';
import { csrfToken, originOf } from '../../platform/http/auth.ts';
import { formProblems } from '../../platform/http/form-problems.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { renderDocument } from '../../views/render.ts';
import type { RegistryService } from '../registry/index.ts';
import { PART_KEYS } from './answers.views.tsx';
import { CyclesPage, DiffPage } from './cycles.views.tsx';
import { exportFormat, reportCsv, reportDocument, reportPdf } from './export.ts';
import { countryPaths, HEIGHT as MAP_HEIGHT, WIDTH as MAP_WIDTH } from './map.ts';
import { ComparePage, MapPage } from './map.views.tsx';
import { PARTS, type Question } from './questionnaire.ts';
import { QuestionnairePage } from './questionnaire.views.tsx';
import { reportActions } from './reports.policy.ts';
import type { ReportsService } from './reports.service.ts';
import { ReportPage } from './reports.views.tsx';

const hidden = { schema: { hide: true } };
type Body = Record<string, string | string[] | undefined>;
const list = (v: unknown) =>
  (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).filter((x): x is string => typeof x === 'string');
const NOTICES: Record<string, MessageKey> = {
  saved: 'report.saved',
  submitted: 'report.submitted',
  reopened: 'report.reopened',
  visibility: 'report.visibility.saved',
  copied: 'report.copied',
};
type Params = { code: string; cycle: string };

/** A part's answers from its form: every question of the part, so an unticked box clears its answer. */
export function answersFromForm(questions: Question[], body: Body | undefined): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of questions) {
    if (q.kind === 'text') {
      const v = body?.[`q:${q.key}`];
      answers[q.key] = typeof v === 'string' && v.trim() ? v : null;
    } else if (q.kind === 'choices') {
      const v = list(body?.[`q:${q.key}`]);
      answers[q.key] = v.length ? v : null;
    } else {
      const rows: Record<string, unknown>[] = [];
      for (let i = 0; i < 21; i++) {
        const title = body?.[`e:${q.key}:${i}:title`];
        if (title === undefined) break;
        rows.push({
          title,
          url: body?.[`e:${q.key}:${i}:url`] ?? '',
          date: body?.[`e:${q.key}:${i}:date`] ?? '',
          inProgress: body?.[`e:${q.key}:${i}:inProgress`] === 'true',
        });
      }
      const kept = rows.filter((r) => String(r.title ?? '').trim() || String(r.url ?? '').trim());
      answers[q.key] = kept.length ? kept : null;
    }
  }
  return answers;
}

export function reportsPages(deps: { reports: ReportsService; registry: RegistryService; assetVersion: string }) {
  const { reports, registry } = deps;
  const send = (reply: FastifyReply, vnode: VNode<any>, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(vnode));
  const ctxOf = (req: FastifyRequest) => pageContext(req, deps.assetVersion);
  const stateName = async (code: string, locale: string) => {
    const s = /^[A-Z]{3}$/.test(code) ? await registry.getState(code, locale as never) : null;
    if (!s) throw errors.notFound(`The State ${code.slice(0, 10)}`);
    return s.name;
  };

  const exportReport = async (req: FastifyRequest<{ Params: Params; Querystring: { format?: string } }>, reply: FastifyReply) => {
    const format = exportFormat(req.query.format);
    const ctx = ctxOf(req);
    const v = await reports.forExport(req.actor, req.params.code, req.params.cycle, format, originOf(req));
    const name = `report-${v.state}-${v.cycle}`;
    reply.header('cache-control', 'no-store');
    if (format === 'csv')
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .send(reportCsv(v.questions, v.answers));
    if (format === 'pdf') {
      const pdf = await reportPdf({
        title: ctx.t('report.title', { state: await stateName(v.state, ctx.locale), year: String(v.cycle) }),
        subtitle: `${ctx.t(v.report?.status === 'submitted' ? 'report.status.submitted' : 'report.status.draft')} · ${ctx.t('report.version', { version: String(v.version) })}`,
        parts: PARTS.map((part) => ({ part, title: ctx.t(PART_KEYS[part]) })),
        questions: v.questions,
        answers: v.answers,
      });
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}.pdf"`).send(pdf);
    }
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}.json"`)
      .send(JSON.stringify(reportDocument(v), null, 2));
  };

  return async (app: FastifyInstance) => {
    app.get<{ Params: Params; Querystring: { format?: string } }>(
      '/api/v1/states/:code/reports/:cycle/export',
      { schema: { tags: ['reports'], summary: 'The report as JSON, CSV or PDF (?format=); whoever may read it' } },
      (req, reply) => exportReport(req, reply),
    );

    app.get<{ Params: { code: string } }>('/states/:code/reports', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const name = await stateName(req.params.code, ctx.locale);
      const cycles = await reports.cycles(req.actor, req.params.code);
      return send(reply, h(CyclesPage, { ctx, state: { code: req.params.code, name }, cycles }));
    });

    const page = async (
      req: FastifyRequest<{ Params: Params }>,
      reply: FastifyReply,
      extra: { notice?: string; problems?: ReturnType<typeof formProblems> } = {},
      status = 200,
      /** What was typed, shown again in place of the stored answers after a refusal. */
      typed: Record<string, unknown> = {},
    ) => {
      const ctx = ctxOf(req);
      const name = await stateName(req.params.code, ctx.locale);
      const stored = await reports.get(req.actor, req.params.code, req.params.cycle, originOf(req));
      const view = { ...stored, answers: { ...stored.answers, ...typed } };
      const cycles = view.canWrite ? (await reports.cycles(req.actor, req.params.code)).map((c) => c.year) : [];
      return send(reply, h(ReportPage, { ctx, csrf: csrfToken(req, reply), stateName: name, view, cycles, ...extra }), status);
    };

    // The report as JSON, CSV or PDF (the API has the same at /api/v1/.../export).
    app.get<{ Params: Params; Querystring: { format?: string } }>('/states/:code/reports/:cycle/export', hidden, (req, reply) =>
      exportReport(req, reply),
    );

    // The world map of reporting for a norm and cycle, and a chart by UN regional group (public).
    app.get<{ Querystring: { norm?: string; cycle?: string } }>('/map', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const cycles = await reports.allCycles();
      const norm = req.query.norm ?? 'c';
      const cycle = req.query.cycle ?? String(cycles[0]);
      const data = await reports.mapData(norm, cycle);
      const states = (await registry.listStates({ status: 'member' }, ctx.locale as never)).map((s) => ({
        code: s.code,
        name: s.name,
        group: s.unGroup,
        measures: data.find((d) => d.state_code === s.code)?.measures ?? null,
      }));
      const paths = await countryPaths(states.map((s) => s.code));
      return send(
        reply,
        h(MapPage, { ctx, norm, cycle: Number(cycle), cycles, states, paths, width: MAP_WIDTH, height: MAP_HEIGHT }),
      );
    });

    // Chosen States side by side, norm by norm (public reports only).
    app.get<{ Querystring: { states?: string; cycle?: string } }>('/compare', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const cycles = await reports.allCycles();
      const cycle = Number(req.query.cycle ?? cycles[0]);
      const query = String(req.query.states ?? '').slice(0, 200);
      if (!query.trim())
        return send(reply, h(ComparePage, { ctx, cycle, cycles, states: [], published: [], measures: {}, query }));
      try {
        const c = await reports.compare(query, req.query.cycle ?? String(cycles[0]));
        const names = Object.fromEntries((await registry.listStates({}, ctx.locale as never)).map((s) => [s.code, s.name]));
        return send(
          reply,
          h(ComparePage, {
            ctx,
            cycle: c.cycle,
            cycles,
            states: c.states.map((s) => ({ code: s, name: names[s] ?? s })),
            published: c.published,
            measures: c.measures,
            query,
          }),
        );
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') throw err;
        const problems = formProblems(ctx.t, err).map((p) => p.message);
        return send(reply, h(ComparePage, { ctx, cycle, cycles, states: [], published: [], measures: {}, query, problems }), 400);
      }
    });

    // The questionnaire, its versions, and (editors) publishing a new one.
    const questionnairePage = async (req: FastifyRequest, reply: FastifyReply, extra: object = {}, status = 200) => {
      const ctx = ctxOf(req);
      const q = await reports.questionnaire();
      return send(
        reply,
        h(QuestionnairePage, {
          ctx,
          csrf: csrfToken(req, reply),
          version: q.version,
          questions: q.questions,
          versions: await reports.versions(),
          canPublish: decide(req.actor, reportActions['questionnaire.publish']).ok,
          ...extra,
        }),
        status,
      );
    };
    app.get<{ Querystring: { notice?: string } }>('/questionnaire', hidden, (req, reply) =>
      questionnairePage(req, reply, req.query.notice === 'published' ? { notice: ctxOf(req).t('report.publish.done') } : {}),
    );
    app.post<{ Body: Body }>('/questionnaire/versions', hidden, async (req, reply) => {
      try {
        await reports.publishVersion(req.actor, { note: req.body?.note }, originOf(req));
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') throw err;
        return questionnairePage(req, reply, { problems: formProblems(ctxOf(req).t, err) }, 400);
      }
      return reply.redirect('/questionnaire?notice=published', 303);
    });

    // The empty questionnaire as CSV (one row per question) and JSON (the API's document, as a file).
    app.get('/questionnaire.csv', hidden, async (_req, reply) => {
      const q = await reports.questionnaire();
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="questionnaire-v${q.version}.csv"`)
        .send(reportCsv(q.questions, {}));
    });
    app.get('/questionnaire.json', hidden, async (_req, reply) => {
      const q = await reports.questionnaire();
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="questionnaire-v${q.version}.json"`)
        .send(JSON.stringify(q, null, 2));
    });

    // The empty questionnaire as PDF, for coordination before anyone types an answer.
    app.get('/questionnaire.pdf', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const q = await reports.questionnaire();
      const pdf = await reportPdf({
        title: ctx.t('report.questionnaire.title'),
        subtitle: ctx.t('report.version', { version: String(q.version) }),
        parts: PARTS.map((part) => ({ part, title: ctx.t(PART_KEYS[part]) })),
        questions: q.questions,
        answers: null,
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="questionnaire-v${q.version}.pdf"`)
        .send(pdf);
    });

    // Two cycles side by side.
    app.get<{ Params: Params; Querystring: { with?: string } }>(
      '/states/:code/reports/:cycle/diff',
      hidden,
      async (req, reply) => {
        const ctx = ctxOf(req);
        const diff = await reports.diff(req.actor, req.params.code, req.params.cycle, req.query.with, originOf(req));
        return send(reply, h(DiffPage, { ctx, stateName: await stateName(req.params.code, ctx.locale), diff }));
      },
    );

    app.get<{ Params: Params; Querystring: { notice?: string } }>('/states/:code/reports/:cycle', hidden, async (req, reply) => {
      const key = NOTICES[String(req.query.notice ?? '')];
      return page(req, reply, { notice: key && ctxOf(req).t(key) });
    });

    app.post<{ Params: Params; Body: Body }>('/states/:code/reports/:cycle/answers', hidden, async (req, reply) => {
      const part = typeof req.body?.part === 'string' ? req.body.part : '';
      const questions = (await reports.questionsFor(req.actor, req.params.code, req.params.cycle)).filter((q) => q.part === part);
      if (!questions.length) throw errors.badInput([fieldProblem('part', 'choice', { options: PARTS.join(', ') })]);
      const answers = answersFromForm(questions, req.body);
      try {
        await reports.saveAnswers(req.actor, req.params.code, req.params.cycle, answers, originOf(req));
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') throw err;
        return page(req, reply, { problems: formProblems(ctxOf(req).t, err) }, 400, answers);
      }
      return reply.redirect(`/states/${req.params.code}/reports/${req.params.cycle}?notice=saved#part-${part}`, 303);
    });

    const step = (path: string, notice: string, run: (req: FastifyRequest<{ Params: Params; Body: Body }>) => Promise<unknown>) =>
      app.post<{ Params: Params; Body: Body }>(`/states/:code/reports/:cycle/${path}`, hidden, async (req, reply) => {
        try {
          await run(req);
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') throw err;
          return page(req, reply, { problems: formProblems(ctxOf(req).t, err) }, 400);
        }
        return reply.redirect(`/states/${req.params.code}/reports/${req.params.cycle}?notice=${notice}`, 303);
      });
    step('submit', 'submitted', (req) => reports.submit(req.actor, req.params.code, req.params.cycle, originOf(req)));
    step('reopen', 'reopened', (req) => reports.reopen(req.actor, req.params.code, req.params.cycle, originOf(req)));
    step('start-from', 'copied', (req) =>
      reports.startFrom(req.actor, req.params.code, req.params.cycle, req.body?.from, originOf(req)),
    );
    step('visibility', 'visibility', (req) =>
      reports.setVisibility(req.actor, req.params.code, req.params.cycle, req.body, originOf(req)),
    );
  };
}
