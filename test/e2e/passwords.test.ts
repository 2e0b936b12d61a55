/**
 * Signing in as a person meets it, against a real Dovecot: when the server refuses the saved password
 * (it was changed at the provider), F9 asks for the new one in a dialog that names the account and
 * offers to remember it; cancelled, the status line says automatic checks are paused and offers the
 * question again; the right password runs Send/Receive and the mail arrives. After a restart without a
 * keychain F9 asks for the password (nothing to remember it in), and a password command set in the
 * account settings signs in after the next restart without any question.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { defaultPolicy } from '../../shared/accounts';
import { TEST_DOMAIN } from '../servers/postfix';
import { plainMessage } from './reader-fixtures';
import { assertAccessible } from './support/accessibility';
import { watchForProblems } from './support/browser';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, WINDOW_SIZES, type MailEnvironment } from './support/mail-environment';
import { startWebApp, type RunningWebApp } from './support/web-app';
import { ui, uiPattern } from './support/words';

const UI_TIMEOUT_MS = 30_000;
/**
 * A sign-in after refused ones: Dovecot slows down sign-ins from an address that failed before (its
 * authentication penalty doubles with each failure), so these waits allow for that.
 */
const SIGN_IN_AFTER_FAILURES_MS = 60_000;
/** The password the provider changed it to (Dovecot reads its users file at each sign-in). */
const NEW_PASSWORD = 'a new password, changed at the provider';
/** A session bus that does not exist: the keychain is unavailable, as on a desktop without one. */
const NO_KEYCHAIN = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/mailbag-e2e-bus' };

let env: MailEnvironment;
let accountId: string;
let restarted: RunningWebApp | undefined;
let secretsDir: string;
const alice = `alice@${TEST_DOMAIN}`;

function message(subject: string, body: string): Buffer {
  return plainMessage({ from: `Bob Example <bob@${TEST_DOMAIN}>`, to: `Alice Example <${alice}>`, subject, body });
}

/** Changes the account's password on the server, as a provider's "change password" page does. */
function changePasswordOnServer(password: string): void {
  writeFileSync(path.join(env.postfix.dovecot.directory, 'users'), `${env.postfix.user}:{PLAIN}${password}::::::\n`, { mode: 0o600 });
}

before(async () => {
  env = await startMailEnvironment();
  secretsDir = mkdtempSync(path.join(os.tmpdir(), 'mailbag-e2e-password-command-'));
  accountId = await env.addAccount('alice', { policy: { ...defaultPolicy(false), checkAtStartup: false } });
});

after(async () => {
  await restarted?.stop();
  await env?.stop();
  rmSync(secretsDir, { recursive: true, force: true });
});

/** Restarts the app on the same profile with no keychain, and opens its window. */
async function restartWithoutKeychain(): Promise<{ page: Page; problems: string[] }> {
  await env.app.stop();
  await restarted?.stop();
  restarted = await startWebApp(env.profileDir, { env: { ...process.env, ...NO_KEYCHAIN } });
  const page = await env.browser.newPage({ viewport: WINDOW_SIZES[0] });
  const problems = watchForProblems(page);
  await page.goto(restarted.url);
  await page.getByRole('tree', { name: ui('folder.pane') }).waitFor({ timeout: UI_TIMEOUT_MS });
  return { page, problems };
}

/** The account as the password dialog names it: "Alice (user on host)". */
function aliceNamed(): string {
  return ui('password.accountAt', { account: 'Alice', user: env.postfix.user, host: env.postfix.host });
}

async function waitForRow(page: Page, subject: string, timeout = UI_TIMEOUT_MS): Promise<void> {
  await page
    .getByRole('grid', { name: ui('mail.messages') })
    .getByRole('row', { name: new RegExp(subject) })
    .waitFor({ timeout });
}

