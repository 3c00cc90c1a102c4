// The public overviews, from public submitted reports only: the world map of a norm's measures in a cycle,
// and chosen States side by side, norm by norm. Nothing here needs signing in, and nothing is audited.
import { errors, type FieldProblem, fieldProblem } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import type { Question } from './questionnaire.ts';
import type { Core } from './reports.common.ts';
import {
  knownStates,
  measuresByState,
  publicMeasures,
  statesReportingOnNorm,
  statesWithPublicReport,
} from './reports.queries.ts';
import { stateCodes, unknownList } from './sharing.service.ts';

/** The most States compared at once. */
const MAX_COMPARED = 20;

export function createOverview(core: Core) {
  const { db, cycleOf, questionsOf, currentVersion } = core;

  /**
   * For the map and charts: each State with a public report in the cycle, and how many measures it reported
   * for the norm (chosen actions, plus one if it described others).
   */
  async function mapData(normRaw: unknown, cycleRaw: unknown) {
    const problems: FieldProblem[] = [];
    const norm = typeof normRaw === 'string' && /^[a-k]$/.test(normRaw) ? normRaw : null;
    if (!norm) problems.push(fieldProblem('norm', 'norms'));
    const cycle = await cycleOf(String(cycleRaw));
    if (cycle === null) problems.push(fieldProblem('cycle', 'reportCycle'));
    if (!norm || cycle === null) throw errors.badInput(problems);
    return measuresByState(db, norm, cycle);
  }

  /**
   * Public reports of chosen States for one cycle, side by side: the measures each reported, norm by norm. The
   * States come as a list of codes, or one text of codes separated by commas. `inLanguage` gives the
   * questions' choices in the reader's language (the pages pass it; the API answers in English).
   */
  async function compare(statesRaw: unknown, cycleRaw: unknown, inLanguage = async (qs: Question[]) => qs) {
    const states = stateCodes(typeof statesRaw === 'string' || Array.isArray(statesRaw) ? statesRaw : []);
    const problems: FieldProblem[] = [];
    if (!states.length) problems.push(fieldProblem('states', 'tooFew', { n: 1 }));
    if (states.length > MAX_COMPARED) problems.push(fieldProblem('states', 'tooMany', { n: MAX_COMPARED }));
    const known = await knownStates(db, states);
    const unknown = states.filter((s) => !known.includes(s));
    if (unknown.length) problems.push(fieldProblem('states', 'unknownStates', unknownList(unknown)));
    const cycle = await cycleOf(String(cycleRaw));
    if (cycle === null) problems.push(fieldProblem('cycle', 'reportCycle'));
    if (problems.length || cycle === null) throw errors.badInput(problems);
    const rows = await publicMeasures(db, states, cycle);
    const published = new Set(await statesWithPublicReport(db, states, cycle));
    const questions = new Map((await inLanguage(await questionsOf(await currentVersion()))).map((q) => [q.key, q]));
    const measures: Record<string, Record<string, string[]>> = {};
    for (const r of rows) {
      const norm = r.question.split('.')[1];
      const q = questions.get(r.question);
      const labels = r.question.endsWith('.text')
        ? [String(r.value)]
        : (r.value as string[]).map((id) => q?.options?.find((o) => o.id === id)?.label ?? id);
      measures[norm] ??= {};
      measures[norm][r.state_code] = [...(measures[norm][r.state_code] ?? []), ...labels];
    }
    return { states, cycle, published: states.filter((s) => published.has(s)), measures };
  }

  /**
   * The States that published a report answering on a norm (public and submitted), named in the reader's
   * language and sorted by name, each with the cycle of its latest such report; demo States are marked.
   */
  async function reportersOn(norm: string, locale: Locale) {
    if (!/^[a-k]$/.test(norm)) return [];
    const byName = new Intl.Collator(locale).compare;
    return (await statesReportingOnNorm(db, norm))
      .map((r) => ({ code: r.state_code, name: r.names[locale] ?? r.names.en, cycle: r.cycle, demo: r.status === 'demo' }))
      .sort((a, b) => byName(a.name, b.name));
  }

  return { mapData, compare, reportersOn };
}
