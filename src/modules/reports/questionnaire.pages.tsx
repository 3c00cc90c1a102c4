// The questionnaire's pages: the current version's questions, its versions, (editors) publishing a new one,
// and the empty questionnaire as CSV, JSON and PDF for coordination before anyone types an answer.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { decide } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';
import { csrfToken, originOf } from '../../platform/http/auth.ts';
import { formProblems } from '../../platform/http/form-problems.ts';
import { PART_KEYS } from './answers.views.tsx';
import { reportCsv, reportPdf } from './export.ts';
import { hidden, pageKit, type ReportsPagesDeps } from './pages.common.ts';
import { PARTS } from './questionnaire.ts';
import { QuestionnairePage } from './questionnaire.views.tsx';
import { reportActions } from './reports.policy.ts';

export function questionnairePages(deps: ReportsPagesDeps) {
  const { reports } = deps;
  const { send, ctxOf, forExport } = pageKit(deps);
  return async (app: FastifyInstance) => {
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
    app.post<{ Body: Record<string, unknown> }>('/questionnaire/versions', hidden, async (req, reply) => {
      try {
        await reports.publishVersion(req.actor, { note: req.body?.note }, originOf(req));
      } catch (err) {
        if (!(err instanceof AppError) || err.code !== 'BAD_INPUT') throw err;
        return questionnairePage(req, reply, { problems: formProblems(ctxOf(req).t, err) }, 400);
      }
      return reply.redirect('/questionnaire?notice=published', 303);
    });

    app.get('/questionnaire.csv', hidden, async (req, reply) => {
      const q = await reports.questionnaire();
      const { questions, words } = await forExport(ctxOf(req), q.questions);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="questionnaire-v${q.version}.csv"`)
        .send(reportCsv(questions, {}, words));
    });
    app.get('/questionnaire.json', hidden, async (_req, reply) => {
      const q = await reports.questionnaire();
      return reply
        .type('application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="questionnaire-v${q.version}.json"`)
        .send(JSON.stringify(q, null, 2));
    });
    app.get('/questionnaire.pdf', hidden, async (req, reply) => {
      const ctx = ctxOf(req);
      const q = await reports.questionnaire();
      const { questions } = await forExport(ctx, q.questions);
      const pdf = await reportPdf({
        title: ctx.t('report.questionnaire.title'),
        subtitle: ctx.t('report.version', { version: String(q.version) }),
        parts: PARTS.map((part) => ({ part, title: ctx.t(PART_KEYS[part]) })),
        questions,
        answers: null,
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="questionnaire-v${q.version}.pdf"`)
        .send(pdf);
    });
  };
}
