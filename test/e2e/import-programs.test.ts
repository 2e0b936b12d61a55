/**
 * Importing Thunderbird and Eudora in the window, as a person does it in Chromium through the browser
 * bridge. The Thunderbird profile is built by the test (profiles.ini and installs.ini in the home
 * folder's .thunderbird, prefs.js with a POP3 account on a real Dovecot, popstate.dat, the account's
 * mbox files with an .sbd sub-folder, Local Folders with a damaged mailbox, X-Mozilla-Status, a bidi
 * subject and a tall message): the wizard finds the profile, shows the mailboxes with their message
 * counts and the account, asks the account's password, refuses a wrong one by signing in (nothing is
 * saved), takes the right one, imports with a progress bar, and sums up the account, the messages
 * already downloaded by Thunderbird and the damaged part with its file and offsets. Then an Eudora
 * folder (descmap.pce, .mbx mailboxes, a nested folder) is browsed to, previewed and imported.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { accountSettingsSchema, defaultPolicy } from '../../shared/accounts';
import { DATABASE_FILE_NAME } from '../../electron/main/core';
import { openDatabase } from '../../electron/storage/database';
import { POPSTATE_REASON } from '../../electron/services/import/program-import';
import { sampleSettings } from '../fakes/account-settings';
import { startDovecot, type DovecotServer } from '../servers/dovecot';
import { NO_KEYCHAIN_ENV } from '../support/cli';
import { buildThunderbirdProfile, thunderbirdMessage } from '../support/thunderbird-profile';
import { assertAccessible } from './support/accessibility';
import { importSummaryOf, openImportWizard } from './support/import-wizard';
import { ui, uiPattern } from './support/words';
import { launchChromium, watchForProblems } from './support/browser';
import { ARTIFACTS_DIR, WINDOW_SIZES } from './support/mail-environment';
import { startWebApp, type RunningWebApp } from './support/web-app';

const UI_TIMEOUT_MS = 60_000;
const TEST_TIMEOUT_MS = 300_000;
const ACCOUNT_NAME = 'Home POP שלום';
const BIDI_SUBJECT = 'שלום — مرحبا from Thunderbird';
const GARBAGE = 'this is not a message\nnor this\n';

let scratch: string;
let profileDir: string;
let thunderbirdProfile: string;
let eudora: string;
let dovecot: DovecotServer;
let app: RunningWebApp;
let browser: Browser;

function buildThunderbird(): void {
  const built = buildThunderbirdProfile({
    root: path.join(scratch, '.thunderbird'),
    folder: 'q1w2e3.default-release',
    pop3: { port: dovecot.port, user: dovecot.user },
    accountName: 'Home POP \\u05e9\\u05dc\\u05d5\\u05dd',
    popstate: [
      { state: 'k', uidl: 'UID-downloaded-1' },
      { state: 'd', uidl: 'UID-downloaded-2' },
      { state: 'b', uidl: 'UID-partial' },
    ],
  });
  thunderbirdProfile = built.profile;
  const server = built.serverMail;
  const local = built.localFolders;
  mkdirSync(path.join(server, 'Inbox.sbd'));
  const tall = Array.from({ length: 2000 }, (_, index) => `line ${index} of a tall message`).join('\n');
  writeFileSync(
    path.join(server, 'Inbox'),
    thunderbirdMessage('Tall Thunderbird message', '0001', `>From the start\n${tall}`) + thunderbirdMessage(BIDI_SUBJECT, '0000', 'שלום עולם'),
  );
  writeFileSync(path.join(server, 'Inbox.msf'), '');
  writeFileSync(path.join(server, 'Inbox.sbd', 'Receipts'), thunderbirdMessage('A receipt', '0005', 'Café'));
  writeFileSync(path.join(local, 'Archives'), thunderbirdMessage('Archived long ago', '0001', 'old'));
  writeFileSync(path.join(local, 'Broken'), GARBAGE + thunderbirdMessage('After damage', '0000', 'still here'));
  writeFileSync(path.join(local, 'Broken.msf'), '');
}

function buildEudoraFolder(): void {
  eudora = path.join(scratch, 'Eudora');
  mkdirSync(path.join(eudora, 'Projects.fol'), { recursive: true });
  writeFileSync(path.join(eudora, 'descmap.pce'), 'In,In.mbx,S,N\r\nProjects,Projects.fol,F,N\r\n');
  writeFileSync(path.join(eudora, 'Projects.fol', 'descmap.pce'), 'Alpha,Alpha.mbx,M,N\r\n');
  const message = (subject: string): string =>
    `From ???@??? Mon Nov 02 09:00:00 2026\r\nFrom: Eve <eve@example.com>\r\nSubject: ${subject}\r\nDate: Mon, 2 Nov 2026 09:00:00 +0000\r\nMessage-ID: <${subject.replace(/\W/g, '')}@eudora.test>\r\n\r\nText of ${subject}.\r\n\r\n`;
  writeFileSync(path.join(eudora, 'In.mbx'), message('Eudora inbox one') + message('Eudora inbox two'));
  writeFileSync(path.join(eudora, 'Projects.fol', 'Alpha.mbx'), message('Eudora alpha'));
}

before(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-e2e-programs-'));
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
    .run('ann', settings.name, settings.address, JSON.stringify(settings));
  database.close();
  dovecot = await startDovecot();
  buildThunderbird();
  buildEudoraFolder();
  app = await startWebApp(profileDir, { env: { ...process.env, ...NO_KEYCHAIN_ENV, HOME: scratch } });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await app?.stop();
  await dovecot?.stop();
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
});

/** A mailbox of the preview with its count, as the wizard lists it in the tests' language. */
function mailboxLine(path: string, count: number): string {
  return ui('import.problem', { place: path, reason: ui('import.mailboxMessages', { count }) });
}

