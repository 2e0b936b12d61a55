/**
 * Import and export in the window, as a person does them in Chromium through the browser bridge: the
 * toolbar's More → Import… opens the wizard, the mbox (built here: tall, bidi and 8-bit messages among
 * thousands, with bytes before the first From line) is chosen by browsing to it, the progress bar
 * counts, Cancel stops midway and keeps what was imported, the next import adds only the rest and the
 * one after adds nothing, and the summary lists what could not be read with its byte offsets. Then
 * the folder's context menu exports it to an mbox file, which holds every message, and the list's
 * context menu exports one selected message as an .eml file.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { accountSettingsSchema, defaultPolicy } from '../../shared/accounts';
import { DATABASE_FILE_NAME } from '../../electron/main/core';
import { openDatabase } from '../../electron/storage/database';
import { sampleSettings } from '../fakes/account-settings';
import { parseMboxrd } from '../unit/cli/mboxrd-reader';
import { assertAccessible } from './support/accessibility';
import { launchChromium, watchForProblems } from './support/browser';
import { ARTIFACTS_DIR, WINDOW_SIZES } from './support/mail-environment';
import { startWebApp, type RunningWebApp } from './support/web-app';

/** Messages in the mbox: enough that an import takes many batches, so Cancel lands midway. */
const FILLER_MESSAGES = 12_000;
/** Special messages at the start of the mbox. */
const SPECIAL_SUBJECTS = ['Tall message', 'שלום — مرحبا bidi subject', 'Café 8-bit body'];
const TOTAL = FILLER_MESSAGES + SPECIAL_SUBJECTS.length;
/** Bytes before the first From line: not a message, listed with its offsets. */
const JUNK = 'this is not a message\n';
const UI_TIMEOUT_MS = 60_000;
const ACCOUNT_ID = 'import-account';

let scratch: string;
let profileDir: string;
let mbox: string;
let app: RunningWebApp;
let browser: Browser;

function encoded(text: string): string {
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/** The mbox as a mail program writes it (mboxrd, LF line ends). */
function buildMbox(): Buffer {
  const parts: Buffer[] = [Buffer.from(JUNK)];
  const separator = (index: number) => `From sender${index}@example.test Mon Jan  5 10:00:00 2026\n`;
  const tall = Array.from({ length: 800 }, (_, line) => `line ${line + 1} of a tall message`).join('\n');
  parts.push(
    Buffer.from(
      `${separator(0)}From: Tall <tall@example.test>\nSubject: ${SPECIAL_SUBJECTS[0]}\nDate: Wed, 7 Jan 2026 10:00:00 +0000\nMessage-ID: <tall@example.test>\n\n${tall}\n>From the quoted line\n\n`,
    ),
  );
  parts.push(
    Buffer.from(
      `${separator(1)}From: ${encoded('\u202Bأحمد\u202C')} <ahmad@example.test>\nSubject: ${encoded(SPECIAL_SUBJECTS[1] ?? '')}\nDate: Wed, 7 Jan 2026 10:01:00 +0000\nMessage-ID: <bidi@example.test>\nContent-Type: text/plain; charset=utf-8\n\nשלום עולם\n\n`,
    ),
  );
  parts.push(
    Buffer.concat([
      Buffer.from(
        `${separator(2)}From: Zoe <zoe@example.test>\nSubject: ${encoded(SPECIAL_SUBJECTS[2] ?? '')}\nDate: Wed, 7 Jan 2026 10:02:00 +0000\nMessage-ID: <latin1@example.test>\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\nCaf`,
      ),
      Buffer.from([0xe9, 0x0a, 0x0a]),
    ]),
  );
  const body = 'Filler text of an ordinary message, long enough to weigh something.\n'.repeat(30);
  for (let index = 0; index < FILLER_MESSAGES; index += 1) {
    parts.push(
      Buffer.from(
        `${separator(index + 3)}From: Sender ${index} <sender${index}@example.test>\nSubject: Filler ${index}\nDate: Tue, 6 Jan 2026 10:00:00 +0000\nMessage-ID: <filler-${index}@example.test>\n\n${body}\n`,
      ),
    );
  }
  return Buffer.concat(parts);
}

before(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-e2e-import-'));
  profileDir = path.join(scratch, 'profile');
  mkdirSync(profileDir);
  const database = openDatabase(path.join(profileDir, DATABASE_FILE_NAME));
  const settings = accountSettingsSchema.parse(
    sampleSettings({
      name: 'Ann',
      address: 'ann@example.test',
      identities: [],
      policy: { ...defaultPolicy(true), checkAtStartup: false, includeInSendReceive: false },
    }),
  );
  database
    .prepare('insert into accounts (id, name, email, settings, created_at, updated_at) values (?, ?, ?, ?, 1, 1)')
    .run(ACCOUNT_ID, settings.name, settings.address, JSON.stringify(settings));
  database.close();
  mkdirSync(path.join(scratch, 'old-mail'));
  mbox = path.join(scratch, 'old-mail', 'archive.mbox');
  writeFileSync(mbox, buildMbox());
  app = await startWebApp(profileDir, { env: { ...process.env, HOME: scratch } });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await app?.stop();
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
});

