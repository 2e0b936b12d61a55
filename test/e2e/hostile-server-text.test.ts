/**
 * What a hostile POP3 server says reaches the window only as plain text of a sane length: a unique-id
 * carrying an OSC 8 link and a bell, and a greeting padded to 6,000 characters with escape sequences,
 * are shown in the Server mailbox (the skipped-message warning, the transcript) with their control
 * characters visible and cut short; the listing goes on with the other messages.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { accountSettingsSchema, defaultPolicy } from '../../shared/accounts';
import { MAX_TRANSCRIPT_LINE_CHARS } from '../../shared/terminal-text';
import { sampleSettings } from '../fakes/account-settings';
import { FakePop3Server } from '../fakes/pop3-server';
import { rewriteListing } from '../fakes/pop3/faults';
import { startSecretService, type SecretService } from '../servers/secret-service';
import { launchChromium, watchForProblems } from './support/browser';
import { connectContract, type ContractClient } from './support/contract-client';
import { startWebApp, type RunningWebApp } from './support/web-app';
import { ui } from './support/words';

const TEST_TIMEOUT_MS = 120_000;
const UI_TIMEOUT_MS = 30_000;
const USER = 'ann';
const PASSWORD = 'pop-secret';
const HOSTILE_UID = 'uid-\x1b]8;;http://evil.example/\x07click\x1b]8;;\x07';
const HOSTILE_GREETING = `+OK \x1b]0;pwned\x07\x1b[2J${'A'.repeat(6_000)}`;
/** Everything a browser would draw as nothing (or a box) but a terminal would act on. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function message(subject: string): string {
  return [`From: Bob <bob@example.test>`, `To: Ann <ann@example.test>`, `Subject: ${subject}`, 'Date: Mon, 2 Mar 2026 09:00:00 +0000', '', 'Hello.', ''].join(
    '\r\n',
  );
}

let profileDir: string;
let secrets: SecretService;
let app: RunningWebApp;
let browser: Browser;
let client: ContractClient;
let server: FakePop3Server;
let accountId: string;

before(async () => {
  server = await FakePop3Server.start({
    users: { [USER]: PASSWORD },
    messages: [
      { uid: 'uid-1', body: message('First one') },
      { uid: 'uid-2', body: message('Second one') },
      { uid: 'uid-3', body: message('Third one') },
    ],
  });
  profileDir = mkdtempSync(path.join(os.tmpdir(), 'mailbag-e2e-hostile-'));
  secrets = await startSecretService();
  app = await startWebApp(profileDir, { env: { ...process.env, ...secrets.env } });
  browser = await launchChromium();
  client = await connectContract(app.url);
  const settings = accountSettingsSchema.parse(
    sampleSettings({
      name: 'Ann',
      address: 'ann@example.test',
      incoming: { host: server.host, port: server.port, security: 'none', username: USER, auth: 'auto' },
      outgoing: { host: '127.0.0.1', port: 1, security: 'none', username: USER, credentials: 'same' },
      policy: { ...defaultPolicy(true), checkAtStartup: false, includeInSendReceive: false },
      allowInsecure: true,
    }),
  );
  const saved = await client.call('saveAccount', { settings, pop3Password: PASSWORD, rememberPasswords: true });
  if (!saved.ok) throw new Error(`saveAccount failed: ${saved.error.message}`);
  accountId = saved.value.account.id;
  // Honest while the account was set up; hostile from now on.
  server.greetingFor = () => HOSTILE_GREETING;
  rewriteListing(server, 'UIDL', (lines) => lines.map((line) => (line.startsWith('2 ') ? `2 ${HOSTILE_UID}` : line)));
});

after(async () => {
  await client?.close();
  await browser?.close();
  await app?.stop();
  await secrets?.stop();
  await server?.close();
  if (profileDir !== undefined) rmSync(profileDir, { recursive: true, force: true });
});

test('a hostile server’s words are shown as plain, bounded text in the Server mailbox', { timeout: TEST_TIMEOUT_MS }, async () => {
  assert.ok(accountId !== '');
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = watchForProblems(page);
  await page.goto(app.url);
  await page.getByRole('button', { name: ui('folder.accountActions', { account: 'Ann' }) }).click();
  await page.getByRole('menuitem', { name: ui('folder.serverMailbox') }).click();
  await page.getByRole('heading', { name: ui('server.title') }).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.waitForFunction(() => document.querySelectorAll('.server-table tbody tr').length === 2, undefined, { timeout: UI_TIMEOUT_MS });

  const warnings = page.getByRole('list', { name: ui('server.skipped') });
  const warning = (await warnings.textContent()) ?? '';
  // The window's sentence in its language, with the server's line in it as the server sent it (made visible).
  const [before, behind] = ui('server.skippedBadLine', { number: 2, part: 'uid', line: '\u0000' }).split('\u0000');
  assert.ok(warning.startsWith(before ?? '') && warning.endsWith(behind ?? ''), warning);
  assert.ok(warning.includes('uid-\\x1b]8;;http://evil.example/\\x07click'), warning);
  assert.doesNotMatch(warning, RAW_CONTROLS);
  assert.equal(await warnings.locator('a').count(), 0, 'no link is made of the server’s words');

  await page.getByRole('button', { name: ui('server.showTranscript') }).click();
  const transcript = page.getByRole('dialog', { name: ui('server.transcriptTitle') }).getByLabel(ui('server.transcript'));
  await transcript.waitFor();
  const text = (await transcript.textContent()) ?? '';
  assert.doesNotMatch(text, RAW_CONTROLS);
  const greeting = text.split('\n').find((line) => line.startsWith('S: +OK'));
  assert.ok(greeting !== undefined, text.slice(0, 500));
  assert.ok(greeting.startsWith('S: +OK \\x1b]0;pwned\\x07\\x1b[2JAAAA'), greeting.slice(0, 80));
  assert.ok(greeting.length <= MAX_TRANSCRIPT_LINE_CHARS + 10, `the greeting line is cut (${greeting.length} characters)`);
  assert.ok(greeting.endsWith('…'));
  assert.deepEqual(problems, []);
  await page.close();
});
