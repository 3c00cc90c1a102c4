// The report pages. A report's overview lists its sections (part I, each norm of part II, parts III and IV);
// each section is a page of its own (`?part=…&norm=…`) whose form saves the section and comes back to it
// saying when; its evidence rows are added and removed by buttons that save what was typed. Submitting and
// reopening are confirmed on the overview, which says what follows. public/report-editor.js also saves each
// answer through the API as it is typed. The service decides who sees and changes what; no GET changes a thing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { AppError, errors, fieldProblem } from '../../platform/errors.ts';
import { csrfToken, originOf } from '../../platform/http/auth.ts';
import { formProblems } from '../../platform/http/form-problems.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import { answersFromForm, type Body, rowActionOf } from './answers.form.ts';
import { PART_KEYS } from './answers.views.tsx';
import { CyclesPage, DiffPage } from './cycles.views.tsx';
import { exportFormat, reportCsv, reportDocument, reportPdf } from './export.ts';
import { mapPages } from './map.pages.tsx';
import { hidden, one, pageKit, type ReportsPagesDeps, strings } from './pages.common.ts';
import { PartPage } from './part.views.tsx';
import { questionnairePages } from './questionnaire.pages.tsx';
import { PARTS } from './questionnaire.ts';
import { ReportPage } from './reports.views.tsx';
import { findSection, inSection, type Section, sectionHref, sectionsOf } from './sections.ts';

const NOTICES: Record<string, MessageKey> = {
  submitted: 'report.submitted',
  reopened: 'report.reopened',
  visibility: 'report.visibility.saved',
  copied: 'report.copied',
};
type Params = { code: string; cycle: string };
type Query = Record<string, unknown>;
type Extra = { notice?: string; problems?: ReturnType<typeof formProblems>; chosen?: string[] };

