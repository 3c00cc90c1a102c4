// Backups for administrators through the API (GET /api/v1/backup; the page is backup.pages.tsx): taken from
// the running instance, the download recorded in the audit log. The scheduled backups (BACKUP_DIR) start
// and stop with the app.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Backup } from '../../platform/backup.ts';
import { originOf } from '../../platform/http/auth.ts';
import { problemResponses } from '../../platform/http/openapi.ts';
import type { BackupService } from './backup.service.ts';

export function sendBackup(reply: FastifyReply, backup: Backup) {
  return reply
    .header('content-disposition', `attachment; filename="${backup.name}"`)
    .header('cache-control', 'no-store')
    .type('application/gzip')
    .send(backup.archive);
}

export function backupRoutes(deps: {
  backups: BackupService;
  /** The scheduled backups, started when the app is ready and stopped (a backup under way finished) when it closes. */
  scheduler?: { start(): void; stop(): Promise<void> } | null;
}) {
  return async (app: FastifyInstance) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const scheduler = deps.scheduler;
    if (scheduler) {
      app.addHook('onReady', async () => scheduler.start());
      app.addHook('onClose', async () => scheduler.stop());
    }

    r.get(
      '/api/v1/backup',
      {
        schema: {
          tags: ['operations'],
          summary:
            'A backup of the whole embedded database, taken without stopping it: a .tar.gz holding the database, the signed audit checkpoint and the mail files, never the audit key; `npm run cli -- restore <file>` restores it (administrators only; audited; 409 on PostgreSQL, where pg_dump does this)',
          response: { 200: z.any().describe('application/gzip'), ...problemResponses(401, 403, 409) },
        },
      },
      async (req, reply) => sendBackup(reply, await deps.backups.download(req.actor, originOf(req))),
    );
  };
}
