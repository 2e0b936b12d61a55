/**
 * Signing in with a provider as a person meets it, through the browser bridge in Chromium: manual
 * setup offers "Sign in with Google", the provider's page (oidc-provider, pointed at by the documented
 * MAILBAG_OAUTH_GOOGLE_* variables) opens in a new tab, the person signs in and consents, and the mail
 * window receives through Dovecot with the token, at startup and with F9. When the provider revokes the
 * sign-in, F9 asks to sign in again (not for a password), and signing in again brings the mail.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { credentialKey } from '../../electron/services/credentials/credential-store';
import { KEYCHAIN_SERVICE_NAME } from '../../electron/services/credentials/keychain';
import { MAIL_RESOURCE, MAIL_SCOPE, SIGNING_KEY_ID, startAuthorizationServer, TEST_CLIENT_ID, type AuthorizationServer } from '../servers/authorization-server';
import { TEST_DOMAIN } from '../servers/postfix';
import { assertAccessible } from './support/accessibility';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, WINDOW_SIZES, type MailEnvironment } from './support/mail-environment';
import { fillManualServers } from './support/setup-form';
import { ui } from './support/words';

const UI_TIMEOUT_MS = 30_000;
/** Access tokens live a minute: every Send/Receive renews from the refresh token, as after a night away. */
const ACCESS_TOKEN_SECONDS = 60;
const REPOSITORY = path.resolve(__dirname, '..', '..');

let authorization: AuthorizationServer;
let env: MailEnvironment;
const address = `alice@${TEST_DOMAIN}`;

before(async () => {
  authorization = await startAuthorizationServer({ accessTokenSeconds: ACCESS_TOKEN_SECONDS });
  env = await startMailEnvironment({
    postfix: { trustedOAuth2Provider: { publicKeyPem: authorization.publicKeyPem, keyId: SIGNING_KEY_ID, audience: MAIL_RESOURCE } },
    appEnv: {
      MAILBAG_OAUTH_GOOGLE_CLIENT_ID: TEST_CLIENT_ID,
      MAILBAG_OAUTH_GOOGLE_AUTHORIZATION_ENDPOINT: authorization.authorizationEndpoint,
      MAILBAG_OAUTH_GOOGLE_TOKEN_ENDPOINT: authorization.tokenEndpoint,
      MAILBAG_OAUTH_GOOGLE_SCOPES: `${MAIL_SCOPE} offline_access`,
    },
  });
});

after(async () => {
  await env?.stop();
  await authorization?.close();
});

