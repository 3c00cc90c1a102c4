// Every SQL statement of the learning module, one function each, named after what it returns (or, for a
// write, what it does). Each takes the Queryable to run on; no rules here.
import type { Queryable } from '../../db/client.ts';

export interface CheckRow {
  id: string;
  lesson_slug: string;
  prompt: string;
  options: { text: string; correct: boolean; feedback: string }[];
}

export interface LessonTextRow {
  title: string;
  questions: string;
  body: string;
  reflection: string;
  engage: string;
  norm_letter: string | null;
  updated_at: Date;
}

// Modules and lessons

/** Every module in order, with its number of lessons and how many of them the user completed (none for null). */
export const modulesWithCounts = (q: Queryable, userId: string | null) =>
  q.query<{ slug: string; title: string; summary: string; lessons: number; done: number }>(
    `select m.slug, m.title, m.summary, count(l.slug)::int as lessons,
            count(p.lesson_slug)::int as done
     from learning_modules m left join lessons l on l.module_slug = m.slug
     left join learning_progress p on p.lesson_slug = l.slug and p.user_id = $1
     group by m.slug order by m.position`,
    [userId],
  );

/** A module's lessons in order. */
export const lessonsOfModule = (q: Queryable, moduleSlug: string) =>
  q.query<{ slug: string; position: number; title: string; norm_letter: string | null }>(
    'select slug, position, title, norm_letter from lessons where module_slug = $1 order by position',
    [moduleSlug],
  );

/** A lesson's texts, its norm and when it last changed. */
export async function lessonText(q: Queryable, slug: string): Promise<LessonTextRow | undefined> {
  const [row] = await q.query<LessonTextRow>(
    'select title, questions, body, reflection, engage, norm_letter, updated_at from lessons where slug = $1',
    [slug],
  );
  return row;
}

/** Whether the lesson is in the module. */
export async function lessonInModule(q: Queryable, moduleSlug: string, lessonSlug: string): Promise<boolean> {
  const rows = await q.query('select slug from lessons where slug = $1 and module_slug = $2', [lessonSlug, moduleSlug]);
  return rows.length > 0;
}

/** The module a lesson belongs to, if the lesson exists. */
export async function moduleOfLesson(q: Queryable, slug: string): Promise<string | undefined> {
  const [row] = await q.query<{ module_slug: string }>('select module_slug from lessons where slug = $1', [slug]);
  return row?.module_slug;
}

/** Lessons last changed first, for the Atom feed. */
export const lessonsByUpdate = (q: Queryable, limit: number) =>
  q.query<{ slug: string; module_slug: string; title: string; body: string; published_at: Date; updated_at: Date }>(
    'select slug, module_slug, title, body, published_at, updated_at from lessons order by updated_at desc, module_slug, position limit $1',
    [limit],
  );

/** How many lessons there are (none in a database from before the learning modules). */
export const lessonCount = async (q: Queryable) => (await q.query<{ n: number }>('select count(*)::int as n from lessons'))[0].n;

/** Every lesson's English texts in module order, for the search index. */
export const lessonsForSearch = (q: Queryable) =>
  q.query<{ slug: string; module_slug: string; title: string; questions: string; body: string }>(
    'select slug, module_slug, title, questions, body from lessons order by module_slug, position',
  );

// Self-checks and progress

/** A lesson's self-check questions with their answers, in order. */
export const checksOfLesson = (q: Queryable, lessonSlug: string) =>
  q.query<CheckRow>('select id, lesson_slug, prompt, options from lesson_checks where lesson_slug = $1 order by position', [
    lessonSlug,
  ]);

/** The user's results for these lessons. */
export const progressOfLessons = (q: Queryable, userId: string, slugs: string[]) =>
  q.query<{ lesson_slug: string; correct: number; total: number; completed_at: Date }>(
    'select lesson_slug, correct, total, completed_at from learning_progress where user_id = $1 and lesson_slug = any($2)',
    [userId, slugs],
  );

