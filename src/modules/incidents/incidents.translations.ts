// The incident record in the reader's language (issue 18, decision 77). Each English text of a published
// incident (its title, summary, effects, sources' titles, each claim's summary and source title, each response's
// summary, each norm's rationale) may have a translation per language, made for this platform and labelled so,
// never an official text. Where there is none the English is shown, marked as English; where the English has
// changed since it was translated (an approved change to the record), the translation is shown as outdated, the
// English beside it. Editors translate a published incident in the browser; a save is published at once (as the
// knowledge content's translations are: the English record is the one that passed four eyes) and audited.
import type { Db, Queryable } from '../../db/client.ts';
import { type Actor, authorize } from '../../platform/access.ts';
import { errors, type FieldProblem, fieldProblem } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import type { Clock, Origin } from '../../platform/kernel.ts';
import { multiLineProblem, singleLineProblem } from '../../platform/text.ts';
import { incidentActions } from './incidents.policy.ts';
import type { IncidentView } from './incidents.service.ts';
import { currentTranslations, insertTranslations, type TranslationRow } from './incidents.translations.queries.ts';

/** The languages a record is translated into; English is the original. */
export const TRANSLATED = ['ar', 'zh', 'fr', 'ru', 'es'] as const;
export type TranslatedLocale = (typeof TRANSLATED)[number];
export const isTranslated = (lang: unknown): lang is TranslatedLocale => TRANSLATED.includes(lang as TranslatedLocale);

/** The longest translation of a one-line text and of a paragraph (as the English's own limits). */
export const MAX_LINE = 300;
export const MAX_TEXT = 8000;

/** One English text of an incident, as an editor translates it. */
export interface Unit {
  /** The field's name: title, summary, effects, source.<n>.title, claim.<id>.summary… */
  key: string;
  english: string;
  /** One line (a title) or paragraphs. */
  line: boolean;
  /** The title must be translated whenever anything is. */
  required: boolean;
  /** What it belongs to, for its label: the incident, a source, a claim, a response or a norm (1-based n). */
  part: 'incident' | 'source' | 'claim' | 'response' | 'norm';
  n: number;
  /** The field's own name (title, summary, effects, sourceTitle, rationale). */
  name: string;
  /** A summary of a State's or another claimant's statement, quoted from its source. */
  quoted: boolean;
  /** A response's State, a norm's letter: named in the label. */
  about?: string;
}

/** The key of a norm at stake: its letter, basis and the invoking State (its row's key). */
export const normKey = (n: { norm_letter: string; basis: string; invoked_by: string }) =>
  `norm.${n.norm_letter}.${n.basis}${n.invoked_by ? `.${n.invoked_by}` : ''}.rationale`;

/** Every English text of the incident that can be translated, in the page's order (empty ones left out). */
export function unitsOf(view: IncidentView): Unit[] {
  const i = view.incident;
  const u = (key: string, english: string, part: Unit['part'], n: number, name: string, more: Partial<Unit> = {}): Unit => ({
    key,
    english,
    line: false,
    required: false,
    part,
    n,
    name,
    quoted: false,
    ...more,
  });
  const units: Unit[] = [
    u('title', i.title, 'incident', 0, 'title', { line: true, required: true }),
    u('summary', i.summary, 'incident', 0, 'summary'),
    u('effects', i.effects, 'incident', 0, 'effects'),
  ];
  view.claims.forEach((c, n) => {
    units.push(u(`claim.${c.id}.summary`, c.summary, 'claim', n + 1, 'summary', { quoted: true }));
    units.push(u(`claim.${c.id}.sourceTitle`, c.source_title, 'claim', n + 1, 'sourceTitle', { line: true }));
    for (const r of c.responses)
      units.push(u(`response.${r.id}.summary`, r.summary, 'response', n + 1, 'summary', { quoted: true, about: r.state_code }));
  });
  for (const [n, x] of view.norms.entries())
    units.push(u(normKey(x), x.rationale, 'norm', n + 1, 'rationale', { about: x.norm_letter }));
  i.sources.forEach((s, n) => {
    units.push(u(`source.${n}.title`, s.title, 'source', n + 1, 'title', { line: true }));
  });
  return units.filter((x) => x.english.trim() !== '');
}

/** How a text is shown: in the reader's language, or in English; outdated when its English changed since. */
export interface Shown {
  lang: Locale;
  outdated: boolean;
  /** The English now, beside an outdated translation. */
  english?: string;
}
export type Shows = Map<string, Shown>;

/** An incident in the reader's language: its texts replaced where translated, and how each is shown. */
export interface LocalisedView {
  view: IncidentView;
  shows: Shows;
  /** Some text is in English (not translated, or the translation removed). */
  fallback: boolean;
  /** Some translation is outdated. */
  outdated: boolean;
}

