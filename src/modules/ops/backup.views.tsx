// The administrator's backup page: download one now, the schedule and the folder, and how to restore.
import type { PageContext } from '../../views/context.ts';
import { Layout } from '../../views/layout.tsx';
import type { BackupOverview } from './backup.service.ts';

const stamp = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 19);
const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export function BackupPage(props: { ctx: PageContext; overview: BackupOverview }) {
  const { ctx, overview } = props;
  const { t } = ctx;
  const s = overview.schedule;
  return (
    <Layout ctx={ctx} title={t('backup.title')}>
      <h1>{t('backup.title')}</h1>
      <p>{t('backup.intro')}</p>
      {overview.available ? (
        <>
          <p>
            <a href="/admin/backup/download" download>
              {t('backup.download')}
            </a>
          </p>
          <p>{t('backup.downloadHint')}</p>
        </>
      ) : (
        <p role="status">{t('backup.unavailable')}</p>
      )}
      <p>
        <strong>{t('backup.key')}</strong>
      </p>
      {overview.available && (
        <>
          <p>{t('backup.restore')}</p>
          <pre>
            <code>npm run cli -- restore cybernorms-backup-….tar.gz --data-dir /srv/cybernorms/data</code>
          </pre>
        </>
      )}
      <h2>{t('backup.schedule')}</h2>
      {!s ? (
        <p>{t('backup.scheduleOff')}</p>
      ) : (
        <>
          <p>{t('backup.scheduleOn', { hours: +(s.intervalMs / 3_600_000).toFixed(2), dir: s.dir, keep: s.keep })}</p>
          <dl>
            {s.last && (
              <>
                <dt>{t('backup.last')}</dt>
                <dd>
                  {stamp(s.last.at)} UTC{s.last.ok ? '' : ` — ${t('backup.failed', { reason: s.last.error })}`}
                </dd>
              </>
            )}
            {s.next && (
              <>
                <dt>{t('backup.next')}</dt>
                <dd>{stamp(s.next)} UTC</dd>
              </>
            )}
          </dl>
          {overview.files.length === 0 ? (
            <p>{t('backup.none')}</p>
          ) : (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('backup.file')}</th>
                    <th scope="col">{t('audit.at')}</th>
                    <th scope="col">{t('backup.size')}</th>
                  </tr>
                </thead>
                <tbody>
                  {overview.files.map((f) => (
                    <tr>
                      <td>
                        <code>{f.name}</code>
                      </td>
                      <td>{stamp(f.at)}</td>
                      <td>{megabytes(f.size)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </Layout>
  );
}
