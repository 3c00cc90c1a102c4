// Loading the shipped content: on first start (empty database) and on `cybernorms seed`.
import type { Db } from './db/client.ts';
import { normCount } from './modules/knowledge/knowledge.queries.ts';
import { seedKnowledge } from './modules/knowledge/knowledge.seed.ts';
import { KNOWLEDGE_DOCUMENT_KINDS, searchableDocuments } from './modules/knowledge/knowledge.service.ts';
import { replaceDocuments } from './modules/search/search.service.ts';
import { recordAudit } from './platform/audit.ts';

/** Who asked for the seed, for the audit log. */
export interface Requester {
  actor: string;
  origin: string;
}

/** Replaces the knowledge content and its search index in one transaction, audited: all or nothing. */
export async function seedContent(db: Db, by: Requester): Promise<{ documents: number }> {
  return db.transaction(async (tx) => {
    await seedKnowledge(tx);
    const docs = await searchableDocuments(tx);
    await replaceDocuments(tx, KNOWLEDGE_DOCUMENT_KINDS, docs);
    await recordAudit(tx, { ...by, action: 'knowledge.seed', entity: 'knowledge', details: { documents: docs.length } });
    return { documents: docs.length };
  });
}

/** Seeds only when the knowledge base is empty, so a restart never overwrites content. */
export async function ensureSeeded(db: Db): Promise<boolean> {
  if ((await normCount(db)) > 0) return false;
  await seedContent(db, { actor: 'system:first-start', origin: 'startup' });
  return true;
}
