// One's own account: sessions, two-factor sign-in and recovery codes, API tokens.
import type { Grant } from '../../platform/access.ts';
import type { PageContext } from '../../views/context.ts';
import { Field, Form, type FormProblem, Problems, Submit } from '../../views/forms.tsx';
import { Layout } from '../../views/layout.tsx';
import { LanguageChoice, RoleList } from './people.views.tsx';

type P = { ctx: PageContext; csrf: string; problems?: FormProblem[] };

export interface AccountView {
  email: string;
  displayName: string;
  state: string | null;
  grants: Grant[];
  totpEnabled: boolean;
  mfa: boolean;
  recoveryLeft: number;
  demo: boolean;
  /** The language mail to the person is written in. */
  language: string;
  /** Names of the States the user holds roles for, in the reader's language. */
  stateNames: Record<string, string>;
  sessions: { id: string; created_at: Date; last_seen_at: Date; origin: string; user_agent: string; current: boolean }[];
}

export function AccountPage(props: {
  ctx: PageContext;
  csrf: string;
  account: AccountView;
  notice?: string;
  problems?: FormProblem[];
}) {
  const { ctx, account } = props;
  const { t } = ctx;
  const date = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const stateRoles = account.grants.filter((g) => g.state);
  return (
    <Layout ctx={ctx} title={t('account.title')}>
      <h1>{t('account.title')}</h1>
      {props.notice && (
        <p class="success" role="status">
          {props.notice}
        </p>
      )}
      {account.demo && <p class="notice demo">{t('account.demo')}</p>}
      <dl class="defs">
        <div>
          <dt>{t('auth.name')}</dt>
          <dd>{account.displayName}</dd>
        </div>
        <div>
          <dt>{t('auth.email')}</dt>
          <dd>{account.email}</dd>
        </div>
        <div>
          <dt>{t('account.roles')}</dt>
          <dd>
            <RoleList ctx={ctx} roles={account.grants.map((g) => (g.state ? `${g.role}@${g.state}` : g.role))} />
          </dd>
        </div>
      </dl>
      {stateRoles.length > 0 && (
        <p>
          {[...new Set(stateRoles.map((g) => g.state))].map((s) => (
            <a href={`/states/${s}/people`}>{t('account.statePeople', { state: account.stateNames[String(s)] ?? String(s) })}</a>
          ))}
        </p>
      )}
      {account.grants.some((g) => g.role === 'administrator') && (
        <p>
          <a href="/admin">{t('admin.title')}</a> · <a href="/admin/audit">{t('audit.title')}</a>
        </p>
      )}
      {account.grants.some((g) => g.role === 'editor') && (
        <p>
          <a href="/editor">{t('edit.title')}</a> · <a href="/moderation">{t('mod.title')}</a>
        </p>
      )}
      <p>
        <a href="/learn">{t('learn.title')}</a>
      </p>
      <h2 id="language">{t('account.language')}</h2>
      <Problems ctx={ctx} problems={(props.problems ?? []).filter((p) => p.field === 'language')} />
      <Form action="/account/language" csrf={props.csrf}>
        <LanguageChoice
          ctx={ctx}
          name="language"
          label="lang.label"
          hint={t('account.language.hint')}
          value={account.language}
          problems={props.problems}
        />
        <Submit secondary>{t('account.language.save')}</Submit>
      </Form>
      <h2>{t('account.twoFactor')}</h2>
      {account.totpEnabled ? (
        <>
          <p>{t('account.twoFactor.on', { left: account.recoveryLeft })}</p>
          <Problems ctx={ctx} problems={(props.problems ?? []).filter((p) => p.field !== 'language')} />
          <Form action="/account/recovery-codes" csrf={props.csrf}>
            <Field
              ctx={ctx}
              name="code"
              label="auth.code.label"
              autocomplete="one-time-code"
              inputmode="numeric"
              problems={props.problems}
              maxLength={10}
              hint={t('account.recovery.hint')}
              required
            />
            <Submit secondary>{t('account.recovery.renew')}</Submit>
          </Form>
        </>
      ) : (
        <p class="notice">
          {t('account.twoFactor.off')} <a href="/account/two-factor">{t('account.twoFactor.setUp')}</a>
        </p>
      )}
      <h2>{t('account.tokens')}</h2>
      <p>
        <a href="/account/tokens">{t('account.tokens.manage')}</a>
      </p>
      <h2>{t('account.sessions')}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('account.sessions.started')}</th>
              <th scope="col">{t('account.sessions.lastSeen')}</th>
              <th scope="col">{t('account.sessions.from')}</th>
            </tr>
          </thead>
          <tbody>
            {account.sessions.map((s) => (
              <tr>
                <td>{date.format(new Date(s.created_at))} UTC</td>
                <td>
                  {date.format(new Date(s.last_seen_at))} UTC{s.current ? ` (${t('account.sessions.this')})` : ''}
                </td>
                <td>
                  {s.origin} <span class="meta">{s.user_agent.slice(0, 80)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="note">{t('account.signOutEverywhere.tokens')}</p>
      <Form action="/account/sign-out-everywhere" csrf={props.csrf} class="inline">
        <Submit secondary>{t('account.signOutEverywhere')}</Submit>
      </Form>{' '}
      <Form action="/sign-out" csrf={props.csrf} class="inline">
        <Submit>{t('account.signOut')}</Submit>
      </Form>
    </Layout>
  );
}

export function TwoFactorPage(
  props: P & {
    secret: string;
    qr: string;
    enabled: boolean;
    required: boolean;
    recoveryCodes?: string[];
    renewed?: boolean;
    next?: string;
  },
) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('totp.title')}>
      <h1>{t('totp.title')}</h1>
      {props.recoveryCodes ? (
        <>
          <p class="success" role="status">
            {t(props.renewed ? 'totp.renewed' : 'totp.done')}
          </p>
          <h2>{t('totp.recovery')}</h2>
          <p>{t('totp.recovery.intro')}</p>
          <ul class="codes">
            {props.recoveryCodes.map((c) => (
              <li>{c}</li>
            ))}
          </ul>
          <p>
            <a href={props.next ?? '/account'}>{t('totp.continue')}</a>
          </p>
        </>
      ) : props.enabled ? (
        <p>{t('totp.already')}</p>
      ) : (
        <>
          {props.required && <p class="notice">{t('totp.required')}</p>}
          <ol class="plain">
            <li>{t('totp.step1')}</li>
            <li>
              {t('totp.step2')}
              <div class="qr" dangerouslySetInnerHTML={{ __html: props.qr }} />
              <p>
                {t('totp.manual')} <code class="secret">{props.secret}</code>
              </p>
            </li>
            <li>{t('totp.step3')}</li>
          </ol>
          <Problems ctx={ctx} problems={props.problems ?? []} />
          <Form action={`/account/two-factor${props.next ? `?next=${encodeURIComponent(props.next)}` : ''}`} csrf={props.csrf}>
            <Field
              ctx={ctx}
              name="code"
              label="auth.code.label"
              autocomplete="one-time-code"
              inputmode="numeric"
              problems={props.problems}
              maxLength={10}
              required
            />
            <Submit>{t('totp.confirm')}</Submit>
          </Form>
        </>
      )}
    </Layout>
  );
}

