/**
 * Import and export in the window, as a person does them in Chromium through the browser bridge: the
 * toolbar's More → Import… opens the wizard; a maildir chosen by browsing to it is imported until the test's
 * own named pipes at its end hold the import back, so the progress bar counts and Cancel always lands
 * midway and keeps what was imported; the next import of it adds only the rest. The mbox (built here:
 * tall, bidi and 8-bit messages, with bytes before the first From line) is imported, then again for
 * nothing, and the summary lists what could not be read with its byte offsets; an .eml goes into a
 * sub-folder of Local Folders. Then the folder's context menu exports the Inbox to an mbox file, which
 * holds every message, and the list's context menu exports one selected message as an .eml file.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { constants, mkdirSync, mkdtempSync, promises as fsp, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { accountSettingsSchema, defaultPolicy } from '../../shared/accounts';
import { DATABASE_FILE_NAME } from '../../electron/main/core';
import { openDatabase } from '../../electron/storage/database';
import { createTreeFolder } from '../../electron/storage/folder-tree';
import { sampleSettings } from '../fakes/account-settings';
import { parseMboxrd } from '../unit/cli/mboxrd-reader';
import { assertAccessible } from './support/accessibility';
import { anyCountPattern, importSummaryOf, openImportWizard } from './support/import-wizard';
import { ui, uiPattern } from './support/words';
import { launchChromium, watchForProblems } from './support/browser';
import { ARTIFACTS_DIR, WINDOW_SIZES } from './support/mail-environment';
import { startWebApp, type RunningWebApp } from './support/web-app';

/** Filler messages of the mbox. */
const FILLER_MESSAGES = 300;
/** Messages of the maildir before the pipes that hold its import back (more than one batch). */
const MAILDIR_MESSAGES = 600;
/** Named pipes at the end of the maildir: the import waits on them until the test writes them. */
const HELD_BACK = ['9998-held-back-1:2,S', '9999-held-back-2:2,S'];
/** How often the test looks whether the import waits on a pipe. */
const PIPE_POLL_MS = 50;
/** Special messages at the start of the mbox. */
const SPECIAL_SUBJECTS = ['Tall message', 'שלום — مرحبا bidi subject', 'Café 8-bit body'];
const MBOX_TOTAL = FILLER_MESSAGES + SPECIAL_SUBJECTS.length;
const MAILDIR_TOTAL = MAILDIR_MESSAGES + HELD_BACK.length;
const TOTAL = MBOX_TOTAL + MAILDIR_TOTAL;
/** Bytes before the first From line: not a message, listed with its offsets. */
const JUNK = 'this is not a message\n';
const UI_TIMEOUT_MS = 60_000;
const ACCOUNT_ID = 'import-account';

let scratch: string;
let profileDir: string;
let mbox: string;
let maildir: string;
let localYear: number;
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

function maildirMessage(index: number, subject: string): string {
  return `From: Maildir ${index} <maildir${index}@example.test>\nSubject: ${subject}\nDate: Fri, 2 Jan 2026 10:00:00 +0000\nMessage-ID: <maildir-${index}@example.test>\n\nA message of the maildir.\n`;
}

/** A maildir whose last entries are named pipes, so its import cannot end before the test writes them. */
function buildMaildir(): void {
  for (const folder of ['cur', 'new', 'tmp']) mkdirSync(path.join(maildir, folder), { recursive: true });
  for (let index = 0; index < MAILDIR_MESSAGES; index += 1)
    writeFileSync(path.join(maildir, 'cur', `${String(index).padStart(4, '0')}-message:2,S`), maildirMessage(index, `Maildir ${index}`));
  for (const name of HELD_BACK) execFileSync('mkfifo', [path.join(maildir, 'cur', name)]);
}