/** Every result of the user, in module and lesson order. */
export const progressOfUser = (q: Queryable, userId: string | null) =>
  q.query<{ lesson_slug: string; module_slug: string; correct: number; total: number; completed_at: Date }>(
    `select p.lesson_slug, l.module_slug, p.correct, p.total, p.completed_at from learning_progress p
     join lessons l on l.slug = p.lesson_slug where p.user_id = $1 order by l.module_slug, l.position`,
    [userId],
  );

/** Records the user's latest attempt at a lesson's self-check, replacing the one before. */
export const saveProgress = (
  q: Queryable,
  p: { userId: string; lessonSlug: string; answers: Record<string, number>; correct: number; total: number; at: string },
) =>
  q.query(
    `insert into learning_progress (user_id, lesson_slug, answers, correct, total, completed_at) values ($1, $2, $3, $4, $5, $6)
     on conflict (user_id, lesson_slug) do update set answers = excluded.answers, correct = excluded.correct,
       total = excluded.total, completed_at = excluded.completed_at`,
    [p.userId, p.lessonSlug, JSON.stringify(p.answers), p.correct, p.total, p.at],
  );

// What editors change (editable.ts)

/** The modules, by position, for the editors' index. */
export const editableModules = (q: Queryable) =>
  q.query<{ id: string; label: string }>('select slug as id, title as label from learning_modules order by position');

/** A module's editable English fields. */
export async function moduleFields(q: Queryable, slug: string) {
  const [row] = await q.query<{ title: string; summary: string }>('select title, summary from learning_modules where slug = $1', [
    slug,
  ]);
  return row;
}

/** Saves a module's English fields. */
export const updateModuleFields = (q: Queryable, slug: string, f: Record<string, string>) =>
  q.query('update learning_modules set title = $2, summary = $3 where slug = $1', [slug, f.title, f.summary]);

/** The lessons, by module and position, for the editors' index. */
export const editableLessons = (q: Queryable) =>
  q.query<{ id: string; label: string }>('select slug as id, title as label from lessons order by module_slug, position');

/** A lesson's editable English fields and its module. */
export async function lessonFields(q: Queryable, slug: string) {
  const [row] = await q.query<{
    title: string;
    questions: string;
    body: string;
    reflection: string;
    engage: string;
    module_slug: string;
  }>('select title, questions, body, reflection, engage, module_slug from lessons where slug = $1', [slug]);
  return row;
}

/** Saves a lesson's English fields and when it changed. */
export const updateLessonFields = (q: Queryable, slug: string, f: Record<string, string>, at: string) =>
  q.query(
    'update lessons set title = $2, questions = $3, body = $4, reflection = $5, engage = $6, updated_at = $7 where slug = $1',
    [slug, f.title, f.questions, f.body, f.reflection, f.engage, at],
  );

/** Marks a lesson changed (a translation was saved). */
export const touchLesson = (q: Queryable, slug: string, at: string) =>
  q.query('update lessons set updated_at = $2 where slug = $1', [slug, at]);

/** The self-checks, labelled "Lesson title · 1: prompt", by module, lesson and position, for the editors' index. */
export const editableChecks = (q: Queryable) =>
  q.query<{ id: string; label: string }>(
    `select c.id, l.title || ' · ' || c.position || ': ' || c.prompt as label
     from lesson_checks c join lessons l on l.slug = c.lesson_slug order by l.module_slug, l.position, c.position`,
  );

/** A self-check's question and answers, with its lesson and module. */
export async function checkFields(q: Queryable, id: string) {
  const [row] = await q.query<Omit<CheckRow, 'id'> & { module_slug: string }>(
    `select c.lesson_slug, l.module_slug, c.prompt, c.options
     from lesson_checks c join lessons l on l.slug = c.lesson_slug where c.id = $1`,
    [id],
  );
  return row;
}

/** Saves a self-check's question and answers (JSON, as `options`). */
export const updateCheck = (q: Queryable, id: string, prompt: string, options: CheckRow['options']) =>
  q.query('update lesson_checks set prompt = $2, options = $3 where id = $1', [id, prompt, JSON.stringify(options)]);

/** Marks the lesson of a self-check changed. */
export const touchLessonOfCheck = (q: Queryable, id: string, at: string) =>
  q.query('update lessons set updated_at = $2 where slug = (select lesson_slug from lesson_checks where id = $1)', [id, at]);
