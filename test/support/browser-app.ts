// The app on a real port with a seeded database, headless Chromium, and (when asked) a real SMTP server:
// what every browser test starts from.
import type { Browser } from 'playwright-core';
import { type TestApp, testApp } from './app.ts';
import { launchBrowser } from './browser.ts';
import { freePort } from './net.ts';
import { startSmtp } from './smtp.ts';

export interface BrowserApp {
  t: TestApp;
  base: string;
  browser: Browser;
  smtp: Awaited<ReturnType<typeof startSmtp>> | null;
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
    close: async () => {
      await browser.close();
      await t.close();
      await smtp?.close();
    },
  };
}
