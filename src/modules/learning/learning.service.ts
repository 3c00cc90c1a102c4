// Learning modules: ordered lessons with guiding questions, body, reflection and "contribute and engage"
// (Markdown), a self-check per lesson with feedback on each answer, and signed-in learners' progress.
// Lesson texts are translated per language like the rest of the knowledge base (English fallback).
import type { Db } from '../../db/client.ts';
import { type Actor, authorize, defineRules } from '../../platform/access.ts';
import { recordAudit } from '../../platform/audit.ts';
import { errors, type FieldProblem, fieldProblem } from '../../platform/errors.ts';
import type { Locale } from '../../platform/i18n/locales.ts';
import type { Clock, Origin } from '../../platform/kernel.ts';
import { localise, type Text, translationsOf } from '../knowledge/index.ts';
import { optionField } from './editable.ts';
import * as q from './learning.queries.ts';

export const learningActions = defineRules({
  /** Progress is one's own: anyone signed in records theirs. */
  'learning.progress': { self: true, write: true },
  /** Reading one's own progress: a read-only token may. */
  'learning.progress.read': { self: true },
});

export interface ModuleSummary {
  slug: string;
  title: Text;
  summary: Text;
  lessons: number;
  /** Lessons whose self-check the reader completed (0 when signed out). */
  done: number;
}

export interface LessonSummary {
  slug: string;
  position: number;
  title: Text;
  norm: string | null;
  progress: { correct: number; total: number; completedAt: string } | null;
}

/** A self-check question as a learner sees it: in their language where translated (each text says which). */
export interface CheckView {
  id: string;
  prompt: Text;
  options: { text: Text }[];
}

export interface LessonView {
  module: { slug: string; title: Text };
  slug: string;
  position: number;
  total: number;
  title: Text;
  questions: Text;
  body: Text;
  reflection: Text;
  engage: Text;
  norm: string | null;
  previous: string | null;
  next: string | null;
  checks: CheckView[];
  progress: LessonSummary['progress'];
  updatedAt: string;
}

export interface CheckResult {
  id: string;
  prompt: Text;
  chosen: number;
  chosenText: Text;
  correct: boolean;
  feedback: Text;
}

const LESSON_FIELDS = ['title', 'questions', 'body', 'reflection', 'engage'] as const;

/** A self-check's question, answers and feedback in the language (translations `prompt`, `option-N`, `feedback-N`). */
function localCheck(t: Awaited<ReturnType<typeof translationsOf>>, c: q.CheckRow, locale: Locale) {
  return {
    id: c.id,
    prompt: localise(t, c.id, 'prompt', c.prompt, locale),
    options: c.options.map((o, i) => ({
      text: localise(t, c.id, optionField('option', i + 1), o.text, locale),
      feedback: localise(t, c.id, optionField('feedback', i + 1), o.feedback, locale),
      correct: o.correct,
    })),
  };
}

