import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium, watchForProblems } from './support/browser';
import { startWebApp, type RunningWebApp } from './support/web-app';
import { ui } from './support/words';

const artifacts = path.resolve(__dirname, '..', '..', 'test-results');
let profileDir: string;
let app: RunningWebApp;
let browser: Browser;

before(async () => {
  mkdirSync(artifacts, { recursive: true });
  profileDir = mkdtempSync(path.join(os.tmpdir(), 'mailbag-e2e-'));
  app = await startWebApp(profileDir);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(profileDir, { recursive: true, force: true });
});

test('a new profile opens on the first-run screen, in a real browser, without errors', async () => {
  const page = await browser.newPage({ colorScheme: 'light' });
  const problems = watchForProblems(page);
  await page.goto(app.url);
  const heading = page.getByRole('heading', { name: ui('firstRun.title') });
  await heading.waitFor({ state: 'visible' });
  assert.match(await page.title(), /Mailbag/);
  await page.screenshot({ path: path.join(artifacts, 'first-run.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the appearance choice applies at once and survives a reload (saved by main)', async () => {
  const page = await browser.newPage({ colorScheme: 'light' });
  const problems = watchForProblems(page);
  await page.goto(app.url);
  await page.getByRole('combobox', { name: ui('appearance.label') }).selectOption('dark');
  await page.waitForFunction(() => document.documentElement.dataset['theme'] === 'dark');
  const saved = JSON.parse(readFileSync(path.join(profileDir, 'settings.json'), 'utf8')) as { appearance: string };
  assert.equal(saved.appearance, 'dark');
  await page.reload();
  await page.getByRole('heading', { name: ui('firstRun.title') }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.dataset['theme']), 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(21, 24, 30)');
  await page.screenshot({ path: path.join(artifacts, 'first-run-dark.png'), fullPage: true });
  await page.getByRole('combobox', { name: ui('appearance.label') }).selectOption('system');
  await page.waitForFunction(() => document.documentElement.dataset['theme'] === undefined);
  assert.deepEqual(problems, []);
  await page.close();
});

test('Continue leads to adding the first account', async () => {
  const page = await browser.newPage({ colorScheme: 'dark' });
  const problems = watchForProblems(page);
  await page.goto(app.url);
  await page.getByRole('button', { name: ui('common.continue') }).click();
  await page.getByRole('heading', { name: ui('setup.addTitle') }).waitFor();
  await page.getByLabel(ui('setup.address')).waitFor();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(21, 24, 30)', 'with "Same as system", a dark system gets the dark theme');
  await page.screenshot({ path: path.join(artifacts, 'first-run-continue-dark.png'), fullPage: true });
  assert.deepEqual(problems, []);
  await page.close();
});

test('the page is refused without the token from the printed address', async () => {
  const response = await fetch(app.origin + '/');
  assert.equal(response.status, 403);
  const asset = await fetch(app.origin + '/icon.png');
  assert.equal(asset.status, 403);
});
