// The administrator's audit log page: filters, the entries newest first, exports and the checkpoint.
import type { PageContext } from '../../views/context.ts';
import { Field, type FormProblem, Problems } from '../../views/forms.tsx';
import { Layout } from '../../views/layout.tsx';
import type { AuditFilter, AuditRecord } from './audit.service.ts';

export function AuditPage(props: {
  ctx: PageContext;
  filter: AuditFilter;
  entries: (AuditRecord & { actor_email: string | null })[];
  next: string | null;
  problems?: FormProblem[];
}) {
  const { ctx, filter } = props;
  const { t } = ctx;
  const query = new URLSearchParams(Object.entries(filter).filter(([k, v]) => v && k !== 'before') as [string, string][]);
  const qs = query.toString();
  return (
    <Layout ctx={ctx} title={t('audit.title')}>
      <h1>{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      <Problems ctx={ctx} problems={props.problems ?? []} />
      <form method="get" action="/admin/audit" class="filters">
        <Field ctx={ctx} name="actor" label="audit.actor" value={filter.actor} problems={props.problems} maxLength={200} />
        <Field ctx={ctx} name="action" label="audit.action" value={filter.action} problems={props.problems} maxLength={100} />
        <Field ctx={ctx} name="entity" label="audit.entity" value={filter.entity} problems={props.problems} maxLength={100} />
        <Field ctx={ctx} name="from" type="date" label="audit.from" value={filter.from} problems={props.problems} />
        <Field ctx={ctx} name="to" type="date" label="audit.to" value={filter.to} problems={props.problems} />
        <button type="submit">{t('audit.filter')}</button>
      </form>
      <p>
        {t('audit.export')}: <a href={`/admin/audit/export?format=csv${qs ? `&${qs}` : ''}`}>CSV</a> ·{' '}
        <a href={`/admin/audit/export?format=json${qs ? `&${qs}` : ''}`}>JSON</a> ·{' '}
        <a href="/admin/audit/checkpoint">{t('audit.checkpoint')}</a>
      </p>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.what')}</th>
              <th scope="col">{t('audit.entity')}</th>
              <th scope="col">{t('audit.origin')}</th>
              <th scope="col">{t('audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {props.entries.map((e) => (
              <tr>
                <td>{e.id}</td>
                <td>
                  <time dateTime={new Date(e.at).toISOString()}>
                    {new Date(e.at).toISOString().replace('T', ' ').slice(0, 19)}
                  </time>
                </td>
                <td title={e.actor}>{e.actor_email ?? e.actor}</td>
                <td>{e.action}</td>
                <td>
                  {e.entity}
                  {e.entity_id ? ` ${e.entity_id}` : ''}
                </td>
                <td>{e.origin}</td>
                <td>
                  <code>{JSON.stringify(e.details).slice(0, 200)}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.entries.length === 0 && <p>{t('audit.none')}</p>}
      {props.next && (
        <p>
          <a href={`/admin/audit?${qs ? `${qs}&` : ''}before=${props.next}`}>{t('audit.older')}</a>
        </p>
      )}
    </Layout>
  );
}