/** The pipe opened for writing when the import is reading it (it then waits for the bytes); undefined while nothing reads it. */
async function openPipe(name: string): Promise<FileHandle | undefined> {
  try {
    return await fsp.open(path.join(maildir, 'cur', name), constants.O_WRONLY | constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENXIO') return undefined;
    throw error;
  }
}

/** Writes a held-back message into its open pipe and closes it, which lets the import read on. */
async function feedPipe(handle: FileHandle, index: number): Promise<void> {
  try {
    await handle.write(maildirMessage(MAILDIR_MESSAGES + index, `Held back ${index}`));
  } finally {
    await handle.close();
  }
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
  maildir = path.join(scratch, 'old-mail', 'maildir');
  buildMaildir();
  const local = openDatabase(path.join(profileDir, DATABASE_FILE_NAME));
  const kept = createTreeFolder(local, { accountId: null, parentId: null, name: 'Kept' });
  localYear = createTreeFolder(local, { accountId: null, parentId: kept, name: '2019' });
  local.close();
  writeFileSync(path.join(scratch, 'old-mail', 'letter.eml'), maildirMessage(9000, 'Kept letter'));
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
  const wizard = await openImportWizard(page);
  await wizard.getByRole('radio', { name: uiPattern('import.kindMbox') }).check();
  await wizard.getByRole('button', { name: 'old-mail/' }).click();
  await wizard.getByRole('button', { name: 'archive.mbox' }).click();
  assert.equal(await wizard.getByRole('textbox', { name: ui('import.fileToImport') }).inputValue(), mbox);
  await wizard
    .getByRole('combobox', { name: ui('import.into') })
    .selectOption({ label: ui('mail.folderOfAccount', { folder: ui('folder.special.inbox'), account: 'Ann' }) });
  await wizard.getByRole('button', { name: ui('import.import'), exact: true }).click();
}

/** Opens the wizard, chooses the maildir by browsing to it, and starts the import into the Inbox. */
async function startMaildirImport(page: Page): Promise<void> {
  const wizard = await openImportWizard(page);
  await wizard.getByRole('radio', { name: uiPattern('import.kindMaildir') }).check();
  await wizard.getByRole('button', { name: 'old-mail/' }).click();
  await wizard.getByRole('button', { name: 'maildir/' }).click();
  await wizard.getByRole('list', { name: ui('import.contentsOf', { path: maildir }) }).waitFor({ timeout: UI_TIMEOUT_MS });
  await wizard.getByRole('button', { name: ui('import.chooseFolder') }).click();
  assert.equal(await wizard.getByRole('textbox', { name: ui('import.folderToImport') }).inputValue(), maildir);
  await wizard
    .getByRole('combobox', { name: ui('import.into') })
    .selectOption({ label: ui('mail.folderOfAccount', { folder: ui('folder.special.inbox'), account: 'Ann' }) });
  await wizard.getByRole('button', { name: ui('import.import'), exact: true }).click();
}

/** The summary line of a finished import. */
async function summary(page: Page): Promise<string> {
  const done = page.getByRole('dialog', { name: ui('import.title') }).locator('.import-summary [role="status"]');
  await done.waitFor({ timeout: UI_TIMEOUT_MS * 3 });
  return (await done.textContent()) ?? '';
}

function importedOf(text: string): { imported: number; duplicates: number } {
  const { imported, duplicates } = importSummaryOf(text);
  return { imported, duplicates };
}

test(
  'a held-back maildir is cancelled midway and completed, an mbox imported and again for nothing, an .eml filed in Local Folders, and the Inbox exported',
  { timeout: 600_000 },
  async () => {
    const page = await browser.newPage({ viewport: { width: WINDOW_SIZES[1].width, height: WINDOW_SIZES[1].height } });
    const problems = watchForProblems(page);
    await page.goto(app.url);
    await page.getByRole('tree', { name: ui('folder.pane') }).waitFor({ timeout: UI_TIMEOUT_MS });

    // The maildir: its import waits on the pipes at its end, so Cancel always lands midway.
    await startMaildirImport(page);
    const wizard = page.getByRole('dialog', { name: ui('import.title') });
    await wizard.getByRole('progressbar', { name: ui('import.progress') }).waitFor({ timeout: UI_TIMEOUT_MS });
    await wizard.getByText(anyCountPattern('import.read')).waitFor({ timeout: UI_TIMEOUT_MS });
    // Every ordinary message is read once the import waits on the first pipe; the test holds it open.
    let held: FileHandle | undefined;
    while ((held = await openPipe(HELD_BACK[0] ?? '')) === undefined) await new Promise((resolve) => setTimeout(resolve, PIPE_POLL_MS));
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'import-progress.png') });
    await wizard.getByRole('button', { name: ui('common.cancel') }).click();
    await wizard.getByText(new RegExp(`^${ui('import.cancelling', { progress: '' }).trim()}`)).waitFor({ timeout: UI_TIMEOUT_MS });
    // Main has passed the cancel on; now let the import read on, one pipe at a time, until it ends.
    await feedPipe(held, 0);
    const summaryLine = wizard.locator('.import-summary [role="status"]');
    let fedSecond = false;
    while (!(await summaryLine.isVisible())) {
      const second = fedSecond ? undefined : await openPipe(HELD_BACK[1] ?? '');
      if (second !== undefined) {
        await feedPipe(second, 1);
        fedSecond = true;
      }
      await new Promise((resolve) => setTimeout(resolve, PIPE_POLL_MS));
    }
    const cancelled = await summary(page);
    assert.equal(importSummaryOf(cancelled).cancelled, true, cancelled);
    const first = importedOf(cancelled);
    // Everything read before Cancel is kept (the batch in progress is committed); never the whole maildir.
    assert.ok(first.imported >= MAILDIR_MESSAGES && first.imported < MAILDIR_TOTAL, `cancelled midway: ${first.imported} of ${MAILDIR_TOTAL} kept`);

    // Again, with the pipes made ordinary files: only the rest comes in.
    for (const [index, name] of HELD_BACK.entries()) {
      rmSync(path.join(maildir, 'cur', name));
      writeFileSync(path.join(maildir, 'cur', name), maildirMessage(MAILDIR_MESSAGES + index, `Held back ${index}`));
    }
    await wizard.getByRole('button', { name: ui('import.importMore') }).click();
    await page.getByRole('button', { name: ui('common.close') }).click();
    await startMaildirImport(page);
    assert.deepEqual(importedOf(await summary(page)), { imported: MAILDIR_TOTAL - first.imported, duplicates: first.imported });
    await page.getByRole('button', { name: ui('import.done') }).click();

    // The mbox: everything, and the bytes before the first From line listed with their offsets and why.
    await startImport(page);
    const completed = await summary(page);
    assert.equal(importSummaryOf(completed).cancelled, false, completed);
    assert.deepEqual(importedOf(completed), { imported: MBOX_TOTAL, duplicates: 0 });
    const notImported = page.getByRole('list', { name: ui('import.notImported') });
    const outside = { place: ui('import.placeBytes', { start: 0, end: JUNK.length }), reason: ui('import.reason.outsideMessage') };
    assert.match((await notImported.textContent()) ?? '', uiPattern('import.problem', outside), 'the place and why, in the window’s language');
    await assertAccessible(page, 'import summary');
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'import-summary.png') });
    await page.getByRole('button', { name: ui('import.done') }).click();

    // Again: nothing new.
    await startImport(page);
    assert.deepEqual(importedOf(await summary(page)), { imported: 0, duplicates: MBOX_TOTAL });
    await page.getByRole('button', { name: ui('import.done') }).click();

    // An .eml into a sub-folder of Local Folders, chosen by its path.
    await openImportWizard(page);
    await wizard.getByRole('radio', { name: uiPattern('import.kindEml') }).check();
    await wizard.getByRole('button', { name: 'old-mail/' }).click();
    await wizard.getByRole('button', { name: 'letter.eml' }).click();
    await wizard.getByRole('combobox', { name: ui('import.into') }).selectOption({ label: `${ui('folder.localFolders')}/Kept/2019` });
    await wizard.getByRole('button', { name: ui('import.import'), exact: true }).click();
    assert.deepEqual(importedOf(await summary(page)), { imported: 1, duplicates: 0 });
    await page.getByRole('button', { name: ui('import.done') }).click();
    const check = openDatabase(path.join(profileDir, DATABASE_FILE_NAME));
    try {
      const row = check
        .prepare<[], { folder_id: number; account_id: string }>("select folder_id, account_id from messages where subject = 'Kept letter'")
        .get();
      assert.deepEqual({ ...row }, { folder_id: localYear, account_id: ACCOUNT_ID });
    } finally {
      check.close();
    }

    // The special messages are listed as they were written.
    for (const subject of SPECIAL_SUBJECTS) await page.getByText(subject, { exact: true }).first().waitFor({ timeout: UI_TIMEOUT_MS });

    // Export the Inbox from its context menu, then read the file back.
    await page.getByRole('treeitem', { name: ui('folder.special.inbox'), exact: true }).click({ button: 'right' });
    await page.getByRole('menuitem', { name: ui('menu.export') }).click();
    const exporting = page.getByRole('dialog', { name: ui('import.exportFolder', { folder: ui('folder.special.inbox') }) });
    const out = path.join(scratch, 'exported.mbox');
    await exporting.getByRole('textbox', { name: ui('import.fileToWrite') }).fill(out);
    await exporting.getByRole('button', { name: ui('import.export'), exact: true }).click();
    await exporting.getByText(ui('import.exported', { count: TOTAL, destination: out })).waitFor({ timeout: UI_TIMEOUT_MS * 3 });
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
    await exporting.getByRole('button', { name: ui('common.close') }).click();

    // Export one selected message from the list's context menu, as a folder of .eml files.
    await page
      .getByText(SPECIAL_SUBJECTS[2] ?? '', { exact: true })
      .first()
      .click({ button: 'right' });
    await page.getByRole('menuitem', { name: ui('menu.export') }).click();
    const exportingOne = page.getByRole('dialog', { name: ui('import.exportMessages', { count: 1 }) });
    await exportingOne.getByRole('radio', { name: ui('import.emlFolder') }).check();
    const folderOut = path.join(scratch, 'chosen');
    await exportingOne.getByRole('textbox', { name: ui('import.folderToWrite') }).fill(folderOut);
    await exportingOne.getByRole('button', { name: ui('import.export'), exact: true }).click();
    await exportingOne.getByText(ui('import.exported', { count: 1, destination: folderOut })).waitFor({ timeout: UI_TIMEOUT_MS });
    const files = readdirSync(folderOut);
    assert.equal(files.length, 1);
    const one = readFileSync(path.join(folderOut, files[0] ?? ''));
    assert.ok(one.includes(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0d, 0x0a])), 'the .eml holds the stored bytes, CRLF and 8-bit');
    await exportingOne.getByRole('button', { name: ui('common.close') }).click();
    assert.deepEqual(problems, []);
    await page.close();
  },
);
