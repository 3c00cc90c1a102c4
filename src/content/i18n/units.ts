// Every text unit of the shipped content that a reader sees, as the translations table names it:
// (entity, id, field). The English text is the original; each other UN language ships a catalogue
// (`<lang>.json`, entity → id → field → text) that must hold exactly these units (content.test.ts).
// Official texts are not units: they are quoted in the adopted English and linked per language.
import { actors, forums, sectors } from '../actors.ts';
import { glossary, pillars, timeline } from '../framework.ts';
import { learningModules } from '../learning.ts';
import { cbms, frameworks } from '../measures.ts';
import { norms } from '../norms.ts';

export interface TextUnit {
  entity: string;
  id: string;
  field: string;
  text: string;
}

/** The ids a norm's actor roles and forum notes are translated under: `<letter>-<slug>`. */
export const relationId = (letter: string, slug: string) => `${letter}-${slug}`;
/** Self-check option fields: `option-1`, `feedback-1`, … */
export const optionField = (kind: 'option' | 'feedback', n: number) => `${kind}-${n}`;

export function contentUnits(): TextUnit[] {
  const units: TextUnit[] = [];
  const add = (entity: string, id: string, fields: Record<string, string>) => {
    for (const [field, text] of Object.entries(fields)) units.push({ entity, id, field, text });
  };
  for (const p of pillars) add('pillar', p.slug, { title: p.title, summary: p.summary, body: p.body.join('\n\n') });
  for (const n of norms) {
    add('norm', n.letter, {
      title: n.title,
      summary: n.summary,
      about: n.about.join('\n\n'),
      relevance: n.relevance.join('\n\n'),
    });
    for (const [i, a] of n.actions.entries()) {
      add('norm_action', `${n.letter}-${i + 1}`, { title: a.title, description: a.description });
    }
    for (const a of n.actors) add('norm_actor', relationId(n.letter, a.actor), { role: a.role });
    for (const f of n.forums) add('norm_forum', relationId(n.letter, f.forum), { note: f.note });
  }
  for (const a of actors) add('actor', a.slug, { name: a.name, description: a.description });
  for (const f of forums) add('forum', f.slug, { name: f.name, description: f.description });
  for (const s of sectors) add('sector', s.slug, { name: s.name, description: s.description, sources: s.sources });
  for (const c of cbms) add('cbm', `${c.source}-${c.number}`, { title: c.title, description: c.description, adopted: c.adopted });
  for (const f of frameworks) {
    add('framework', f.slug, { name: f.name, description: f.description, adopted: f.adopted });
    for (const e of f.elements) add('framework_element', `${f.slug}-${e.number}`, { title: e.title, description: e.description });
  }
  for (const g of glossary) add('glossary', g.slug, { term: g.term, definition: g.definition });
  for (const t of timeline) add('timeline', t.id, { date_label: t.label, title: t.title, description: t.description });
  for (const m of learningModules) {
    add('module', m.slug, { title: m.title, summary: m.summary });
    for (const l of m.lessons) {
      add('lesson', l.slug, {
        title: l.title,
        questions: l.questions.map((q) => `- ${q}`).join('\n'),
        body: l.body,
        reflection: l.reflection,
        engage: l.engage,
      });
      l.checks.forEach((c, i) => {
        const fields: Record<string, string> = { prompt: c.prompt };
        c.options.forEach((o, k) => {
          fields[optionField('option', k + 1)] = o.text;
          fields[optionField('feedback', k + 1)] = o.feedback;
        });
        add('lesson_check', `${l.slug}-${i + 1}`, fields);
      });
    }
  }
  return units;
}

/** The units as a catalogue: entity → id → field → text (the shape of each `<lang>.json`). */
export type Catalogue = Record<string, Record<string, Record<string, string>>>;

export function asCatalogue(units: TextUnit[]): Catalogue {
  const out: Catalogue = {};
  for (const u of units) {
    out[u.entity] ??= {};
    out[u.entity][u.id] ??= {};
    out[u.entity][u.id][u.field] = u.text;
  }
  return out;
}
