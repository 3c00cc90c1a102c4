// The real application on a seeded test database, driven in-process with inject() or over a real port.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { seededDb } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  db: Awaited<ReturnType<typeof seededDb>>;
  close: () => Promise<void>;
}

export async function testApp(): Promise<TestApp> {
  const db = await seededDb();
  const app = await buildApp({ config: { LOG_LEVEL: 'silent', TRUST_PROXY: false }, db });
  await app.ready();
  return {
    app,
    db,
    close: async () => {
      await app.close();
      await db.dispose();
    },
  };
}