export function reportsPages(deps: ReportsPagesDeps) {
  const { reports } = deps;
  const { send, ctxOf, stateName, stateChoices, titles, inLanguage, forExport } = pageKit(deps);

  const exportReport = async (req: FastifyRequest<{ Params: Params; Querystring: { format?: string } }>, reply: FastifyReply) => {
    const format = exportFormat(req.query.format);
    const ctx = ctxOf(req);
    const v = await reports.forExport(req.actor, req.params.code, req.params.cycle, format, originOf(req));
    const name = `report-${v.state}-${v.cycle}`;
    reply.header('cache-control', 'no-store');
    const { questions, words } = await forExport(ctx, v.questions);
    if (format === 'csv')
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .send(reportCsv(questions, v.answers, words));
    if (format === 'pdf') {
      const pdf = await reportPdf({
        title: ctx.t('report.title', { state: await stateName(v.state, ctx.locale), year: String(v.cycle) }),
        subtitle: `${ctx.t(v.report?.status === 'submitted' ? 'report.status.submitted' : 'report.status.draft')} · ${ctx.t('report.version', { version: String(v.version) })}`,
        parts: PARTS.map((part) => ({ part, title: ctx.t(PART_KEYS[part]) })),
        questions,
        answers: v.answers,
        words,
      });
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="${name}.pdf"`).send(pdf);
    }
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}.json"`)
      .send(JSON.stringify(reportDocument(v, questions, ctx.locale), null, 2));
  };

  /** The report as its reader may see it, with what was typed shown in place of the stored answers after a refusal. */
  const load = async (req: FastifyRequest<{ Params: Params }>, typed: Record<string, unknown>, locale: Locale) => {
    const stored = await reports.get(req.actor, req.params.code, req.params.cycle, originOf(req));
    return { ...stored, questions: await inLanguage(stored.questions, locale), answers: { ...stored.answers, ...typed } };
  };

  /** The overview (or, for readers, the report read). */
  const page = async (req: FastifyRequest<{ Params: Params }>, reply: FastifyReply, extra: Extra = {}, status = 200) => {
    const ctx = ctxOf(req);
    const name = await stateName(req.params.code, ctx.locale);
    const view = await load(req, {}, ctx.locale);
    const cycles = view.canWrite ? (await reports.cycles(req.actor, req.params.code)).map((c) => c.year) : [];
    // Every State, named: for the focal point's choice of whom to share with, and to name those already chosen.
    const [states, normTitles] = await Promise.all([view.canWrite ? stateChoices(ctx.locale) : [], titles(ctx.locale)]);
    return send(
      reply,
      h(ReportPage, { ctx, csrf: csrfToken(req, reply), stateName: name, view, cycles, titles: normTitles, states, ...extra }),
      status,
    );
  };

  /** One section's page, to edit it; readers, and everyone once it is submitted, get the report read instead. */
  const partPage = async (
    req: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    ask: { part: unknown; norm: unknown; saved?: boolean; extraRow?: string },
    failed?: { problems: ReturnType<typeof formProblems>; typed: Record<string, unknown> },
  ) => {
    const ctx = ctxOf(req);
    const name = await stateName(req.params.code, ctx.locale);
    const view = await load(req, failed?.typed ?? {}, ctx.locale);
    if (!view.canWrite || view.report?.status === 'submitted')
      return reply.redirect(`/states/${view.state}/reports/${view.cycle}`, 303);
    const section = findSection(sectionsOf(view.questions), ask.part, ask.norm);
    if (!section) throw errors.badInput([unknownSection(ask.part)]);
    const props = { ctx, csrf: csrfToken(req, reply), stateName: name, view, section, titles: await titles(ctx.locale) };
    return send(
      reply,
      h(PartPage, { ...props, saved: Boolean(ask.saved), extraRow: ask.extraRow, problems: failed?.problems }),
      failed ? 400 : 200,
    );
  };

  return async (app: FastifyInstance) => {
    await app.register(mapPages(deps));
    await app.register(questionnairePages(deps));

    app.get<{ Params: Params; Querystring: { format?: string } }>(
      '/api/v1/states/:code/reports/:cycle/export',
      { schema: { tags: ['reports'], summary: 'The report as JSON, CSV or PDF (?format=); whoever may read it' } },
      (req, reply) => exportReport(req, reply),
    );
    // The report as JSON, CSV or PDF (the API has the same at /api/v1/.../export).
    app.get<{ Params: Params; Querystring: { format?: string } }>('/states/:code/reports/:cycle/export', hidden, (req, reply) =>
      exportReport(req, reply),
    );

    app.get<{ Params: { code: string } }>('/states/:code/reports', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const name = await stateName(req.params.code, ctx.locale);
      const cycles = await reports.cycles(req.actor, req.params.code);
      return send(reply, h(CyclesPage, { ctx, state: { code: req.params.code, name }, cycles }));
    });

    // Two cycles side by side.
    app.get<{ Params: Params; Querystring: { with?: string } }>(
      '/states/:code/reports/:cycle/diff',
      hidden,
      async (req, reply) => {
        const ctx = ctxOf(req);
        const diff = await reports.diff(req.actor, req.params.code, req.params.cycle, req.query.with, originOf(req));
        const questions = await inLanguage(
          diff.rows.map((r) => r.question),
          ctx.locale,
        );
        const rows = diff.rows.map((r, i) => ({ ...r, question: questions[i] }));
        return send(
          reply,
          h(DiffPage, { ctx, stateName: await stateName(req.params.code, ctx.locale), diff: { ...diff, rows } }),
        );
      },
    );

    // The overview, or a section's page (`part`, `norm`); `saved` says a save just happened, `add` shows one
    // more empty evidence row. None of them changes anything.
    app.get<{ Params: Params; Querystring: Query }>('/states/:code/reports/:cycle', hidden, async (req, reply) => {
      const q = req.query;
      if (q.part !== undefined)
        return partPage(req, reply, { part: one(q.part), norm: one(q.norm), saved: one(q.saved) === '1', extraRow: one(q.add) });
      const key = NOTICES[String(one(q.notice) ?? '')];
      return page(req, reply, { notice: key && ctxOf(req).t(key) });
    });

    // A section's form: saved whole (an unticked box clears its answer), then back to the section. A row
    // button saves the same way, with the row added or removed. Refused, the section comes back as typed.
    app.post<{ Params: Params; Body: Body }>('/states/:code/reports/:cycle/answers', hidden, async (req, reply) => {
      const { code, cycle } = req.params;
      const part = one(req.body?.part);
      const norm = one(req.body?.norm);
      const all = await reports.questionsFor(req.actor, code, cycle);
      // Without a norm, a part is saved whole (as one page held it before sections had their own).
      const section: Section | null = norm === undefined ? null : findSection(sectionsOf(all), part, norm);
      if (norm !== undefined && !section) throw errors.badInput([unknownSection(part, norm)]);
      const questions = all.filter((q) => (section ? inSection(section, q) : q.part === part));
      if (!questions.length) throw errors.badInput([unknownSection(part)]);
      const action = rowActionOf(req.body, questions);
      const answers = answersFromForm(questions, req.body, action);
      const ask = { part, norm, extraRow: action.add };
      try {
        await reports.saveAnswers(req.actor, code, cycle, answers, originOf(req));
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') throw err;
        const problems = formProblems(ctxOf(req).t, err);
        if (!section && part === 'norms') return page(req, reply, { problems }, 400);
        return partPage(req, reply, ask, { problems, typed: answers });
      }
      const base = `/states/${code}/reports/${cycle}`;
      const href = sectionHref(base, section ?? { part: part as Section['part'], norm: null });
      const slug = (key: string) => `q-${key.replace(/\./g, '-')}`;
      if (action.add) {
        const kept = answers[action.add];
        const row = Math.max(Array.isArray(kept) ? kept.length : 0, 1);
        return reply.redirect(`${href}&saved=1&add=${encodeURIComponent(action.add)}#${slug(action.add)}-${row}-title`, 303);
      }
      return reply.redirect(`${href}&saved=1#${action.remove ? slug(action.remove.key) : 'save-state'}`, 303);
    });

    const step = (path: string, notice: string, run: (req: FastifyRequest<{ Params: Params; Body: Body }>) => Promise<unknown>) =>
      app.post<{ Params: Params; Body: Body }>(`/states/:code/reports/:cycle/${path}`, hidden, async (req, reply) => {
        try {
          await run(req);
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') throw err;
          const chosen = path === 'visibility' ? strings(req.body?.states) : undefined;
          return page(req, reply, { problems: formProblems(ctxOf(req).t, err), chosen }, 400);
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

/** A section that does not exist: the part named, or (when the part has it) the norm. */
function unknownSection(part: unknown, norm?: string) {
  if (norm !== undefined && (PARTS as readonly unknown[]).includes(part))
    return fieldProblem('norm', 'choice', { options: 'a, b, c, d, e, f, g, h, i, j, k' });
  return fieldProblem('part', 'choice', { options: PARTS.join(', ') });
}
