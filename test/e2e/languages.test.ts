import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, watchForProblems } from './support/browser';
import { connectContract, type ContractClient } from './support/contract-client';
import { startWebApp, type RunningWebApp } from './support/web-app';

const artifacts = path.resolve(__dirname, '..', '..', 'test-results');
let profileDir: string;
let app: RunningWebApp;
let browser: Browser;
let client: ContractClient;

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  profileDir = mkdtempSync(path.join(os.tmpdir(), 'mailbag-e2e-lang-'));
  app = await startWebApp(profileDir);
  browser = await launchChromium({ locale: 'de-DE' });
  client = await connectContract(app.url);
});

after(async () => {
  await client?.close();
  await browser?.close();
  await app?.stop();
  rmSync(profileDir, { recursive: true, force: true });
});

async function documentLanguage(page: Page): Promise<{ lang: string; dir: string }> {
  return page.evaluate(() => ({ lang: document.documentElement.lang, dir: document.documentElement.dir }));
}

async function setLanguage(language: 'de' | 'fr' | 'ar' | 'en' | 'en-XA' | null): Promise<void> {
  const result = await client.call('updateSettings', { language });
  assert.equal(result.ok, true);
}

test('a new profile follows the system’s language, and a chosen language applies at once without a reload', async () => {
  const page = await browser.newPage();
  const problems = watchForProblems(page);
  await page.goto(app.url);
  await page.waitForFunction(() => document.documentElement.lang === 'de');
  assert.deepEqual(await documentLanguage(page), { lang: 'de', dir: 'ltr' });
  await page.evaluate(() => {
    (window as unknown as { marker: boolean }).marker = true;
  });

  await setLanguage('ar');
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  assert.deepEqual(await documentLanguage(page), { lang: 'ar', dir: 'rtl' });
  await setLanguage('fr');
  await page.waitForFunction(() => document.documentElement.lang === 'fr');
  assert.deepEqual(await documentLanguage(page), { lang: 'fr', dir: 'ltr' });
  // The same page all along: no reload, no restart.
  assert.equal(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker), true);

  await setLanguage(null);
  await page.waitForFunction(() => document.documentElement.lang === 'de');
  await page.reload();
  await page.waitForFunction(() => document.documentElement.lang === 'de');
  assert.deepEqual(problems, []);
  await page.close();
});
