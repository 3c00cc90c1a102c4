// Pages for signing in (password, then the code), registering, e-mail links and accepting an invitation.
import type { PageContext } from '../../views/context.ts';
import { Field, Form, type FormProblem, Problems, Submit } from '../../views/forms.tsx';
import { Layout } from '../../views/layout.tsx';
import { RoleList } from './people.views.tsx';

type P = { ctx: PageContext; csrf: string; problems?: FormProblem[] };

export function SignInPage(props: P & { email?: string; next?: string; notice?: string }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('auth.signIn.title')}>
      <h1>{ctx.t('auth.signIn.title')}</h1>
      {props.notice && (
        <p class="success" role="status">
          {props.notice}
        </p>
      )}
      <Problems ctx={ctx} problems={props.problems ?? []} />
      <Form action={`/sign-in${props.next ? `?next=${encodeURIComponent(props.next)}` : ''}`} csrf={props.csrf}>
        <Field
          ctx={ctx}
          name="email"
          type="email"
          label="auth.email"
          value={props.email}
          autocomplete="username"
          problems={props.problems}
          required
        />
        <Field
          ctx={ctx}
          name="password"
          type="password"
          label="auth.password"
          autocomplete="current-password"
          problems={props.problems}
          maxLength={256}
          required
        />
        <Submit>{ctx.t('auth.signIn.button')}</Submit>
      </Form>
      <p>
        <a href="/password/forgot">{ctx.t('auth.forgot.link')}</a> · <a href="/register">{ctx.t('auth.register.link')}</a>
      </p>
    </Layout>
  );
}

export function CodePage(props: P & { next?: string }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('auth.code.title')}>
      <h1>{ctx.t('auth.code.title')}</h1>
      <p>{ctx.t('auth.code.intro')}</p>
      <Problems ctx={ctx} problems={props.problems ?? []} />
      <Form action={`/sign-in/code${props.next ? `?next=${encodeURIComponent(props.next)}` : ''}`} csrf={props.csrf}>
        <Field
          ctx={ctx}
          name="code"
          label="auth.code.label"
          autocomplete="one-time-code"
          inputmode="numeric"
          problems={props.problems}
          maxLength={20}
          hint={ctx.t('auth.code.hint')}
          required
        />
        <Submit>{ctx.t('auth.code.button')}</Submit>
      </Form>
    </Layout>
  );
}

export function RegisterPage(props: P & { email?: string; displayName?: string; done?: boolean }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('auth.register.title')}>
      <h1>{ctx.t('auth.register.title')}</h1>
      {props.done ? (
        <p class="success" role="status">
          {ctx.t('auth.register.done')}
        </p>
      ) : (
        <>
          <p>{ctx.t('auth.register.intro')}</p>
          <Problems ctx={ctx} problems={props.problems ?? []} />
          <Form action="/register" csrf={props.csrf}>
            <Field
              ctx={ctx}
              name="displayName"
              label="auth.name"
              value={props.displayName}
              autocomplete="name"
              problems={props.problems}
              maxLength={120}
              required
            />
            <Field
              ctx={ctx}
              name="email"
              type="email"
              label="auth.email"
              value={props.email}
              autocomplete="email"
              problems={props.problems}
              required
            />
            <Field
              ctx={ctx}
              name="password"
              type="password"
              label="auth.newPassword"
              autocomplete="new-password"
              hint={ctx.t('auth.password.hint')}
              problems={props.problems}
              maxLength={256}
              required
            />
            <Submit>{ctx.t('auth.register.button')}</Submit>
          </Form>
        </>
      )}
    </Layout>
  );
}

export function ForgotPage(props: P & { email?: string; done?: boolean }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('auth.forgot.title')}>
      <h1>{ctx.t('auth.forgot.title')}</h1>
      {props.done ? (
        <p class="success" role="status">
          {ctx.t('auth.forgot.done')}
        </p>
      ) : (
        <>
          <p>{ctx.t('auth.forgot.intro')}</p>
          <Problems ctx={ctx} problems={props.problems ?? []} />
          <Form action="/password/forgot" csrf={props.csrf}>
            <Field
              ctx={ctx}
              name="email"
              type="email"
              label="auth.email"
              value={props.email}
              autocomplete="email"
              problems={props.problems}
              required
            />
            <Submit>{ctx.t('auth.forgot.button')}</Submit>
          </Form>
        </>
      )}
    </Layout>
  );
}

export function ResetPage(props: P & { token: string }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title={ctx.t('auth.reset.title')}>
      <h1>{ctx.t('auth.reset.title')}</h1>
      <Problems ctx={ctx} problems={props.problems ?? []} />
      <Form action={`/password/reset/${props.token}`} csrf={props.csrf}>
        <Field
          ctx={ctx}
          name="password"
          type="password"
          label="auth.newPassword"
          autocomplete="new-password"
          hint={ctx.t('auth.password.hint')}
          problems={props.problems}
          maxLength={256}
          required
        />
        <Submit>{ctx.t('auth.reset.button')}</Submit>
      </Form>
    </Layout>
  );
}

export function AcceptInvitationPage(
  props: P & {
    token: string;
    email: string;
    stateName: string | null;
    roles: string[];
    hasAccount: boolean;
    signedInAs: string | null;
    displayName?: string;
  },
) {
  const { ctx } = props;
  const mine = props.signedInAs?.toLowerCase() === props.email.toLowerCase();
  return (
    <Layout ctx={ctx} title={ctx.t('invite.accept.title')}>
      <h1>{ctx.t('invite.accept.title')}</h1>
      <p>
        {props.stateName
          ? ctx.t('invite.accept.forState', { email: props.email, state: props.stateName })
          : ctx.t('invite.accept.platform', { email: props.email })}
      </p>
      <RoleList ctx={ctx} roles={props.roles} />
      <Problems ctx={ctx} problems={props.problems ?? []} />
      {props.hasAccount && !mine ? (
        <p class="notice">
          {ctx.t('invite.accept.signInFirst', { email: props.email })}{' '}
          <a href={`/sign-in?next=${encodeURIComponent(`/invitations/${props.token}`)}`}>{ctx.t('auth.signIn.title')}</a>
        </p>
      ) : (
        <Form action={`/invitations/${props.token}`} csrf={props.csrf}>
          {!props.hasAccount && (
            <>
              <Field
                ctx={ctx}
                name="displayName"
                label="auth.name"
                value={props.displayName}
                autocomplete="name"
                problems={props.problems}
                maxLength={120}
                required
              />
              <Field
                ctx={ctx}
                name="password"
                type="password"
                label="auth.newPassword"
                autocomplete="new-password"
                hint={ctx.t('auth.password.hint')}
                problems={props.problems}
                maxLength={256}
                required
              />
            </>
          )}
          <Submit>{ctx.t('invite.accept.button')}</Submit>
        </Form>
      )}
    </Layout>
  );
}
