/**
 * The message list with a folder of 20,000 messages: the store is filled from the test process
 * before the browser bridge opens the profile, then Chromium checks that only a bounded number of
 * rows exist in the page however far the list scrolls, and that the end of the list shows the oldest
 * message.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Browser } from 'playwright-core';
import { accountSettingsSchema, defaultPolicy } from '../../shared/accounts';
import { DATABASE_FILE_NAME } from '../../electron/main/core';
import { openDatabase } from '../../electron/storage/database';
import type { MessageParser, ParsedMessage } from '../../electron/storage/message-index';
import { openMessageStore, RAW_DIRECTORY_NAME } from '../../electron/storage/message-store';
import type { MessageSink } from '../../electron/storage/raw-batch';
import { sampleSettings } from '../fakes/account-settings';
import { launchChromium, watchForProblems } from './support/browser';
import { ARTIFACTS_DIR, WINDOW_SIZES } from './support/mail-environment';
import { startWebApp, type RunningWebApp } from './support/web-app';
import { ui } from './support/words';

/** Messages in the folder: enough that rendering every row would be slow and obvious. */
const MESSAGE_COUNT = 20_000;
/** Messages per store commit. */
const BATCH_SIZE = 1_000;
/** Most rows the page may hold at once (a screenful plus overscan, far below the folder's size). */
const MAX_RENDERED_ROWS = 80;
const ACCOUNT_ID = 'bulk-account';
const BASE_DATE = Date.UTC(2025, 0, 1);
const MINUTE_MS = 60_000;
const UI_TIMEOUT_MS = 20_000;

let profileDir: string;
let app: RunningWebApp;
let browser: Browser;
let fillMs = 0;

function subjectOf(id: number): string {
  return `Bulk message ${id}`;
}

/**
 * Stands in for the parse worker: the messages are generated, so their index fields are known
 * without parsing (parsing 20,000 messages is the parse worker's own benchmark, not this test's).
 */
const knownParser: MessageParser = async (requests) =>
  requests.map((request): { messageId: number; parsed: ParsedMessage } => ({
    messageId: request.messageId,
    parsed: {
      subject: subjectOf(request.messageId),
      from: { name: `Sender ${request.messageId % 50}`, address: `sender${request.messageId % 50}@example.test` },
      to: [{ name: 'Bulk', address: 'bulk@example.test' }],
      cc: [],
      date: BASE_DATE + request.messageId * MINUTE_MS,
      messageId: `<${request.messageId}@bulk.example.test>`,
      inReplyTo: null,
      references: [],
      text: `Body ${request.messageId}`,
      snippet: `Body ${request.messageId}`,
      attachments: [],
      problems: [],
    },
  }));

async function fillProfile(directory: string): Promise<void> {
  const database = openDatabase(path.join(directory, DATABASE_FILE_NAME));
  const settings = accountSettingsSchema.parse(
    sampleSettings({
      name: 'Bulk',
      address: 'bulk@example.test',
      identities: [],
      policy: { ...defaultPolicy(true), checkAtStartup: false, includeInSendReceive: false },
    }),
  );
  database
    .prepare('insert into accounts (id, name, email, settings, created_at, updated_at) values (?, ?, ?, ?, ?, ?)')
    .run(ACCOUNT_ID, settings.name, settings.address, JSON.stringify(settings), BASE_DATE, BASE_DATE);
  const store = await openMessageStore({ database, rawDirectory: path.join(directory, RAW_DIRECTORY_NAME) });
  for (let first = 1; first <= MESSAGE_COUNT; first += BATCH_SIZE) {
    const batch = store.beginBatch();
    const sinks: MessageSink[] = [];
    for (let number = first; number < first + BATCH_SIZE; number += 1) {
      const sink = batch.createMessageSink();
      await pipeline(Readable.from([Buffer.from(`Subject: ${subjectOf(number)}\r\nFrom: sender@example.test\r\n\r\nBody ${number}\r\n`)]), sink);
      sinks.push(sink);
    }
    await batch.commit(
      sinks.map((sink, index) => ({
        accountId: ACCOUNT_ID,
        folder: 'inbox' as const,
        message: sink,
        pop: { uidl: `bulk-${first + index}`, state: 'downloaded' as const },
      })),
    );
  }
  await store.indexPending(knownParser);
  await store.close();
  database.close();
}

before(async () => {
  profileDir = mkdtempSync(path.join(os.tmpdir(), 'mailbag-e2e-large-'));
  const started = performance.now();
  await fillProfile(profileDir);
  fillMs = performance.now() - started;
  app = await startWebApp(profileDir);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await app?.stop();
  if (profileDir !== undefined) rmSync(profileDir, { recursive: true, force: true });
});

test(`a folder of ${MESSAGE_COUNT.toLocaleString('en')} messages keeps the rendered rows bounded and scrolls to the last message`, async () => {
  const page = await browser.newPage({ viewport: { width: WINDOW_SIZES[1].width, height: WINDOW_SIZES[1].height } });
  const problems = watchForProblems(page);
  await page.goto(app.url);
  const grid = page.getByRole('grid', { name: ui('mail.messages') });
  await grid.waitFor({ timeout: UI_TIMEOUT_MS });
  await page.waitForFunction((count) => document.querySelector('[role="grid"]')?.getAttribute('aria-rowcount') === String(count + 1), MESSAGE_COUNT, {
    timeout: UI_TIMEOUT_MS,
  });
  await page.getByText(subjectOf(MESSAGE_COUNT), { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
  const renderedRows = () => page.locator('.grid-body [role="row"]').count();
  const atTop = await renderedRows();
  assert.ok(atTop > 10 && atTop <= MAX_RENDERED_ROWS, `rows in the page at the top: ${atTop}`);

  // Scroll to the end the way a user drags the scrollbar, then with the End key.
  const scrollStarted = performance.now();
  await grid.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  await page.getByText(subjectOf(1), { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
  const scrollMs = performance.now() - scrollStarted;
  const atEnd = await renderedRows();
  assert.ok(atEnd <= MAX_RENDERED_ROWS, `rows in the page at the end: ${atEnd}`);
  const lastRowIndex = await page
    .locator('.grid-body [role="row"]')
    .evaluateAll((rows) => Math.max(...rows.map((row) => Number(row.getAttribute('aria-rowindex')))));
  assert.equal(lastRowIndex, MESSAGE_COUNT + 1, 'the last row of the grid is rendered');

  await grid.evaluate((element) => element.scrollTo({ top: 0 }));
  await page.getByText(subjectOf(MESSAGE_COUNT), { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.getByText(subjectOf(MESSAGE_COUNT), { exact: true }).click();
  await page.keyboard.press('End');
  await page.waitForFunction(
    (subject) => document.querySelector('.grid-body [role="row"][aria-selected="true"] .col-subject')?.textContent === subject,
    subjectOf(1),
    { timeout: UI_TIMEOUT_MS },
  );
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'mail-window-large-folder.png') });
  console.log(
    `filled ${MESSAGE_COUNT} messages in ${Math.round(fillMs)} ms; rows rendered: ${atTop} at the top, ${atEnd} at the end; scroll to the end showed the last message in ${Math.round(scrollMs)} ms`,
  );
  assert.deepEqual(problems, []);
  await page.close();
});
