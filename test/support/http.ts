// Signing in to a running server over HTTP, as a browser does (password, then the two-factor code), for
// the process tests and the benchmarks that cannot reach the server's database directly.
import assert from 'node:assert/strict';
import { totpCode } from '../../src/modules/identity/totp.ts';

/** Signs in over HTTP (password, then the code) and returns the session cookie. */
export async function signInOverHttp(base: string, email: string, secret: string): Promise<string> {
  const page = await fetch(`${base}/sign-in`);
  let cookie = String(page.headers.get('set-cookie')).split(';')[0];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const first = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, email, password: 'demo-password-2026' }),
  });
  cookie = String(first.headers.get('set-cookie')).split(';')[0];
  const codePage = await fetch(`${base}/sign-in/code`, { headers: { cookie } });
  const csrf2 = /name="_csrf" value="([^"]+)"/.exec(await codePage.text())?.[1] ?? '';
  const coded = await fetch(`${base}/sign-in/code`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf2, code: totpCode(secret) }),
  });
  assert.equal(coded.status, 303, 'signed in');
  return String(coded.headers.get('set-cookie')).split(';')[0];
}