test(
  'a refused password: F9 asks in a dialog that names the account; cancelled, checks pause; the right one runs Send/Receive',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    await env.deliver(message('Allotment keys', 'The keys are under the blue pot.'), { from: `bob@${TEST_DOMAIN}`, to: [alice] });
    changePasswordOnServer(NEW_PASSWORD);
    const { page, problems } = await env.openPage(WINDOW_SIZES[0]);
    await page.getByRole('tree', { name: ui('folder.pane') }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page.locator('body').press('F9');

    const dialog = page.getByRole('dialog', { name: ui('password.title', { account: 'Alice' }) });
    await dialog.waitFor({ timeout: UI_TIMEOUT_MS });
    await dialog.getByText(ui('password.refused', { account: aliceNamed() }), { exact: false }).waitFor();
    const remember = dialog.getByLabel(ui('password.remember'));
    assert.equal(await remember.isChecked(), true, 'a keychain exists: remembering is offered');
    assert.equal(
      await dialog.getByLabel(ui('password.label'), { exact: true }).evaluate((element) => element === document.activeElement),
      true,
      'the password field has the focus',
    );
    await assertAccessible(page, 'password dialog');
    await env.screenshot(page, 'password-refused-dialog');

    // Cancelled: the status line says checks are paused, and offers the question again.
    await dialog.getByRole('button', { name: ui('common.cancel') }).click();
    const status = page.getByRole('status').filter({ hasText: ui('status.pausedPassword') });
    await status.waitFor({ timeout: UI_TIMEOUT_MS });
    await env.screenshot(page, 'password-refused-status');
    await status.getByRole('button', { name: ui('status.enterPassword') }).click();
    await dialog.waitFor({ timeout: UI_TIMEOUT_MS });

    // Signing in with nothing typed asks for the password in the window's language, and the dialog stays.
    await dialog.getByRole('button', { name: ui('password.signIn') }).click();
    await dialog.getByText(ui('setup.check.password'), { exact: true }).waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await dialog.getByLabel(ui('password.label'), { exact: true }).getAttribute('aria-invalid'), 'true');

    // A wrong password keeps the dialog open with the server's answer.
    await dialog.getByLabel(ui('password.label'), { exact: true }).fill('still not it');
    await dialog.getByRole('button', { name: ui('password.signIn') }).click();
    await dialog.getByText(ui('settings.passwordTryAgain')).waitFor({ timeout: SIGN_IN_AFTER_FAILURES_MS });

    await dialog.getByLabel(ui('password.label'), { exact: true }).fill(NEW_PASSWORD);
    await dialog.getByRole('button', { name: ui('password.signIn') }).click();
    await dialog.waitFor({ state: 'detached', timeout: SIGN_IN_AFTER_FAILURES_MS });
    await waitForRow(page, 'Allotment keys', SIGN_IN_AFTER_FAILURES_MS);
    assert.deepEqual(problems, []);
    await page.close();
  },
);

test('after a restart without a keychain F9 asks for the password, with nothing to remember it in', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  await env.deliver(message('Seed catalogue', 'The seed catalogue came today.'), { from: `bob@${TEST_DOMAIN}`, to: [alice] });
  const { page, problems } = await restartWithoutKeychain();
  await page.locator('body').press('F9');
  const dialog = page.getByRole('dialog', { name: ui('password.title', { account: 'Alice' }) });
  await dialog.waitFor({ timeout: UI_TIMEOUT_MS });
  await dialog.getByText(ui('password.missing', { account: aliceNamed() })).waitFor();
  await dialog.getByText(ui('password.noKeychain')).waitFor();
  assert.equal(await dialog.getByLabel(ui('password.remember')).count(), 0);
  await assertAccessible(page, 'password dialog without a keychain');
  await env.screenshot(page, 'password-missing-dialog');
  await dialog.getByLabel(ui('password.label'), { exact: true }).fill(NEW_PASSWORD);
  await dialog.getByLabel(ui('password.label'), { exact: true }).press('Enter');
  await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  await waitForRow(page, 'Seed catalogue');
  assert.deepEqual(problems, []);
  await page.close();
});