test('a Thunderbird profile and an Eudora folder are imported through the wizard', { timeout: TEST_TIMEOUT_MS }, async () => {
  const page = await browser.newPage({ viewport: { width: WINDOW_SIZES[1].width, height: WINDOW_SIZES[1].height } });
  const problems = watchForProblems(page);
  await page.goto(app.url);
  await page.getByRole('tree', { name: ui('folder.pane') }).waitFor({ timeout: UI_TIMEOUT_MS });

  const wizard = await openImportWizard(page);
  await wizard.getByRole('radio', { name: uiPattern('import.kindThunderbird') }).check();
  // The profile installs.ini names is found and chosen.
  const found = wizard.getByRole('radio', { name: uiPattern('import.defaultProfile', { name: 'default-release' }) });
  await found.waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await found.isChecked(), true);
  assert.equal(await wizard.getByRole('textbox', { name: ui('import.profileFolder') }).inputValue(), thunderbirdProfile);
  assert.equal(await wizard.getByRole('checkbox', { name: new RegExp(`^${ui('import.mail')}`) }).isChecked(), true);
  assert.equal(await wizard.getByRole('checkbox', { name: new RegExp(`^${ui('import.accounts')}`) }).isChecked(), true);
  await wizard.getByRole('button', { name: ui('import.lookInside') }).click();

  // What will be imported: the mailboxes with their counts, and the account.
  const mailboxes = wizard.getByRole('list', { name: ui('import.mailboxes') });
  await mailboxes.waitFor({ timeout: UI_TIMEOUT_MS });
  assert.deepEqual(await mailboxes.getByRole('listitem').allTextContents(), [
    mailboxLine(`${ACCOUNT_NAME}/Inbox`, 2),
    mailboxLine(`${ACCOUNT_NAME}/Inbox/Receipts`, 1),
    // Local Folders is named in the window's language; the folders under it keep their names.
    mailboxLine(`${ui('folder.localFolders')}/Archives`, 1),
    mailboxLine(`${ui('folder.localFolders')}/Broken`, 1),
  ]);
  const accounts = wizard.getByRole('list', { name: ui('import.accounts') });
  assert.match((await accounts.textContent()) ?? '', uiPattern('import.accountAt', { name: ACCOUNT_NAME, user: dovecot.user, host: '127.0.0.1' }));
  await assertAccessible(page, 'import preview');
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'import-thunderbird-preview.png') });
  const importButton = wizard.getByRole('button', { name: ui('import.import'), exact: true });
  assert.equal(await importButton.isDisabled(), true, 'the password is needed first');

  // A wrong password is refused by the server and nothing is imported (nor saved: the summary below
  // says the account was imported then, not that it was already here).
  const password = wizard.getByLabel(ui('import.passwordFor', { user: dovecot.user, host: '127.0.0.1' }));
  await password.fill('not the password');
  await importButton.click();
  await accounts.getByRole('alert').waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await wizard.locator('.import-summary').count(), 0);

  // The right one: the account comes in, then the mail with a progress bar.
  await password.fill(dovecot.password);
  await importButton.click();
  const done = wizard.locator('.import-summary [role="status"]');
  await done.waitFor({ timeout: UI_TIMEOUT_MS * 2 });
  assert.deepEqual(importSummaryOf((await done.textContent()) ?? ''), { cancelled: false, imported: 5, duplicates: 0, skipped: 0, problems: 1 });
  assert.equal(
    await wizard.getByRole('list', { name: ui('import.accountsImported') }).textContent(),
    ui('import.accountCreatedKnown', { name: ACCOUNT_NAME, host: '127.0.0.1', count: 2 }),
  );
  const damaged = (await wizard.getByRole('list', { name: ui('import.notImported') }).textContent()) ?? '';
  assert.ok(
    damaged.includes(ui('import.placeFileBytes', { file: path.join(thunderbirdProfile, 'Mail', 'Local Folders', 'Broken'), start: 0, end: GARBAGE.length })),
    damaged,
  );
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'import-thunderbird-summary.png') });
  // popstate.dat went into the account's POP journal as the command line writes it: downloaded in
  // full (k, d) is known and kept on the server; the partly downloaded message (b) is left to fetch.
  const check = openDatabase(path.join(profileDir, DATABASE_FILE_NAME));
  try {
    const rows = check
      .prepare<[string], { uidl: string; state: string; reason: string }>(
        'select j.uidl as uidl, j.state as state, j.reason as reason from pop_journal j join accounts a on a.id = j.account_id where a.name = ? order by j.uidl',
      )
      .all(ACCOUNT_NAME);
    assert.deepEqual(
      rows.map((row) => [row.uidl, row.state, row.reason]),
      [
        ['UID-downloaded-1', 'kept-on-server', POPSTATE_REASON],
        ['UID-downloaded-2', 'kept-on-server', POPSTATE_REASON],
      ],
    );
  } finally {
    check.close();
  }
  await page
    .getByRole('treeitem', { name: new RegExp(ACCOUNT_NAME) })
    .first()
    .waitFor({ timeout: UI_TIMEOUT_MS });

  // The Eudora folder, browsed to from the home folder.
  await wizard.getByRole('button', { name: ui('import.importMore') }).click();
  await wizard.getByRole('radio', { name: uiPattern('import.kindEudora') }).check();
  await wizard.getByRole('button', { name: 'Eudora/' }).click();
  await wizard.getByRole('list', { name: ui('import.contentsOf', { path: eudora }) }).waitFor({ timeout: UI_TIMEOUT_MS });
  await wizard.getByRole('button', { name: ui('import.chooseFolder') }).click();
  assert.equal(await wizard.getByRole('textbox', { name: ui('import.eudoraFolder') }).inputValue(), eudora);
  await wizard.getByRole('button', { name: ui('import.lookInside') }).click();
  const eudoraMailboxes = wizard.getByRole('list', { name: ui('import.mailboxes') });
  await eudoraMailboxes.waitFor({ timeout: UI_TIMEOUT_MS });
  assert.deepEqual(await eudoraMailboxes.getByRole('listitem').allTextContents(), [mailboxLine('In', 2), mailboxLine('Projects/Alpha', 1)]);
  await wizard.getByRole('button', { name: ui('import.import'), exact: true }).click();
  await done.waitFor({ timeout: UI_TIMEOUT_MS * 2 });
  const eudoraSummary = importSummaryOf((await done.textContent()) ?? '');
  assert.deepEqual([eudoraSummary.imported, eudoraSummary.duplicates], [3, 0]);
  await wizard.getByRole('button', { name: ui('import.done') }).click();
  await page.getByText('Eudora inbox one').first().waitFor({ timeout: UI_TIMEOUT_MS });
  assert.deepEqual(problems, []);
  await page.close();
});
