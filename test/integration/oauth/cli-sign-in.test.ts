/**
 * `mailbag account add --oauth` end to end on 127.0.0.1: the command prints the sign-in address,
 * Chromium goes through the authorization server's pages (oidc-provider) as a person would, the
 * command takes the loopback redirect and saves the account once Dovecot accepted the token; then
 * `mailbag receive` signs in to Dovecot and `mailbag send` to Postfix with the token, each run
 * renewing it from the refresh token in the keychain; a revoked sign-in makes receive ask to sign in
 * again. The Google entry of the provider table (whose request asks for consent, as oidc-provider wants before it issues a refresh token) is pointed at the test server through the
 * documented MAILBAG_OAUTH_GOOGLE_* variables.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { runCli } from '../../../electron/cli/run';
import { credentialKey } from '../../../electron/services/credentials/credential-store';
import { KEYCHAIN_SERVICE_NAME } from '../../../electron/services/credentials/keychain';
import { SIGN_IN_AGAIN_MESSAGE } from '../../../electron/services/oauth/sign-in-again';
import type { DoctorReport } from '../../../shared/doctor';
import { createTranslator } from '../../../shared/i18n/catalogs';
import type { SaveAccountResult } from '../../../shared/ipc/contract';
import { launchChromium } from '../../e2e/support/browser';
import { memoryKeychain } from '../../fakes/memory-keychain';
import {
  MAIL_RESOURCE,
  MAIL_SCOPE,
  SIGNING_KEY_ID,
  startAuthorizationServer,
  TEST_CLIENT_ID,
  type AuthorizationServer,
} from '../../servers/authorization-server';
import { startPostfix, type PostfixServer } from '../../servers/postfix';
import { captureOutput, NO_KEYCHAIN_ENV } from '../../support/cli';
import { POSTFIX_TEST_TIMEOUT_MS } from '../smtp/support';
import { consentInBrowser } from './consent-browser';

/** How often the test looks at what the command printed while it waits for the sign-in address. */
const POLL_MS = 50;
/** How long the command may take to print the sign-in address. */
const ADDRESS_WAIT_MS = 60_000;

let authorization: AuthorizationServer;
let postfix: PostfixServer;
let browser: Browser;
let profile: string;
let caFile: string;
const keychain = memoryKeychain();

before(async () => {
  authorization = await startAuthorizationServer();
  browser = await launchChromium();
  postfix = await startPostfix({
    trustedOAuth2Provider: { publicKeyPem: authorization.publicKeyPem, keyId: SIGNING_KEY_ID, audience: MAIL_RESOURCE },
  });
  const directory = mkdtempSync(path.join(os.tmpdir(), 'mailbag-oauth-cli-'));
  profile = path.join(directory, 'profile');
  caFile = path.join(directory, 'ca.pem');
  writeFileSync(caFile, postfix.caPem);
});
after(async () => {
  await postfix.stop();
  await browser.close();
  await authorization.close();
});

/** The documented variables that point Google's sign-in at the test server, with its client id. */
function environment(scopes = `${MAIL_SCOPE} offline_access`): NodeJS.ProcessEnv {
  return {
    ...NO_KEYCHAIN_ENV,
    MAILBAG_OAUTH_GOOGLE_CLIENT_ID: TEST_CLIENT_ID,
    MAILBAG_OAUTH_GOOGLE_AUTHORIZATION_ENDPOINT: authorization.authorizationEndpoint,
    MAILBAG_OAUTH_GOOGLE_TOKEN_ENDPOINT: authorization.tokenEndpoint,
    MAILBAG_OAUTH_GOOGLE_DEVICE_ENDPOINT: authorization.deviceAuthorizationEndpoint,
    MAILBAG_OAUTH_GOOGLE_SCOPES: scopes,
  };
}

/** Runs `mailbag ARGS` in process on the test profile, sharing one keychain between runs. */
function mailbag(args: readonly string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}) {
  const capture = captureOutput({ stdin: { text: options.input ?? '' } });
  const code = runCli(['--profile', profile, ...args], capture.streams, options.env ?? environment(), { keychain });
  return { capture, finished: code.then((exit) => ({ code: exit, out: capture.out(), err: capture.err() })) };
}

