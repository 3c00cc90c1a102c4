// The administrator's pages: accounts with their roles and the invitation form, and the audit log.
import type { AuditFilter, AuditRecord } from '../../modules/audit/audit.service.ts';
import type { Grant } from '../../platform/access.ts';
import type { PageContext } from '../context.ts';
import { Field, Form, type FormProblem, Problems, Submit } from '../forms.tsx';
import { Layout } from '../layout.tsx';
import { ConfirmButton, InviteFields, ROLE_KEYS, RoleList } from './people.tsx';

export function AdminPage(props: {
  ctx: PageContext;
  csrf: string;
  users: {
    id: string;
    email: string;
    display_name: string;
    state_code: string | null;
    grants: Grant[];
    totp: boolean;
    demo: boolean;
  }[];
  states: { code: string; name: string }[];
  roles: string[];
  problems?: FormProblem[];
  notice?: string;
  email?: string;
}) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('admin.title')}>
      <h1>{t('admin.title')}</h1>
      <p>
        <a href="/admin/audit">{t('audit.title')}</a>
      </p>
      {props.notice && (
        <p class="success" role="status">
          {props.notice}
        </p>
      )}
      <Problems ctx={ctx} problems={(props.problems ?? []).filter((p) => p.field === 'people')} />
      <h2 id="invite">{t('admin.invite')}</h2>
      <p>{t('admin.invite.intro')}</p>
      <Problems ctx={ctx} problems={(props.problems ?? []).filter((p) => p.field !== 'people')} />
      <Form action="/invitations" csrf={props.csrf}>
        <div class="field">
          <label for="f-state">{t('admin.invite.state')}</label>
          <select id="f-state" name="state">
            <option value="">{t('admin.invite.noState')}</option>
            {props.states.map((s) => (
              <option value={s.code}>
                {s.name} ({s.code})
              </option>
            ))}
          </select>
        </div>
        <InviteFields ctx={ctx} roles={props.roles} problems={props.problems} email={props.email} />
        <Submit>{t('people.invite.button')}</Submit>
      </Form>
      <h2>{t('admin.users')}</h2>
      <div class="table-wrap" id="f-people">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('auth.name')}</th>
              <th scope="col">{t('auth.email')}</th>
              <th scope="col">{t('account.roles')}</th>
              <th scope="col">{t('account.twoFactor')}</th>
              <th scope="col">{t('people.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {props.users.map((u) => (
              <tr>
                <td>
                  {u.display_name} {u.demo && <span class="tag demo">demo</span>}
                </td>
                <td>{u.email}</td>
                <td>
                  <RoleList ctx={ctx} roles={u.grants.map((g) => (g.state ? `${g.role}@${g.state}` : g.role))} />
                </td>
                <td>{u.totp ? '✓' : '—'}</td>
                <td>
                  {u.grants
                    .filter((g) => !g.state && g.role !== 'member')
                    .map((g) => (
                      <ConfirmButton
                        ctx={ctx}
                        csrf={props.csrf}
                        action={`/admin/users/${u.id}/roles/${g.role}/remove`}
                        label={t('people.removeRole', { role: t(ROLE_KEYS[g.role]) })}
                        confirm={t('people.remove.confirm')}
                      />
                    ))}
                  {[...new Set(u.grants.filter((g) => g.state).map((g) => g.state as string))].map((code) => (
                    <a href={`/states/${code}/people`}>{t('people.title', { state: code })}</a>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}

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