/** Opens the wizard, chooses the mbox by browsing from the home folder, and starts the import. */
async function startImport(page: Page): Promise<void> {
  await page.getByRole('toolbar', { name: 'Mail commands' }).getByRole('button', { name: 'More commands' }).click();
  await page.getByRole('menu', { name: 'More commands' }).getByRole('menuitem', { name: 'Import…' }).click();
  const wizard = page.getByRole('dialog', { name: 'Import mail' });
  await wizard.waitFor({ timeout: UI_TIMEOUT_MS });
  await wizard.getByRole('radio', { name: /mbox file/ }).check();
  await wizard.getByRole('button', { name: 'old-mail/' }).click();
  await wizard.getByRole('button', { name: 'archive.mbox' }).click();
  assert.equal(await wizard.getByRole('textbox', { name: 'File to import' }).inputValue(), mbox);
  await wizard.getByRole('combobox', { name: 'Import into' }).selectOption({ label: 'Inbox (Ann)' });
  await wizard.getByRole('button', { name: 'Import', exact: true }).click();
}

/** The summary line of a finished import. */
async function summary(page: Page): Promise<string> {
  const done = page.getByRole('dialog', { name: 'Import mail' }).locator('.import-summary [role="status"]');
  await done.waitFor({ timeout: UI_TIMEOUT_MS * 3 });
  return (await done.textContent()) ?? '';
}

function importedOf(text: string): { imported: number; duplicates: number } {
  const match = /Imported (\d+) message\(s\); (\d+) already here/.exec(text);
  assert.ok(match !== null, text);
  return { imported: Number(match[1]), duplicates: Number(match[2]) };
}

