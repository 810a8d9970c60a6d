// Debian's Chromium driven by playwright-core: headless, no sandbox (root), no background
// traffic, a fresh profile each launch, a 1366×768 office-laptop window.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export interface OpenBrowser {
  browser: BrowserContext;
  page: Page;
  close: () => Promise<void>;
}

export async function openPage(url: string): Promise<OpenBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'shebao-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  return {
    browser: context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export type { Browser, Page };
