// The app on a real port with a seeded database, headless Chromium, and (when asked) a real SMTP server:
// what every browser test starts from.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { type TestApp, testApp } from './app.ts';
import { sessionFor } from './auth.ts';
import { launchBrowser } from './browser.ts';
import { freePort } from './net.ts';
import { startSmtp } from './smtp.ts';

/** The two screens every browser test looks at: a desk and a phone. */
export const DESK = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

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
  /**
   * A new browser at that size (the desk by default), signed in as the user (a session made directly) or
   * signed out for null, with or without JavaScript. CSP is bypassed so axe can be added to the page (the
   * app's own scripts are files); uncaught errors land in `problems`.
   */
  open: (
    email: string | null,
    viewport?: { width: number; height: number },
    js?: boolean,
  ) => Promise<{ page: Page; problems: string[]; context: BrowserContext }>;
  close: () => Promise<void>;
}

export async function browserApp(opts: { smtp?: boolean } = {}): Promise<BrowserApp> {
  const smtp = opts.smtp ? await startSmtp() : null;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t = await testApp({ mail: smtp?.transport, publicUrl: base });
  await t.app.listen({ port, host: '127.0.0.1' });
  const browser = await launchBrowser();
  /** A new context (CSP bypassed) signed in as the user or signed out, its page, and its uncaught errors. */
  const signedIn = async (email: string | null, options: BrowserContextOptions) => {
    const context = await browser.newContext({ ...options, bypassCSP: true });
    if (email) {
      const s = await sessionFor(t.db, email);
      await context.addCookies([{ name: 'sid', value: s.cookie.slice(4), url: base }]);
    }
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    return { page, problems, context };
  };
  return {
    t,
    base,
    browser,
    smtp,
    as: async (email) => {
      const { page, problems } = await signedIn(email, {});
      const dialogs: string[] = [];
      page.on('dialog', async (d) => {
        dialogs.push(d.message());
        await d.dismiss();
      });
      return { page, problems, dialogs };
    },
    open: (email, viewport = DESK, js = true) => signedIn(email, { viewport, javaScriptEnabled: js, acceptDownloads: true }),
    close: async () => {
      await browser.close();
      await t.close();
      await smtp?.close();
    },
  };
}
