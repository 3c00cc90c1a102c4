// A State's officials and its invitations, with the forms to invite, remove and re-send; and the
// administrator's page of every account with its roles.
import type { Grant } from '../../platform/access.ts';
import type { MessageKey } from '../../platform/i18n/i18n.ts';
import { LOCALE_NAMES, LOCALES } from '../../platform/i18n/locales.ts';
import type { PageContext } from '../../views/context.ts';
import { Field, FieldFrame, Form, type FormProblem, Problems, Submit } from '../../views/forms.tsx';
import { Layout } from '../../views/layout.tsx';

export const ROLE_KEYS: Record<string, MessageKey> = {
  member: 'role.member',
  focal_point: 'role.focal_point',
  poc_diplomatic: 'role.poc_diplomatic',
  poc_technical: 'role.poc_technical',
  rapporteur: 'role.rapporteur',
  editor: 'role.editor',
  directory_manager: 'role.directory_manager',
  administrator: 'role.administrator',
};

/** Roles as tags; `role@STATE` shows the State too. */
export function RoleList(props: { ctx: PageContext; roles: string[] }) {
  return (
    <span>
      {props.roles.map((r) => {
        const [role, state] = r.split('@');
        return (
          <span class="tag">
            {props.ctx.t(ROLE_KEYS[role] ?? 'role.member')}
            {state ? ` · ${state}` : ''}
          </span>
        );
      })}
    </span>
  );
}

export function InviteFields(props: {
  ctx: PageContext;
  roles: string[];
  problems?: FormProblem[];
  email?: string;
  language?: string;
}) {
  const { ctx } = props;
  const problem = props.problems?.find((p) => p.field === 'roles');
  return (
    <>
      <Field ctx={ctx} name="email" type="email" label="auth.email" value={props.email} problems={props.problems} required />
      <fieldset id="f-roles" aria-describedby={problem ? 'f-roles-error' : undefined}>
        <legend>{ctx.t('invite.roles')}</legend>
        {problem && (
          <p class="error" id="f-roles-error">
            {problem.message}
          </p>
        )}
        {props.roles.map((r) => (
          <label>
            <input type="checkbox" name="roles" value={r} /> {ctx.t(ROLE_KEYS[r])}
          </label>
        ))}
      </fieldset>
      <LanguageChoice
        ctx={ctx}
        name="language"
        label="mail.invite.language"
        hint={ctx.t('mail.invite.languageHint')}
        value={props.language}
        problems={props.problems}
      />
    </>
  );
}