test('an mbox is imported through the wizard, cancelled midway, completed, imported again for nothing, and exported', { timeout: 600_000 }, async () => {
  const page = await browser.newPage({ viewport: { width: WINDOW_SIZES[1].width, height: WINDOW_SIZES[1].height } });
  const problems = watchForProblems(page);
  await page.goto(app.url);
  await page.getByRole('tree', { name: 'Folders' }).waitFor({ timeout: UI_TIMEOUT_MS });

  // First run: Cancel as soon as the progress bar counts.
  await startImport(page);
  const wizard = page.getByRole('dialog', { name: 'Import mail' });
  await wizard.getByRole('progressbar', { name: 'Import progress' }).waitFor({ timeout: UI_TIMEOUT_MS });
  await wizard.getByText(/^\d+ message\(s\) read$/).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'import-progress.png') });
  await wizard.getByRole('button', { name: 'Cancel' }).click();
  const cancelled = await summary(page);
  assert.match(cancelled, /^Cancelled\. /);
  const first = importedOf(cancelled);
  assert.ok(first.imported > 0 && first.imported < TOTAL, `cancelled midway: ${first.imported} of ${TOTAL} kept`);

  // Second run: the rest, and the bytes before the first From line listed with their offsets.
  await wizard.getByRole('button', { name: 'Import more' }).click();
  await page.getByRole('button', { name: 'Close' }).click();
  await startImport(page);
  const completed = await summary(page);
  assert.doesNotMatch(completed, /Cancelled/);
  assert.deepEqual(importedOf(completed), { imported: TOTAL - first.imported, duplicates: first.imported });
  const notImported = page.getByRole('list', { name: 'Not imported' });
  assert.match((await notImported.textContent()) ?? '', new RegExp(`bytes 0–${JUNK.length}`));
  await assertAccessible(page, 'import summary');
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'import-summary.png') });
  await page.getByRole('button', { name: 'Done' }).click();

  // Third run: nothing new.
  await startImport(page);
  assert.deepEqual(importedOf(await summary(page)), { imported: 0, duplicates: TOTAL });
  await page.getByRole('button', { name: 'Done' }).click();

  // The special messages are listed as they were written.
  for (const subject of SPECIAL_SUBJECTS) await page.getByText(subject, { exact: true }).first().waitFor({ timeout: UI_TIMEOUT_MS });

  // Export the Inbox from its context menu, then read the file back.
  await page.getByRole('treeitem', { name: 'Inbox', exact: true }).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Export…' }).click();
  const exporting = page.getByRole('dialog', { name: /^Export Inbox/ });
  const out = path.join(scratch, 'exported.mbox');
  await exporting.getByRole('textbox', { name: 'File to write' }).fill(out);
  await exporting.getByRole('button', { name: 'Export', exact: true }).click();
  await exporting.getByText(`Exported ${TOTAL} message(s) to ${out}.`).waitFor({ timeout: UI_TIMEOUT_MS * 3 });
  const written = parseMboxrd(readFileSync(out));
  assert.equal(written.length, TOTAL);
  const tall = written.find((message) => message.body.toString('latin1').includes(`Subject: ${SPECIAL_SUBJECTS[0]}`));
  assert.ok(
    tall !== undefined && tall.body.toString('latin1').includes('line 800 of a tall message\r\nFrom the quoted line\r\n'),
    'the tall message and its quoted From line survive',
  );
  assert.ok(
    written.some((message) => message.body.includes(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0d, 0x0a]))),
    'the 8-bit byte is kept',
  );
  await exporting.getByRole('button', { name: 'Close' }).click();

  // Export one selected message from the list's context menu, as a folder of .eml files.
  await page
    .getByText(SPECIAL_SUBJECTS[2] ?? '', { exact: true })
    .first()
    .click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Export…' }).click();
  const exportingOne = page.getByRole('dialog', { name: 'Export 1 message(s)' });
  await exportingOne.getByRole('radio', { name: 'A folder of .eml files' }).check();
  const folderOut = path.join(scratch, 'chosen');
  await exportingOne.getByRole('textbox', { name: 'Folder to write into' }).fill(folderOut);
  await exportingOne.getByRole('button', { name: 'Export', exact: true }).click();
  await exportingOne.getByText(`Exported 1 message(s) to ${folderOut}.`).waitFor({ timeout: UI_TIMEOUT_MS });
  const files = readdirSync(folderOut);
  assert.equal(files.length, 1);
  const one = readFileSync(path.join(folderOut, files[0] ?? ''));
  assert.ok(one.includes(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0d, 0x0a])), 'the .eml holds the stored bytes, CRLF and 8-bit');
  await exportingOne.getByRole('button', { name: 'Close' }).click();
  assert.deepEqual(problems, []);
  await page.close();
});