export interface TokenRow {
  id: string;
  name: string;
  scope: 'read' | 'write';
  created_at: Date;
  expires_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  /** The token carries the second factor now: its owner's roles count for it. */
  mfa: boolean;
}

export function TokensPage(props: P & { tokens: TokenRow[]; created?: { token: string; name: string }; name?: string }) {
  const { ctx } = props;
  const { t } = ctx;
  const date = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const now = Date.now();
  return (
    <Layout ctx={ctx} title={t('tokens.title')}>
      <h1>{t('tokens.title')}</h1>
      <p>{t('tokens.intro')}</p>
      {props.created && (
        <div class="success" role="status">
          <p>{t('tokens.created', { name: props.created.name })}</p>
          <p>
            <code class="secret" id="new-token">
              {props.created.token}
            </code>
          </p>
        </div>
      )}
      <Problems ctx={ctx} problems={props.problems ?? []} />
      <Form action="/account/tokens" csrf={props.csrf}>
        <Field ctx={ctx} name="name" label="tokens.name" value={props.name} problems={props.problems} maxLength={100} required />
        <div class="field">
          <label for="f-scope">{t('tokens.scope')}</label>
          <select id="f-scope" name="scope">
            <option value="read">{t('tokens.scope.read')}</option>
            <option value="write">{t('tokens.scope.write')}</option>
          </select>
        </div>
        <div class="field">
          <label for="f-expiresInDays">{t('tokens.expires')}</label>
          <select id="f-expiresInDays" name="expiresInDays">
            <option value="30">30</option>
            <option value="90">90</option>
            <option value="365">365</option>
          </select>
        </div>
        <Submit>{t('tokens.create')}</Submit>
      </Form>
      {props.tokens.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('tokens.name')}</th>
                <th scope="col">{t('tokens.scope')}</th>
                <th scope="col">{t('tokens.expires.at')}</th>
                <th scope="col">{t('tokens.lastUsed')}</th>
                <th scope="col">{t('tokens.status')}</th>
              </tr>
            </thead>
            <tbody>
              {props.tokens.map((tk) => {
                const active = !tk.revoked_at && new Date(tk.expires_at).getTime() > now;
                return (
                  <tr>
                    <td>
                      {tk.name}
                      {active && !tk.mfa && <p class="meta">{t('tokens.noSecondFactor')}</p>}
                    </td>
                    <td>{t(tk.scope === 'read' ? 'tokens.scope.read' : 'tokens.scope.write')}</td>
                    <td>{date.format(new Date(tk.expires_at))}</td>
                    <td>{tk.last_used_at ? date.format(new Date(tk.last_used_at)) : '—'}</td>
                    <td>
                      {active ? (
                        <Form action={`/account/tokens/${tk.id}/revoke`} csrf={props.csrf} class="inline">
                          <Submit secondary>{t('tokens.revoke')}</Submit>
                        </Form>
                      ) : (
                        t(tk.revoked_at ? 'tokens.revoked' : 'tokens.expired')
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