/** A message with a right-to-left subject and a nested multipart body, built here. */
function message(subject: string): string {
  const outer = `outer-${Date.now()}`;
  const inner = `inner-${Date.now()}`;
  return [
    `From: Bob Example <bob@${TEST_DOMAIN}>`,
    `To: Alice Example <${address}>`,
    `Subject: =?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${Date.now()}-${Math.random().toString(36).slice(2)}@${TEST_DOMAIN}>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${outer}"`,
    '',
    `--${outer}`,
    `Content-Type: multipart/alternative; boundary="${inner}"`,
    '',
    `--${inner}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    ...Array.from({ length: 200 }, (_, line) => `Line ${line + 1} of a tall message.`),
    `--${inner}--`,
    `--${outer}--`,
    '',
  ].join('\r\n');
}

/**
 * The person at the new tab: signs in on the provider's page when it asks (a second sign-in in the same
 * browser goes straight to the consent), consents, and sees Mailbag's answer on the loopback page, in
 * the window's language.
 */
async function consentInTab(tab: Page): Promise<void> {
  await tab.waitForURL((target) => target.protocol === 'http:', { timeout: UI_TIMEOUT_MS });
  const login = tab.locator('input[name="login"]');
  const consent = tab.getByRole('button', { name: 'Continue' });
  await login.or(consent).first().waitFor({ timeout: UI_TIMEOUT_MS });
  if (await login.isVisible()) {
    await login.fill(env.postfix.user);
    await tab.locator('input[name="password"]').fill('any password');
    await tab.locator('button[type="submit"]').click();
  }
  await consent.click({ timeout: UI_TIMEOUT_MS });
  await tab.waitForURL((target) => target.pathname === '/oauth/callback', { timeout: UI_TIMEOUT_MS });
  // Mailbag's own page, in the window's language.
  await tab.getByRole('heading', { name: ui('setup.page.signedInTitle') }).waitFor({ timeout: UI_TIMEOUT_MS });
  assert.ok((await tab.locator('body').innerText()).includes(ui('setup.page.signedIn')));
  await tab.close();
}

/** The status line after a check of the account Work with `count` new messages, whatever the time. */
function checkedPattern(count: number): RegExp {
  const TIME = '\u0000';
  const words = ui('status.checked', { account: 'Work', time: TIME, news: ui('status.news', { count }) });
  return new RegExp(
    words
      .split(TIME)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.+?'),
  );
}

/** Clicks a button that starts the sign-in, and goes through the tab it opens. */
async function signInThroughNewTab(page: Page, button: ReturnType<Page['getByRole']>): Promise<void> {
  const tab = page.context().waitForEvent('page', { timeout: UI_TIMEOUT_MS });
  await button.click();
  await consentInTab(await tab);
}

/** The refresh token in the keychain, read by a process of its own on the test's Secret Service. */
async function savedRefreshToken(accountId: string): Promise<string> {
  const script = "require('keytar').getPassword(process.argv[1], process.argv[2]).then((value) => process.stdout.write(value ?? ''))";
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script, KEYCHAIN_SERVICE_NAME, credentialKey(accountId, 'oauth')], {
    cwd: REPOSITORY,
    env: { ...process.env, ...env.secrets.env },
  });
  return stdout;
}

test('setup signs in with Google in a new tab; the mail comes; a revoked sign-in asks to sign in again', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await env.openPage(WINDOW_SIZES[0]);
  await page.getByRole('heading', { name: ui('firstRun.title') }).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.getByRole('button', { name: ui('common.continue') }).click();
  await page.getByLabel(ui('setup.yourName')).fill('Alice Example');
  await page.getByLabel(ui('setup.address')).fill(address);
  await page.getByRole('button', { name: ui('setup.manual') }).click();
  await page.getByLabel(ui('setup.signInWith'), { exact: true }).selectOption('google');
  assert.equal(await page.getByLabel(ui('password.label'), { exact: true }).count(), 0, 'no password is asked for');
  await fillManualServers(page, env.postfix, 'Work');
  await page.getByLabel(ui('setup.extraCa')).fill(env.postfix.caPem);
  await assertAccessible(page, 'account setup with the provider sign-in');

  const first = 'שלום — the first message after signing in';
  await env.deliver(message(first), { from: `bob@${TEST_DOMAIN}`, to: [address] });
  await signInThroughNewTab(page, page.getByRole('button', { name: ui('setup.signInGoogle') }));
  await page.getByRole('tree', { name: ui('folder.pane') }).waitFor({ timeout: UI_TIMEOUT_MS });
  const accounts = await env.client.call('listAccounts', undefined);
  assert.ok(accounts.ok);
  const account = accounts.value[0];
  assert.equal(account?.settings?.signInWith, 'google');
  // The automatic check at startup receives with the token; then Send/Receive by hand renews it and
  // checks again. Each shows its own words once announced, so after the second no check and no
  // renewal is under way, and the refresh token read below is the one the provider holds.
  const checked = (count: number) => page.getByRole('status').filter({ hasText: checkedPattern(count) });
  await page.getByText(first).first().waitFor({ timeout: UI_TIMEOUT_MS });
  await checked(1).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.locator('body').press('F9');
  await checked(0).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.getByRole('group', { name: ui('progress.group') }).waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });

  // The provider revokes the sign-in (the person removed Mailbag from the account's security page):
  // revoking the refresh token ends the whole grant, every token issued under it.
  const revoked = await fetch(authorization.revocationEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: await savedRefreshToken(account?.id ?? ''), token_type_hint: 'refresh_token', client_id: TEST_CLIENT_ID }),
  });
  assert.equal(revoked.status, 200);
  const second = 'مرحبا — after signing in again';
  await env.deliver(message(second), { from: `bob@${TEST_DOMAIN}`, to: [address] });
  await page.locator('body').press('F9');
  const dialog = page.getByRole('dialog', { name: ui('password.signInAgainTitle', { account: 'Work' }) });
  await dialog.waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await dialog.getByLabel(ui('password.label'), { exact: true }).count(), 0, 'the prompt asks for the provider, not a password');
  await assertAccessible(page, 'sign in again');
  await env.screenshot(page, 'provider-sign-in-again');

  // Put off, the status line offers to sign in again, in those words, never a password.
  await dialog.getByRole('button', { name: ui('common.cancel') }).click();
  await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  // The reason is main's own sentence, from the catalogs like the words around it.
  const status = page.getByRole('status').filter({ hasText: ui('status.accountProblem', { account: 'Work', problem: ui('refusal.signInRevoked') }) });
  await status.waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await status.getByRole('button', { name: ui('status.enterPassword') }).count(), 0, 'the status line asks for no password');
  await env.screenshot(page, 'provider-sign-in-again-status');
  await status.getByRole('button', { name: ui('status.signInAgain') }).click();
  await dialog.waitFor({ timeout: UI_TIMEOUT_MS });

  await signInThroughNewTab(page, dialog.getByRole('button', { name: ui('setup.signInGoogle') }));
  await dialog.waitFor({ state: 'detached', timeout: UI_TIMEOUT_MS });
  await page.getByText(second).first().waitFor({ timeout: UI_TIMEOUT_MS });
  assert.deepEqual(problems, []);
  await page.close();
});