/** A choice of one of the six languages, each named in itself; the page's language is chosen unless `value` says. */
export function LanguageChoice(props: {
  ctx: PageContext;
  name: string;
  label: MessageKey;
  hint?: string;
  value?: string;
  problems?: FormProblem[];
}) {
  const { ctx } = props;
  const chosen = props.value ?? ctx.locale;
  return (
    <FieldFrame ctx={ctx} name={props.name} label={props.label} hint={props.hint} problems={props.problems}>
      {(c) => (
        <select id={c.id} name={props.name} aria-describedby={c.describedBy} aria-invalid={c.invalid}>
          {LOCALES.map((l) => (
            <option value={l} lang={l} selected={l === chosen}>
              {LOCALE_NAMES[l]}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}

export interface PeopleView {
  people: { id: string; display_name: string; email: string; roles: string[]; totp: boolean }[];
  invitations: { id: string; email: string; roles: string[]; created_at: Date; expires_at: Date; expired: boolean }[];
}

/** A button behind a disclosure, so a removal takes two deliberate clicks and works without JavaScript. */
export function ConfirmButton(props: { ctx: PageContext; csrf: string; action: string; label: string; confirm: string }) {
  return (
    <details class="confirm">
      <summary>{props.label}</summary>
      <Form action={props.action} csrf={props.csrf}>
        <p>{props.confirm}</p>
        <Submit>{props.label}</Submit>
      </Form>
    </details>
  );
}

export function PeoplePage(props: {
  ctx: PageContext;
  csrf: string;
  state: { code: string; name: string };
  view: PeopleView;
  invitableRoles: string[];
  /** Roles the reader may remove from this State's officials (a focal point: POCs and rapporteurs; an administrator: all). */
  removableRoles: string[];
  problems?: FormProblem[];
  notice?: string;
  email?: string;
  language?: string;
}) {
  const { ctx, view, state } = props;
  const { t } = ctx;
  const date = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const manage = props.removableRoles.length > 0;
  return (
    <Layout ctx={ctx} title={t('people.title', { state: state.name })}>
      <p class="kicker">
        <a href={`/states/${state.code}`}>{state.name}</a>
      </p>
      <h1>{t('people.title', { state: state.name })}</h1>
      <p class="note">{t('people.confidential')}</p>
      <Problems ctx={ctx} problems={(props.problems ?? []).filter((p) => p.field === 'people')} />
      {props.notice && (
        <p class="success" role="status">
          {props.notice}
        </p>
      )}
      <div class="table-wrap" id="f-people">
        <table class="stack">
          <caption class="visually-hidden">{t('people.title', { state: state.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('auth.name')}</th>
              <th scope="col">{t('auth.email')}</th>
              <th scope="col">{t('account.roles')}</th>
              <th scope="col">{t('account.twoFactor')}</th>
              {manage && <th scope="col">{t('people.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {view.people.map((p) => {
              const removable = p.roles.filter((r) => props.removableRoles.includes(r));
              return (
                <tr>
                  <th scope="row">{p.display_name}</th>
                  <td data-label={t('auth.email')}>{p.email}</td>
                  <td data-label={t('account.roles')}>
                    <RoleList ctx={ctx} roles={p.roles} />
                  </td>
                  <td data-label={t('account.twoFactor')}>{p.totp ? '✓' : '—'}</td>
                  {manage && (
                    <td>
                      {removable.map((r) => (
                        <ConfirmButton
                          ctx={ctx}
                          csrf={props.csrf}
                          action={`/states/${state.code}/people/${p.id}/roles/${r}/remove`}
                          label={t('people.removeRole', { role: t(ROLE_KEYS[r]) })}
                          confirm={t('people.remove.confirm')}
                        />
                      ))}
                      {removable.length === p.roles.length && p.roles.length > 1 && (
                        <ConfirmButton
                          ctx={ctx}
                          csrf={props.csrf}
                          action={`/states/${state.code}/people/${p.id}/remove`}
                          label={t('people.remove', { state: state.name })}
                          confirm={t('people.remove.confirm')}
                        />
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {view.invitations.length > 0 && (
        <>
          <h2>{t('people.invitations')}</h2>
          <ul class="plain">
            {view.invitations.map((i) => (
              <li>
                {i.email} — <RoleList ctx={ctx} roles={i.roles} />{' '}
                {i.expired
                  ? t('people.invitation.expired', { date: date.format(new Date(i.expires_at)) })
                  : t('people.invitation.until', { date: date.format(new Date(i.expires_at)) })}
                {manage && i.roles.every((r) => props.removableRoles.includes(r)) && (
                  <span class="actions">
                    <Form action={`/invitations/${i.id}/resend`} csrf={props.csrf}>
                      <Submit>{t('people.invitation.resend')}</Submit>
                    </Form>
                    {!i.expired && (
                      <Form action={`/invitations/${i.id}/revoke`} csrf={props.csrf}>
                        <Submit>{t('people.invitation.revoke')}</Submit>
                      </Form>
                    )}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {props.invitableRoles.length > 0 && (
        <>
          <h2 id="invite">{t('people.invite')}</h2>
          <Problems ctx={ctx} problems={props.problems ?? []} />
          <Form action="/invitations" csrf={props.csrf}>
            <input type="hidden" name="state" value={state.code} />
            <InviteFields
              ctx={ctx}
              roles={props.invitableRoles}
              problems={props.problems}
              email={props.email}
              language={props.language}
            />
            <Submit>{t('people.invite.button')}</Submit>
          </Form>
        </>
      )}
    </Layout>
  );
}

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
  language?: string;
}) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('admin.title')}>
      <h1>{t('admin.title')}</h1>
      <ul>
        <li>
          <a href="/admin/audit">{t('audit.title')}</a>
        </li>
        <li>
          <a href="/admin/mail">{t('mail.title')}</a>
        </li>
        <li>
          <a href="/admin/backup">{t('backup.title')}</a>
        </li>
      </ul>
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
        <InviteFields ctx={ctx} roles={props.roles} problems={props.problems} email={props.email} language={props.language} />
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