/** The view with its texts in the language where translated (the English elsewhere), and how each is shown. */
export function localiseView(view: IncidentView, rows: TranslationRow[], locale: Locale): LocalisedView {
  const shows: Shows = new Map();
  if (!isTranslated(locale)) return { view, shows, fallback: false, outdated: false };
  const by = new Map(rows.filter((r) => r.incident_id === view.incident.id && r.value !== '').map((r) => [r.field, r]));
  const text = (key: string, english: string): string => {
    if (!english.trim()) return english;
    const r = by.get(key);
    if (!r) {
      shows.set(key, { lang: 'en', outdated: false });
      return english;
    }
    const outdated = r.source !== english;
    shows.set(key, { lang: locale, outdated, ...(outdated ? { english } : {}) });
    return r.value;
  };
  const i = view.incident;
  const localised: IncidentView = {
    ...view,
    incident: {
      ...i,
      title: text('title', i.title),
      summary: text('summary', i.summary),
      effects: text('effects', i.effects),
      sources: i.sources.map((s, n) => ({ ...s, title: text(`source.${n}.title`, s.title) })),
    },
    claims: view.claims.map((c) => ({
      ...c,
      summary: text(`claim.${c.id}.summary`, c.summary),
      source_title: text(`claim.${c.id}.sourceTitle`, c.source_title),
      responses: c.responses.map((r) => ({ ...r, summary: text(`response.${r.id}.summary`, r.summary) })),
    })),
    norms: view.norms.map((x) => ({ ...x, rationale: text(normKey(x), x.rationale) })),
  };
  const all = [...shows.values()];
  return { view: localised, shows, fallback: all.some((s) => s.lang === 'en'), outdated: all.some((s) => s.outdated) };
}

/** The translations as the editor sent them, against the incident's texts: refused field by field, or the rows. */
export function checkTranslation(units: Unit[], input: unknown): Map<string, string> {
  const raw = (input && typeof input === 'object' && !Array.isArray(input) ? input : {}) as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const values = new Map<string, string>();
  for (const name of Object.keys(raw))
    if (!units.some((x) => x.key === name)) problems.push(fieldProblem(`fields.${name}`, 'unknown', { values: name }));
  for (const x of units) {
    const v = raw[x.key];
    const field = `fields.${x.key}`;
    const value = typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : v === undefined || v === null ? '' : null;
    const max = x.line ? MAX_LINE : MAX_TEXT;
    if (value === null) problems.push(fieldProblem(field, 'text'));
    else if (value.length > max) problems.push(fieldProblem(field, 'tooLong', { n: max }));
    else {
      const p = x.line ? singleLineProblem(value) : multiLineProblem(value);
      if (p) problems.push(fieldProblem(field, p.code, p.params));
      else values.set(x.key, value);
    }
  }
  // A page whose heading stays English while its paragraphs are translated reads as two pages: the title first.
  const title = units.find((x) => x.required);
  if (title && !problems.length && values.get(title.key) === '' && [...values.values()].some((v) => v !== ''))
    problems.push(fieldProblem(`fields.${title.key}`, 'required'));
  if (problems.length) throw errors.badInput(problems);
  return values;
}

/** The outdated translations an editor confirms still right for the English now: fields of the record, else a refusal. */
export function confirmedOf(units: Unit[], input: unknown): Set<string> {
  const list = input === undefined || input === null || input === '' ? [] : Array.isArray(input) ? input : [input];
  const bad = list.filter((x) => typeof x !== 'string' || !units.some((u) => u.key === x));
  if (bad.length) throw errors.badInput([fieldProblem('confirm', 'unknown', { values: bad.map(String).join(', ') })]);
  return new Set(list as string[]);
}

/** The language an editor translates into, or a refusal naming `lang`. */
export function langOf(value: unknown): TranslatedLocale {
  if (isTranslated(value)) return value;
  throw errors.badInput([fieldProblem('lang', 'choice', { options: TRANSLATED.join(', ') })]);
}

type Audit = (
  tx: Queryable,
  actor: Actor,
  origin: Origin,
  action: string,
  id: string,
  details?: Record<string, unknown>,
) => Promise<unknown>;