/** Waits until the command has printed what `pattern` matches, and returns the match. */
async function waitForPrinted(read: () => string, pattern: RegExp): Promise<RegExpExecArray> {
  const deadline = Date.now() + ADDRESS_WAIT_MS;
  for (;;) {
    const found = pattern.exec(read());
    if (found !== null) return found;
    if (Date.now() > deadline) throw new Error(`the command did not print ${String(pattern)}:\n${read()}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Waits until the command has printed the sign-in address, and returns it. */
async function printedAddress(read: () => string): Promise<string> {
  return (await waitForPrinted(read, /^(http:\/\/127\.0\.0\.1:\d+\/auth\?\S+)$/m))[1] ?? '';
}

function addArgs(name: string): string[] {
  return [
    'account',
    'add',
    '--json',
    '--oauth',
    '--oauth-provider',
    'google',
    '--name',
    name,
    '--email',
    `${postfix.user}@${postfix.domain}`,
    '--pop3',
    `${postfix.dovecot.host}:${postfix.dovecot.tlsPort}`,
    '--pop3-security',
    'tls',
    '--pop3-user',
    postfix.user,
    '--smtp',
    `${postfix.host}:${postfix.submissionPort}`,
    '--smtp-security',
    'starttls',
    '--smtp-user',
    postfix.user,
    '--ca',
    caFile,
    '--leave-on-server',
    'forever',
  ];
}

/** `account add --oauth` with a person at Chromium going through the provider's pages. */
async function addSignedIn(name: string): Promise<SaveAccountResult> {
  const run = mailbag(addArgs(name));
  const address = new URL(await printedAddress(() => run.capture.err()));
  assert.equal(address.searchParams.get('code_challenge_method'), 'S256');
  assert.equal(new URL(address.searchParams.get('redirect_uri') ?? '').hostname, '127.0.0.1');
  const page = await consentInBrowser(browser, address.toString(), postfix.user);
  await page.close();
  const result = await run.finished;
  assert.equal(result.code, 0, result.err);
  return JSON.parse(result.out) as SaveAccountResult;
}

test(
  'account add --oauth signs in through the browser; receive and send then use the token with Dovecot and Postfix',
  { timeout: POSTFIX_TEST_TIMEOUT_MS },
  async () => {
    const saved = await addSignedIn('Work');
    assert.equal(saved.account.settings?.signInWith, 'google');
    assert.equal(saved.smtpVerified, true, JSON.stringify(saved.smtpError));
    const refreshToken = keychain.entries.get(`${KEYCHAIN_SERVICE_NAME}/${credentialKey(saved.account.id, 'oauth')}`);
    assert.ok(refreshToken !== undefined && refreshToken.length > 0, `the refresh token is in the keychain: ${[...keychain.entries.keys()].join(', ')}`);
    assert.ok(![...keychain.entries.keys()].some((key) => key.endsWith(':pop3') || key.endsWith(':smtp')), 'no password is stored');

    const subject = `Sent with the provider's token ${Date.now()}`;
    const bodyFile = path.join(path.dirname(caFile), 'body.txt');
    writeFileSync(bodyFile, 'Signed in once, sent and received with the token.\n');
    const sent = await mailbag(['send', '--account', 'Work', '--to', `${postfix.user}@${postfix.domain}`, '--subject', subject, '--body-file', bodyFile])
      .finished;
    assert.equal(sent.code, 0, sent.err);
    await postfix.waitForDeliveries(1);

    const received = await mailbag(['receive', '--account', 'Work']).finished;
    assert.equal(received.code, 0, received.err);
    const listed = await mailbag(['list', '--json']).finished;
    assert.ok(listed.out.includes(subject), `the sent message was received: ${listed.out}`);

    // The doctor renews the sign-in and signs in to both servers with the token.
    const checked = await mailbag(['account', 'doctor', 'Work', '--json']).finished;
    assert.equal(checked.code, 0, checked.out);
    const report = JSON.parse(checked.out) as DoctorReport;
    const status = (id: string) => report.steps.find((step) => step.id === id)?.status;
    assert.deepEqual([status('provider-sign-in'), status('pop3-login'), status('smtp-session')], ['ok', 'ok', 'ok']);
    assert.ok(!report.transcript.join('\n').includes(refreshToken), 'no token in the transcript');

    // Asking for a permission the sign-in does not grant: the doctor names it.
    const lacking = await mailbag(['account', 'doctor', 'Work'], { env: environment(`${MAIL_SCOPE} offline_access contacts`) }).finished;
    assert.equal(lacking.code, 1, lacking.out);
    assert.match(lacking.out, /FAIL.*missing: contacts\./);
    assert.match(lacking.out, /Sign in again and allow: contacts\./);
    // The same step in the language of LANG: the missing permission named in the catalog's sentences.
    for (const [LANG, locale] of [
      ['de_DE.UTF-8', 'de'],
      ['ar_EG.UTF-8', 'ar'],
    ] as const) {
      const { t } = createTranslator(locale);
      const worded = await mailbag(['account', 'doctor', 'Work'], { env: { ...environment(`${MAIL_SCOPE} offline_access contacts`), LANG } }).finished;
      assert.equal(worded.code, 1, worded.out);
      assert.ok(worded.out.includes(`[FAIL] ${t('doctor.title.providerSignIn')}: ${t('doctor.provider.missing', { names: 'contacts' })}`), worded.out);
      assert.ok(worded.out.includes(t('doctor.provider.missingAdvice', { names: 'contacts' })), worded.out);
    }
  },
);

test('a revoked sign-in makes receive ask to sign in again, and the refresh token is forgotten', { timeout: POSTFIX_TEST_TIMEOUT_MS }, async () => {
  const saved = await addSignedIn('Revoked');
  const key = `${KEYCHAIN_SERVICE_NAME}/${credentialKey(saved.account.id, 'oauth')}`;
  const refreshToken = keychain.entries.get(key) ?? '';
  const revoked = await fetch(authorization.revocationEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: refreshToken, token_type_hint: 'refresh_token', client_id: TEST_CLIENT_ID }),
  });
  assert.equal(revoked.status, 200);
  const received = await mailbag(['receive', '--account', 'Revoked']).finished;
  assert.notEqual(received.code, 0);
  assert.ok(received.err.includes(SIGN_IN_AGAIN_MESSAGE), received.err);
  assert.equal(keychain.entries.get(key), undefined);
});