export function createLearningService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  const translations = (entity: string, locale: Locale) => translationsOf(db, entity, locale);

  async function progressOf(userId: string | null, slugs: string[]) {
    if (!userId || slugs.length === 0) return new Map<string, NonNullable<LessonSummary['progress']>>();
    const rows = await q.progressOfLessons(db, userId, slugs);
    return new Map(
      rows.map((r) => [
        r.lesson_slug,
        { correct: r.correct, total: r.total, completedAt: new Date(r.completed_at).toISOString() },
      ]),
    );
  }

  /** Every module with its number of lessons and, for a signed-in reader, how many they completed. */
  async function listModules(locale: Locale, userId: string | null): Promise<ModuleSummary[]> {
    const rows = await q.modulesWithCounts(db, userId);
    const t = await translations('module', locale);
    return rows.map((r) => ({
      slug: r.slug,
      title: localise(t, r.slug, 'title', r.title, locale),
      summary: localise(t, r.slug, 'summary', r.summary, locale),
      lessons: r.lessons,
      done: r.done,
    }));
  }

  /** One module with its lessons in order, or undefined. */
  async function getModule(slug: string, locale: Locale, userId: string | null) {
    const mod = (await listModules(locale, userId)).find((m) => m.slug === slug);
    if (!mod) return undefined;
    const rows = await q.lessonsOfModule(db, slug);
    const [t, progress] = await Promise.all([
      translations('lesson', locale),
      progressOf(
        userId,
        rows.map((r) => r.slug),
      ),
    ]);
    const lessons: LessonSummary[] = rows.map((r) => ({
      slug: r.slug,
      position: r.position,
      title: localise(t, r.slug, 'title', r.title, locale),
      norm: r.norm_letter,
      progress: progress.get(r.slug) ?? null,
    }));
    return { ...mod, lessons };
  }

  /** One lesson of a module with "n of N" navigation and its self-check (without the answers), or undefined. */
  async function getLesson(
    moduleSlug: string,
    lessonSlug: string,
    locale: Locale,
    userId: string | null,
  ): Promise<LessonView | undefined> {
    const mod = await getModule(moduleSlug, locale, userId);
    const i = mod?.lessons.findIndex((l) => l.slug === lessonSlug) ?? -1;
    if (!mod || i < 0) return undefined;
    const row = await q.lessonText(db, lessonSlug);
    if (!row) return undefined;
    const [t, tc, checks] = await Promise.all([
      translations('lesson', locale),
      translations('lesson_check', locale),
      q.checksOfLesson(db, lessonSlug),
    ]);
    const field = (f: (typeof LESSON_FIELDS)[number]) => localise(t, lessonSlug, f, row[f], locale);
    return {
      module: { slug: mod.slug, title: mod.title },
      slug: lessonSlug,
      position: i + 1,
      total: mod.lessons.length,
      title: field('title'),
      questions: field('questions'),
      body: field('body'),
      reflection: field('reflection'),
      engage: field('engage'),
      norm: row.norm_letter,
      previous: mod.lessons[i - 1]?.slug ?? null,
      next: mod.lessons[i + 1]?.slug ?? null,
      checks: checks.map((c) => {
        const l = localCheck(tc, c, locale);
        return { id: l.id, prompt: l.prompt, options: l.options.map((o) => ({ text: o.text })) };
      }),
      progress: mod.lessons[i].progress,
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }

  /**
   * Marks a lesson's self-check: feedback on each chosen answer, and for a signed-in learner the result
   * is recorded as their progress (the latest attempt counts). Every question needs an answer. The question,
   * the answer chosen and its feedback come back in the learner's language where translated.
   */
  async function check(
    actor: Actor,
    moduleSlug: string,
    lessonSlug: string,
    input: unknown,
    origin: Origin,
    locale: Locale = 'en',
  ) {
    if (!(await q.lessonInModule(db, moduleSlug, lessonSlug))) throw errors.notFound('The lesson');
    const answers = ((input ?? {}) as { answers?: unknown }).answers;
    const given = answers && typeof answers === 'object' ? (answers as Record<string, unknown>) : {};
    const [rows, t] = await Promise.all([q.checksOfLesson(db, lessonSlug), translations('lesson_check', locale)]);
    const checks = rows.map((c) => localCheck(t, c, locale));
    const problems: FieldProblem[] = [];
    const results: CheckResult[] = [];
    for (const c of checks) {
      const raw = given[c.id];
      const chosen = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
      if (!Number.isInteger(chosen) || chosen < 0 || chosen >= c.options.length) {
        problems.push(fieldProblem(`answers.${c.id}`, 'chooseAnswer'));
        continue;
      }
      const option = c.options[chosen];
      results.push({
        id: c.id,
        prompt: c.prompt,
        chosen,
        chosenText: option.text,
        correct: option.correct,
        feedback: option.feedback,
      });
    }
    if (problems.length) throw errors.badInput(problems);
    const correct = results.filter((r) => r.correct).length;
    let recorded = false;
    if (actor.userId) {
      authorize(actor, learningActions['learning.progress']);
      const now = clock();
      await db.transaction(async (tx) => {
        await q.saveProgress(tx, {
          userId: actor.userId as string,
          lessonSlug,
          answers: Object.fromEntries(results.map((r) => [r.id, r.chosen])),
          correct,
          total: results.length,
          at: now.toISOString(),
        });
        await recordAudit(
          tx,
          {
            actor: `user:${actor.userId}`,
            origin: origin.ip,
            action: 'learning.check',
            entity: 'lesson',
            entityId: lessonSlug,
            details: { correct, total: results.length },
          },
          now,
        );
      });
      recorded = true;
    }
    return { lesson: lessonSlug, results, correct, total: results.length, recorded };
  }

  /** The signed-in learner's progress in every module. */
  async function progress(actor: Actor, locale: Locale) {
    authorize(actor, learningActions['learning.progress.read']);
    const modules = await listModules(locale, actor.userId);
    const rows = await q.progressOfUser(db, actor.userId);
    return modules.map((m) => ({
      module: m.slug,
      lessons: m.lessons,
      done: m.done,
      completed: rows
        .filter((r) => r.module_slug === m.slug)
        .map((r) => ({
          lesson: r.lesson_slug,
          correct: r.correct,
          total: r.total,
          completedAt: new Date(r.completed_at).toISOString(),
        })),
    }));
  }

  /** Lessons newest first, for the Atom feed. */
  async function recentLessons(limit = 50) {
    return q.lessonsByUpdate(db, limit);
  }

  /** Whether a lesson exists (comments may only be attached to real ones), and its page. */
  async function lessonUrl(slug: string): Promise<string | null> {
    const moduleSlug = await q.moduleOfLesson(db, slug);
    return moduleSlug ? `/learn/${moduleSlug}/${slug}` : null;
  }

  return { listModules, getModule, getLesson, check, progress, recentLessons, lessonUrl };
}

export type LearningService = ReturnType<typeof createLearningService>;