export function createIncidentTranslations(deps: {
  db: Db;
  clock: Clock;
  audit: Audit;
  /** One incident as its reader may see it (404 otherwise). */
  get: (actor: Actor, id: string) => Promise<IncidentView>;
  onChange?: () => void;
}) {
  const { db, clock } = deps;

  /** These incidents in the language: their texts translated where they are, each marked. */
  async function inLanguage(views: IncidentView[], locale: Locale): Promise<LocalisedView[]> {
    if (!isTranslated(locale) || !views.length) return views.map((view) => localiseView(view, [], locale));
    const rows = await currentTranslations(
      db,
      views.map((v) => v.incident.id),
      locale,
    );
    return views.map((view) => localiseView(view, rows, locale));
  }

  /** What an editor opens to translate a published incident: each English text beside its translation now. */
  async function form(actor: Actor, id: string, lang: unknown) {
    // Reading the form is an editor's read (a read-only token may); saving is the write.
    authorize(actor, incidentActions['incidents.drafts']);
    const view = await published(actor, id);
    const to = langOf(lang);
    const rows = await currentTranslations(db, [id], to);
    const by = new Map(rows.map((r) => [r.field, r]));
    const units = unitsOf(view).map((x) => {
      const r = by.get(x.key);
      return { ...x, value: r?.value ?? '', outdated: r !== undefined && r.value !== '' && r.source !== x.english };
    });
    return { view, lang: to, units };
  }

  async function published(actor: Actor, id: string) {
    const view = await deps.get(actor, id);
    if (view.incident.status !== 'published') throw errors.notFound('The incident');
    return view;
  }

  /**
   * An editor saves translations of a published incident in one language: each field whose text changed gets a
   * new row with the English it translates; a blank field removes a translation. An outdated translation left as
   * it was stays outdated, unless the editor confirms it still says what the English now says (`confirm`).
   */
  async function save(actor: Actor, id: string, body: unknown, origin: Origin) {
    authorize(actor, incidentActions['incidents.translate']);
    const raw = (body ?? {}) as { lang?: unknown; fields?: unknown; confirm?: unknown };
    const lang = langOf(raw.lang);
    const view = await published(actor, id);
    const units = unitsOf(view);
    const values = checkTranslation(units, raw.fields);
    const confirm = confirmedOf(units, raw.confirm);
    const result = await db.transaction(async (tx) => {
      const now = new Map((await currentTranslations(tx, [id], lang)).map((r) => [r.field, r]));
      const rows = units.flatMap((x) => {
        const value = values.get(x.key) ?? '';
        const was = now.get(x.key);
        const changed = was ? was.value !== value : value !== '';
        const confirmed = confirm.has(x.key) && value !== '' && was?.source !== x.english;
        return changed || confirmed ? [{ field: x.key, value, source: x.english }] : [];
      });
      if (!rows.length) throw errors.badInput([fieldProblem('fields', 'unchanged')]);
      await insertTranslations(tx, id, lang, rows, actor.userId, clock().toISOString());
      const fields = rows.map((r) => r.field);
      const removed = rows.filter((r) => r.value === '').map((r) => r.field);
      await deps.audit(tx, actor, origin, 'incident.translate', id, { lang, fields, removed });
      return { id, lang, fields, removed };
    });
    deps.onChange?.();
    return result;
  }

  return { inLanguage, form, save };
}

export type IncidentTranslations = ReturnType<typeof createIncidentTranslations>;

/**
 * Incidents' titles and summaries in the language where both are translated (a line is never half in one
 * language, half in another), with the language they are in; for the feed, by incident.
 */
export async function titlesIn(
  db: Queryable,
  rows: { id: string; title: string; summary: string }[],
  locale: string,
): Promise<Map<string, { title: string; summary: string; lang: Locale }>> {
  const out = new Map(rows.map((r) => [r.id, { title: r.title, summary: r.summary, lang: 'en' as Locale }]));
  if (!isTranslated(locale) || !rows.length) return out;
  const found = await currentTranslations(
    db,
    rows.map((r) => r.id),
    locale,
  );
  for (const r of rows) {
    const of = (field: string) => found.find((x) => x.incident_id === r.id && x.field === field && x.value !== '')?.value;
    const title = of('title');
    const summary = r.summary ? of('summary') : '';
    if (title !== undefined && summary !== undefined) out.set(r.id, { title, summary, lang: locale });
  }
  return out;
}

/**
 * A picker of these incidents' texts in the language, for lists elsewhere (the norm page): a text's current
 * translation, or its English where there is none or it is outdated (no English stands beside it there).
 */
export async function textsIn(db: Queryable, ids: string[], locale: string) {
  const rows = isTranslated(locale) && ids.length ? await currentTranslations(db, ids, locale) : [];
  const by = new Map(rows.filter((r) => r.value !== '').map((r) => [`${r.incident_id}|${r.field}`, r]));
  return (id: string, field: string, english: string): { text: string; lang: Locale } => {
    const r = by.get(`${id}|${field}`);
    return r && r.source === english ? { text: r.value, lang: locale as Locale } : { text: english, lang: 'en' };
  };
}
