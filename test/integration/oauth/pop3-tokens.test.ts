import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { MailbagError } from '../../../shared/errors';
import { connectPop3 } from '../../../electron/protocols/pop3';
import { createCredentialStore, type CredentialStore } from '../../../electron/services/credentials/credential-store';
import type { OAuthConfiguration } from '../../../electron/services/oauth/client-config';
import { signInWithBrowser } from '../../../electron/services/oauth/browser-sign-in';
import { SIGN_IN_AGAIN_MESSAGE } from '../../../electron/services/oauth/sign-in-again';
import type { TokenSet } from '../../../electron/services/oauth/token-endpoint';
import { createOAuthTokenKeeper, REFRESH_MARGIN_MS } from '../../../electron/services/oauth/token-keeper';
import { launchChromium } from '../../e2e/support/browser';
import { memoryKeychain } from '../../fakes/memory-keychain';
import {
  MAIL_RESOURCE,
  OTHER_RESOURCE,
  SIGNING_KEY_ID,
  startAuthorizationServer,
  TEST_CLIENT_ID,
  type AuthorizationServer,
} from '../../servers/authorization-server';
import { startDovecot, type DovecotServer } from '../../servers/dovecot';
import { consentInBrowser, testProviderConfiguration } from './consent-browser';

const ACCOUNT = 'account-1';

let authorization: AuthorizationServer;
let dovecot: DovecotServer;
let browser: Browser;
/** The browser sessions still going on, finished before the browser closes. */
const people: Array<Promise<unknown>> = [];

before(async () => {
  authorization = await startAuthorizationServer();
  browser = await launchChromium();
  dovecot = await startDovecot({
    trustedOAuth2Provider: { publicKeyPem: authorization.publicKeyPem, keyId: SIGNING_KEY_ID, audience: MAIL_RESOURCE },
  });
});
after(async () => {
  await Promise.allSettled(people);
  await dovecot.stop();
  await browser.close();
  await authorization.close();
});

function configuration(extra: Readonly<Record<string, string>> = {}): OAuthConfiguration {
  return testProviderConfiguration(authorization, 'google', extra);
}

/** Signs in as Dovecot's test user through Chromium, as a person would. */
function signIn(extra: Readonly<Record<string, string>> = {}): Promise<TokenSet> {
  return signInWithBrowser(configuration(extra), {
    openUrl: (url) => void people.push(consentInBrowser(browser, url, dovecot.user).then((page) => page.close())),
  });
}

/**
 * Signs in to POP3 with the token by OAUTHBEARER (RFC 7628, the engine's first choice) and counts the
 * messages. One mechanism only: each refusal makes Dovecot slow down later sign-ins from 127.0.0.1.
 */
async function countMessages(accessToken: string): Promise<number> {
  const session = await connectPop3({ host: dovecot.host, port: dovecot.tlsPort, security: 'tls', ca: dovecot.certificates.caPem });
  try {
    await session.authenticate({ username: dovecot.user, oauth2Token: accessToken, mechanisms: ['OAUTHBEARER'] });
    return (await session.stat()).count;
  } finally {
    session.close();
  }
}

function keeperWith(credentials: CredentialStore, clock: { now: number }) {
  return createOAuthTokenKeeper({ credentials, configurationOf: () => configuration(), now: () => clock.now });
}

function newCredentials(): CredentialStore {
  return createCredentialStore({ profileDir: '/nonexistent-profile', keychain: memoryKeychain() });
}

test('a token from the browser sign-in opens the POP3 mailbox, and the refresh token is in the keychain', async () => {
  await dovecot.generateMessages({ count: 2 });
  const credentials = newCredentials();
  const keeper = keeperWith(credentials, { now: Date.now() });
  const tokens = await signIn();
  await keeper.rememberSignIn(ACCOUNT, tokens);
  assert.equal(await credentials.get(ACCOUNT, 'oauth'), tokens.refreshToken);
  const used: string[] = [];
  const count = await keeper.withAccessToken(ACCOUNT, (token) => {
    used.push(token);
    return countMessages(token);
  });
  assert.ok(count >= 2);
  assert.deepEqual(used, [tokens.accessToken]);
});

test('a token about to expire is renewed before use, and a rotated refresh token is saved', async () => {
  const credentials = newCredentials();
  const clock = { now: Date.now() };
  const keeper = keeperWith(credentials, clock);
  const tokens = await signIn();
  await keeper.rememberSignIn(ACCOUNT, tokens);
  clock.now = tokens.expiresAt - REFRESH_MARGIN_MS + 1;
  const used: string[] = [];
  await keeper.withAccessToken(ACCOUNT, (token) => {
    used.push(token);
    return countMessages(token);
  });
  assert.equal(used.length, 1);
  assert.notEqual(used[0], tokens.accessToken);
  const saved = await credentials.get(ACCOUNT, 'oauth');
  assert.ok(saved !== undefined);
  assert.notEqual(saved, tokens.refreshToken, 'the provider rotates refresh tokens of public clients');
});

test('Dovecot refuses a token for another audience; the keeper renews once and then signs in', async () => {
  const wrongAudience = await signIn({ resource: OTHER_RESOURCE });
  const claims = JSON.parse(Buffer.from(wrongAudience.accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  assert.equal(claims['aud'], OTHER_RESOURCE);
  await assert.rejects(countMessages(wrongAudience.accessToken), (error: unknown) => (error as { code?: string }).code === 'AUTH_FAILED');

  // A held token the server refuses (here: the wrong audience) makes the keeper renew exactly once.
  const credentials = newCredentials();
  const keeper = keeperWith(credentials, { now: Date.now() });
  const good = await signIn();
  await keeper.rememberSignIn(ACCOUNT, { ...good, accessToken: wrongAudience.accessToken });
  const used: string[] = [];
  const count = await keeper.withAccessToken(ACCOUNT, (token) => {
    used.push(token);
    return countMessages(token);
  });
  assert.ok(count >= 0);
  assert.equal(used.length, 2);
  assert.equal(used[0], wrongAudience.accessToken);
});

test('a refused token is renewed only once: a second refusal reaches the caller', async () => {
  const credentials = newCredentials();
  const keeper = keeperWith(credentials, { now: Date.now() });
  await keeper.rememberSignIn(ACCOUNT, await signIn());
  let calls = 0;
  await assert.rejects(
    keeper.withAccessToken(ACCOUNT, async () => {
      calls += 1;
      throw new MailbagError('AUTH_FAILED');
    }),
    (error: unknown) => error instanceof MailbagError && error.code === 'AUTH_FAILED',
  );
  assert.equal(calls, 2);
});

test('a revoked grant asks the user to sign in again and forgets the refresh token', async () => {
  const credentials = newCredentials();
  const clock = { now: Date.now() };
  const keeper = keeperWith(credentials, clock);
  const tokens = await signIn();
  await keeper.rememberSignIn(ACCOUNT, tokens);
  const revoked = await fetch(authorization.revocationEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: tokens.refreshToken ?? '', token_type_hint: 'refresh_token', client_id: TEST_CLIENT_ID }),
  });
  assert.equal(revoked.status, 200);
  clock.now = tokens.expiresAt + 1;
  await assert.rejects(
    keeper.withAccessToken(ACCOUNT, countMessages),
    (error: unknown) => error instanceof MailbagError && error.code === 'AUTH_FAILED' && error.message === SIGN_IN_AGAIN_MESSAGE,
  );
  assert.equal(await credentials.get(ACCOUNT, 'oauth'), undefined);
});
