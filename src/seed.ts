// Loading the shipped content: on first start (empty database) and on `cybernorms seed`.

import type { Db, Queryable } from './db/client.ts';
import { seedDemoDirectory } from './modules/directory/index.ts';
import { demoAccountCount, seedDemoAccounts } from './modules/identity/index.ts';
import { incidentCount, seedIncidents, topUpIncidentTranslations } from './modules/incidents/index.ts';
import {
  KNOWLEDGE_DOCUMENT_KINDS,
  normCount,
  searchableDocuments,
  seedKnowledge,
  topUpTranslations,
} from './modules/knowledge/index.ts';
import { LEARNING_DOCUMENT_KINDS, learningSearchDocuments, lessonCount, seedLearning } from './modules/learning/index.ts';
import { seedRegistry } from './modules/registry/index.ts';
import { ensureQuestionnaire, seedDemoReports } from './modules/reports/index.ts';
import { replaceDocuments } from './modules/search/index.ts';
import { recordAudit } from './platform/audit.ts';

/** Who asked for the seed, for the audit log. */
export interface Requester {
  actor: string;
  origin: string;
}

/** Rebuilds the search index of the content (knowledge and lessons) from what tx sees; returns the documents. */
async function reindexContent(tx: Queryable) {
  const docs = [...(await searchableDocuments(tx)), ...(await learningSearchDocuments(tx))];
  await replaceDocuments(tx, [...KNOWLEDGE_DOCUMENT_KINDS, ...LEARNING_DOCUMENT_KINDS], docs);
  return docs;
}

/** Replaces the knowledge content and its search index in one transaction, audited: all or nothing. */
export async function seedContent(db: Db, by: Requester): Promise<{ documents: number }> {
  return db.transaction(async (tx) => {
    await seedKnowledge(tx);
    await seedLearning(tx);
    // The questionnaire's first version is built from the knowledge base; later versions are editors' work.
    await ensureQuestionnaire(tx, by.actor);
    const docs = await reindexContent(tx);
    await recordAudit(tx, { ...by, action: 'knowledge.seed', entity: 'knowledge', details: { documents: docs.length } });
    return { documents: docs.length };
  });
}

/** Loads the States and organisations registry (and the demo States when asked), audited. */
export async function seedRegistryData(db: Db, by: Requester, opts: { demo: boolean }) {
  return db.transaction(async (tx) => {
    const counts = await seedRegistry(tx, opts);
    await recordAudit(tx, { ...by, action: 'registry.seed', entity: 'registry', details: counts });
    return counts;
  });
}

/** Creates the demo accounts (and demo States, and their demo points of contact) that are missing. */
export async function seedDemo(db: Db, by: Requester): Promise<number> {
  await seedRegistryData(db, by, { demo: true });
  return db.transaction(async (tx) => {
    const made = await seedDemoAccounts(tx, by);
    await seedDemoDirectory(tx, by);
    await seedDemoReports(tx);
    return made;
  });
}

/**
 * Adds the shipped incidents the record lacks (none twice; the ones it holds are left as editors keep them),
 * audited. They name States: null, and nothing done, while the registry is empty (the first start loads it).
 */
export async function seedShippedIncidents(db: Db, by: Requester): Promise<number | null> {
  const [{ n: states }] = await db.query<{ n: number }>('select count(*)::int as n from states');
  if (states === 0) return null;
  return db.transaction(async (tx) => {
    const incidents = await seedIncidents(tx);
    if (incidents) await recordAudit(tx, { ...by, action: 'incidents.seed', entity: 'incidents', details: { incidents } });
    return incidents;
  });
}

export interface SeedReport {
  knowledge: boolean;
  registry: boolean;
  demoAccounts: number;
}

/**
 * First start: seeds what is empty, so a restart never overwrites content. The registry is loaded when it
 * is empty; demo accounts when demo data is wanted and no account exists yet.
 */
export async function ensureSeeded(db: Db, opts: { demo: boolean } = { demo: false }): Promise<SeedReport> {
  const by = { actor: 'system:first-start', origin: 'startup' };
  const report: SeedReport = { knowledge: false, registry: false, demoAccounts: 0 };
  if ((await normCount(db)) === 0) {
    await seedContent(db, by);
    report.knowledge = true;
  } else if ((await lessonCount(db)) === 0) {
    // A database from before the learning modules existed: add them (and index them) without touching the rest.
    await db.transaction(async (tx) => {
      await seedLearning(tx);
      await reindexContent(tx);
      await recordAudit(tx, { ...by, action: 'learning.seed', entity: 'learning' });
    });
    report.knowledge = true;
  }
  // A database from before the content was translated, or indexed in English only: add the shipped
  // translations of each language it has none in, and index every language (an editor's removed translation
  // stays removed: a language with any translation is left alone).
  await db.transaction(async (tx) => {
    const added = await topUpTranslations(tx);
    const [{ n: translated }] = await tx.query<{ n: number }>(
      "select count(*)::int as n from search_documents where lang <> 'en'",
    );
    if (!added.length && translated > 0) return;
    const docs = await reindexContent(tx);
    await recordAudit(tx, {
      ...by,
      action: 'knowledge.translations',
      entity: 'knowledge',
      details: { added, documents: docs.length },
    });
    report.knowledge = true;
  });
  const [{ n: versions }] = await db.query<{ n: number }>('select count(*)::int as n from questionnaire_versions');
  if (versions === 0) await db.transaction((tx) => ensureQuestionnaire(tx, by.actor));
  const [{ n: states }] = await db.query<{ n: number }>('select count(*)::int as n from states');
  if (states === 0) {
    await seedRegistryData(db, by, { demo: opts.demo });
    report.registry = true;
  }
  // The shipped incident record (issue 18), once: it names States, so after the registry.
  if ((await incidentCount(db)) === 0) await seedShippedIncidents(db, by);
  else {
    // A record from before it was translated: the shipped incidents' texts in each language they have none in.
    await db.transaction(async (tx) => {
      const rows = await topUpIncidentTranslations(tx);
      if (rows) await recordAudit(tx, { ...by, action: 'incidents.translations', entity: 'incidents', details: { rows } });
    });
  }
  if (opts.demo) {
    const [{ n: users }] = await db.query<{ n: number }>('select count(*)::int as n from users');
    if (users === 0) report.demoAccounts = await seedDemo(db, by);
  }
  return report;
}

export { demoAccountCount };
