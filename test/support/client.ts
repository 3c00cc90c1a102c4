// A browser-like client over inject(): it keeps cookies, and posts forms with the CSRF token of the last
// page it read, as a person's browser would.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Queryable } from '../../src/db/client.ts';
import { sessionFor } from './auth.ts';

export class Client {
  readonly cookies = new Map<string, string>();
  csrf = '';
  last: LightMyRequestResponse | null = null;

  constructor(readonly app: FastifyInstance) {}

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      if (c.maxAge === 0 || (c.expires && new Date(c.expires).getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const m = /name="_csrf" value="([^"]*)"/.exec(res.body);
    if (m) this.csrf = m[1];
    this.last = res;
    return res;
  }

  get cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string) {
    return this.remember(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader } }));
  }

  async post(url: string, fields: Record<string, string | string[]> = {}, opts: { csrf?: string | null } = {}) {
    const p = new URLSearchParams();
    const csrf = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (csrf !== null) p.set('_csrf', csrf);
    for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) p.append(k, x);
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
        payload: p.toString(),
      }),
    );
  }

  async json(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    return this.remember(
      await this.app.inject({
        method,
        url,
        headers: { cookie: this.cookieHeader, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        payload: body !== undefined ? JSON.stringify(body) : undefined,
      }),
    );
  }

  /** Signs in through the pages: password, then the code when asked. */
  async signIn(email: string, password: string, code?: () => string) {
    await this.get('/sign-in');
    let res = await this.post('/sign-in', { email, password });
    if (res.statusCode === 303 && String(res.headers.location).startsWith('/sign-in/code')) {
      if (!code) throw new Error('a code was asked for');
      await this.get('/sign-in/code');
      res = await this.post('/sign-in/code', { code: code() });
    }
    return res;
  }
}

/** A client signed in as the user (a session written directly, second factor given), with its CSRF token. */
export async function clientAs(t: { app: FastifyInstance; db: Queryable }, email: string, at?: Date): Promise<Client> {
  const s = await sessionFor(t.db, email, { at });
  const c = new Client(t.app);
  c.cookies.set('sid', s.cookie.slice(4));
  c.csrf = s.csrf;
  return c;
}

/** The fields a refusal (a 400 problem+json) names, in its order. */
export const fieldsOf = (res: LightMyRequestResponse): string[] =>
  (res.json() as { errors?: { field: string }[] }).errors?.map((e) => e.field) ?? [];
