// The administrator's backup page (the schedule, the folder, how to restore) and its download, which takes
// a backup from the running instance and records it in the audit log, as the API does.
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { originOf } from '../../platform/http/auth.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { renderDocument } from '../../views/render.ts';
import { sendBackup } from './backup.routes.ts';
import type { BackupService } from './backup.service.ts';
import { BackupPage } from './backup.views.tsx';

export function backupPages(deps: { backups: BackupService; assetVersion: string }) {
  return async (app: FastifyInstance) => {
    app.get('/admin/backup', { schema: { hide: true } }, async (req, reply) => {
      const overview = deps.backups.overview(req.actor);
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(renderDocument(h(BackupPage, { ctx: pageContext(req, deps.assetVersion), overview })));
    });

    app.get('/admin/backup/download', { schema: { hide: true } }, async (req, reply) =>
      sendBackup(reply, await deps.backups.download(req.actor, originOf(req))),
    );
  };
}
