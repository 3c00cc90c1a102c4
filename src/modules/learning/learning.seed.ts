// Loads the shipped learning modules (src/content/learning.ts) into their tables, replacing what was there.
// Learners' progress is kept: it refers to lessons by slug, and the slugs are stable.
import { learningModules } from '../../content/learning.ts';
import type { Queryable } from '../../db/client.ts';

/** Replaces the modules, lessons and self-checks with the shipped edition; run inside a transaction. */
export async function seedLearning(tx: Queryable): Promise<{ lessons: number }> {
  await tx.query('delete from learning_modules');
  let lessons = 0;
  for (const [m, mod] of learningModules.entries()) {
    await tx.query('insert into learning_modules (slug, position, title, summary) values ($1, $2, $3, $4)', [
      mod.slug,
      m + 1,
      mod.title,
      mod.summary,
    ]);
    for (const [l, lesson] of mod.lessons.entries()) {
      await tx.query(
        `insert into lessons (slug, module_slug, position, title, questions, body, reflection, engage, norm_letter)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          lesson.slug,
          mod.slug,
          l + 1,
          lesson.title,
          lesson.questions.map((q) => `- ${q}`).join('\n'),
          lesson.body,
          lesson.reflection,
          lesson.engage,
          lesson.norm ?? null,
        ],
      );
      for (const [c, check] of lesson.checks.entries()) {
        if (check.options.filter((o) => o.correct).length !== 1) throw new Error(`${lesson.slug}: one option must be correct`);
        await tx.query('insert into lesson_checks (id, lesson_slug, position, prompt, options) values ($1, $2, $3, $4, $5)', [
          `${lesson.slug}-${c + 1}`,
          lesson.slug,
          c + 1,
          check.prompt,
          JSON.stringify(check.options.map((o) => ({ text: o.text, correct: o.correct === true, feedback: o.feedback }))),
        ]);
      }
      lessons++;
    }
  }
  return { lessons };
}