test('a message that could not be sent for want of a password: the Outbox asks for it, and the message goes', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await restartWithoutKeychain();
  const before = (await env.postfix.listDelivered()).length;
  await page
    .getByRole('toolbar', { name: ui('toolbar.label') })
    .getByRole('button', { name: ui('toolbar.new') })
    .click();
  const compose = page.getByRole('dialog', { name: uiPattern('compose.title.new') });
  await compose.getByLabel(ui('compose.fieldTo'), { exact: true }).fill('Bob Example <bob@example.test>,');
  await compose.getByLabel(ui('compose.subject')).fill('Greenhouse glass');
  await compose.getByLabel(ui('compose.body')).fill('Two panes are cracked.');
  await compose.getByRole('button', { name: ui('compose.send') }).click();
  await compose.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });

  const notice = page.getByRole('status').filter({ hasText: ui('outbox.stuck', { count: 1 }) });
  await notice.waitFor({ timeout: UI_TIMEOUT_MS });
  await notice.getByRole('button', { name: ui('outbox.open') }).click();
  const item = page.getByRole('list', { name: ui('outbox.list') }).getByRole('listitem', { name: 'Greenhouse glass' });
  // Main's reason is worded in the window's language from its code.
  await item.getByText(ui('outbox.failedReason', { reason: ui('outbox.passwordNeeded') })).waitFor({ timeout: UI_TIMEOUT_MS });
  await env.screenshot(page, 'outbox-password-needed');
  await item.getByRole('button', { name: ui('status.enterPassword') }).click();
  const dialog = page.getByRole('dialog', { name: ui('password.title', { account: 'Alice' }) });
  await dialog.getByLabel(ui('password.label'), { exact: true }).fill(NEW_PASSWORD);
  await dialog.getByRole('button', { name: ui('password.signIn') }).click();
  await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  const delivered = await env.postfix.waitForDeliveries(before + 1);
  assert.match(delivered.at(-1)?.toString('latin1') ?? '', /Subject: Greenhouse glass/);
  await notice.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  assert.deepEqual(problems, []);
  await page.close();
});

test('a password command set in the account settings signs in after a restart, without a question', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const secretFile = path.join(secretsDir, 'alice password');
  writeFileSync(secretFile, `${NEW_PASSWORD}\n`, { mode: 0o600 });
  let { page, problems } = await restartWithoutKeychain();
  await page
    .getByRole('toolbar', { name: ui('toolbar.label') })
    .getByRole('button', { name: ui('toolbar.settings') })
    .click();
  await page.getByRole('button', { name: ui('settings.editNamed', { name: 'Alice' }) }).click();
  const command = page.getByLabel(ui('setup.passwordCommand'));
  await command.fill(`cat '${secretFile}' | head -1`);
  await page.getByRole('button', { name: ui('setup.save') }).click();
  await page
    .getByText(uiPattern('setup.check.passwordCommand', { problem: ui('serviceError.commandLine.noShell', { character: '|' }) }))
    .waitFor({ timeout: UI_TIMEOUT_MS });
  await env.screenshot(page, 'password-command-refused');
  await command.fill(`cat '${secretFile}'`);
  await page.getByRole('button', { name: ui('setup.save') }).click();
  await page.getByRole('tree', { name: ui('folder.pane') }).waitFor({ timeout: UI_TIMEOUT_MS });
  assert.deepEqual(problems, []);
  await page.close();

  await env.deliver(message('Compost rota', 'Your turn with the compost on Sunday.'), { from: `bob@${TEST_DOMAIN}`, to: [alice] });
  ({ page, problems } = await restartWithoutKeychain());
  await page.locator('body').press('F9');
  await waitForRow(page, 'Compost rota');
  assert.equal(await page.getByRole('dialog').count(), 0, 'no password question: the command gave it');
  const account = await fetchAccountCommand();
  assert.equal(account, `cat '${secretFile}'`);
  assert.deepEqual(problems, []);
  await page.close();
});

/** The password command the profile stored for the account (read through a fresh app's contract). */
async function fetchAccountCommand(): Promise<string | undefined> {
  const { connectContract } = await import('./support/contract-client');
  const client = await connectContract(restarted?.url ?? '');
  try {
    const result = await client.call('getAccount', { id: accountId });
    return result.ok ? result.value.settings?.passwordCommand : undefined;
  } finally {
    await client.close();
  }
}
