// The real application on a seeded test database, driven in-process with inject() or over a real port.
import type { FastifyInstance } from 'fastify';
import { type AppDeps, buildApp } from '../../src/app.ts';
import { seededDb } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  db: Awaited<ReturnType<typeof seededDb>>;
  close: () => Promise<void>;
}

/** Options: a clock tests can move, where mail goes, the address in mailed links. */
export type TestAppOptions = Partial<Pick<AppDeps, 'clock' | 'mail' | 'publicUrl'>> & { config?: Partial<AppDeps['config']> };

export async function testApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const db = await seededDb();
  const app = await buildApp({
    config: { LOG_LEVEL: 'silent', TRUST_PROXY: false, ...opts.config },
    db,
    clock: opts.clock,
    mail: opts.mail,
    publicUrl: opts.publicUrl,
  });
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
