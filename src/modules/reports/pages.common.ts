// What the report, map and questionnaire pages share: their dependencies, sending a page, the page context, a
// State's name, every State as a choice named in the reader's language, and the norms' titles.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { errors } from '../../platform/errors.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import type { PageContext } from '../../views/context.ts';
import { renderDocument } from '../../views/render.ts';
import type { StateChoice } from '../../views/state-picker.tsx';
import type { KnowledgeService } from '../knowledge/index.ts';
import type { RegistryService } from '../registry/index.ts';
import { PART_KEYS } from './answers.views.tsx';
import type { ExportWords } from './export.ts';
import { type NormTitles, questionInWords } from './part.views.tsx';
import { PARTS, type Question } from './questionnaire.ts';
import type { ReportsService } from './reports.service.ts';

export interface ReportsPagesDeps {
  reports: ReportsService;
  registry: RegistryService;
  assetVersion: string;
  /** The knowledge base's face (app.ts hands it over): the norms' titles, and those of the questionnaire's choices. */
  knowledge: Pick<KnowledgeService, 'listNorms' | 'choiceTitles'>;
}

export const hidden = { schema: { hide: true } };

/** The first string of a form or query value (a repeated field gives a list). */
export const one = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined);

/** Every string of a form or query value. */
export const strings = (v: unknown) =>
  (Array.isArray(v) ? v : typeof v === 'string' ? [v] : []).filter((x): x is string => typeof x === 'string');

export function pageKit(deps: ReportsPagesDeps) {
  const { registry } = deps;
  const send = (reply: FastifyReply, vnode: VNode<any>, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(renderDocument(vnode));
  const ctxOf = (req: FastifyRequest) => pageContext(req, deps.assetVersion);
  const stateName = async (code: string, locale: Locale) => {
    const s = /^[A-Z]{3}$/.test(code) ? await registry.getState(code, locale) : null;
    if (!s) throw errors.notFound(`The State ${code.slice(0, 10)}`);
    return s.name;
  };
  /** Every State in the registry, named in the reader's language and searchable in all six. */
  const stateChoices = async (locale: Locale): Promise<StateChoice[]> =>
    (await registry.listStates({}, locale)).map((s) => ({
      code: s.code,
      name: s.name,
      names: [...new Set(Object.values(s.names))],
      group: s.unGroup,
      demo: s.status === 'demo',
    }));
  const titles = async (locale: Locale): Promise<NormTitles> =>
    Object.fromEntries((await deps.knowledge.listNorms(locale)).map((n) => [n.letter, n.title.text]));
  /**
   * The questions with their choices in the reader's language: a published questionnaire keeps the English
   * titles of the implementation actions and CBMs it offered, and the knowledge base has their translations.
   */
  const inLanguage = async (questions: Question[], locale: Locale): Promise<Question[]> => {
    if (locale === 'en') return questions;
    const { actions, cbms } = await deps.knowledge.choiceTitles(locale);
    // A CBM is offered as "SOURCE N: title"; its prefix stays.
    const label = (o: { id: string; label: string }) =>
      actions[o.id] ?? (cbms[o.id] ? `${o.label.slice(0, o.label.indexOf(': ') + 2)}${cbms[o.id]}` : o.label);
    return questions.map((q) => (q.options ? { ...q, options: q.options.map((o) => ({ id: o.id, label: label(o) })) } : q));
  };
  /**
   * What an export (CSV, JSON, PDF) says, in the reader's language: each question as the report's pages name it
   * (its section and label, its choices translated), and the CSV's headings and an evidence's state.
   */
  const forExport = async (ctx: PageContext, questions: Question[]): Promise<{ questions: Question[]; words: ExportWords }> => {
    const [qs, normTitles] = await Promise.all([inLanguage(questions, ctx.locale), titles(ctx.locale)]);
    const { t } = ctx;
    return {
      questions: qs.map((q) => questionInWords(ctx, q, normTitles)),
      words: {
        headings: [
          t('report.csv.part'),
          t('report.csv.norm'),
          t('report.csv.question'),
          t('report.csv.key'),
          t('report.csv.answer'),
        ],
        inProgress: t('report.evidence.inProgress'),
        parts: Object.fromEntries(PARTS.map((part) => [part, t(PART_KEYS[part])])),
      },
    };
  };
  return { send, ctxOf, stateName, stateChoices, titles, inLanguage, forExport };
}
