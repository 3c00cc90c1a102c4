// The app on a real port with a seeded database, headless Chromium, and (when asked) a real SMTP server:
// what every browser test starts from.
import type { Browser, Page } from 'playwright-core';
import { type TestApp, testApp } from './app.ts';
import { sessionFor } from './auth.ts';
import { launchBrowser } from './browser.ts';
import { freePort } from './net.ts';
import { startSmtp } from './smtp.ts';

export interface BrowserApp {
  t: TestApp;
  base: string;
  browser: Browser;
  smtp: Awaited<ReturnType<typeof startSmtp>> | null;
  /**
   * A new browser signed in as the user (a session made directly; signing in itself is tested elsewhere),
   * or signed out for null. CSP is bypassed, so script that slipped into a page would run and be caught:
   * uncaught errors land in `problems`, and any alert, confirm or prompt in `dialogs` (dismissed).
   */
  as: (email: string | null) => Promise<{ page: Page; problems: string[]; dialogs: string[] }>;
  close: () => Promise<void>;
}

export async function browserApp(opts: { smtp?: boolean } = {}): Promise<BrowserApp> {
  const smtp = opts.smtp ? await startSmtp() : null;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t = await testApp({ mail: smtp?.transport, publicUrl: base });
  await t.app.listen({ port, host: '127.0.0.1' });
  const browser = await launchBrowser();
  return {
    t,
    base,
    browser,
    smtp,
    as: async (email) => {
      const context = await browser.newContext({ bypassCSP: true });
      if (email) {
        const s = await sessionFor(t.db, email);
        await context.addCookies([{ name: 'sid', value: s.cookie.slice(4), url: base }]);
      }
      const page = await context.newPage();
      const problems: string[] = [];
      const dialogs: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('dialog', async (d) => {
        dialogs.push(d.message());
        await d.dismiss();
      });
      return { page, problems, dialogs };
    },
    close: async () => {
      await browser.close();
      await t.close();
      await smtp?.close();
    },
  };
}