test(
  'account add --device prints a page and a code; typed on another device, the account is saved and receives',
  { timeout: POSTFIX_TEST_TIMEOUT_MS },
  async () => {
    // Microsoft's entry (with a device endpoint) pointed at the test server by the same documented variables.
    const microsoft: NodeJS.ProcessEnv = {
      ...NO_KEYCHAIN_ENV,
      MAILBAG_OAUTH_MICROSOFT_CLIENT_ID: TEST_CLIENT_ID,
      MAILBAG_OAUTH_MICROSOFT_AUTHORIZATION_ENDPOINT: authorization.authorizationEndpoint,
      MAILBAG_OAUTH_MICROSOFT_TOKEN_ENDPOINT: authorization.tokenEndpoint,
      MAILBAG_OAUTH_MICROSOFT_DEVICE_ENDPOINT: authorization.deviceAuthorizationEndpoint,
      MAILBAG_OAUTH_MICROSOFT_SCOPES: `${MAIL_SCOPE} offline_access`,
    };
    const args = addArgs('Device').map((arg) => (arg === 'google' ? 'microsoft' : arg === '--oauth' ? '--device' : arg));
    const run = mailbag(args, { env: microsoft });
    const prompt = await waitForPrinted(() => run.capture.err(), /open (http:\/\/127\.0\.0\.1:\d+\S*) on any device and enter the code (\S+)/);
    // The person on another device: opens the page, types the code, signs in and consents.
    const page = await browser.newPage();
    await page.goto(prompt[1] ?? '');
    await page.locator('input[name="user_code"]').fill(prompt[2] ?? '');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]').first().click();
    await page.locator('input[name="login"]').fill(postfix.user);
    await page.locator('input[name="password"]').fill('any password');
    await page.locator('button[type="submit"]').click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.close();
    const result = await run.finished;
    assert.equal(result.code, 0, result.err);
    const saved = JSON.parse(result.out) as SaveAccountResult;
    assert.equal(saved.account.settings?.signInWith, 'microsoft');
    const received = await mailbag(['receive', '--account', 'Device'], { env: microsoft }).finished;
    assert.equal(received.code, 0, received.err);
  },
);

test('without a client id the command says so and names the README section', async () => {
  const result = await mailbag(addArgs('Unconfigured'), { env: { ...environment(), MAILBAG_OAUTH_GOOGLE_CLIENT_ID: '' } }).finished;
  assert.notEqual(result.code, 0);
  assert.match(result.err, /no client id for signing in with Google\. Set MAILBAG_OAUTH_GOOGLE_CLIENT_ID \(see README\.md/);
});
