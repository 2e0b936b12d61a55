/**
 * The token keeper against a real authorization server that rotates refresh tokens: jobs that need a
 * token at the same moment share one renewal, since a second use of a rotated refresh token would
 * make the server revoke the whole grant.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { createCredentialStore } from '../../../electron/services/credentials/credential-store';
import { signInWithBrowser } from '../../../electron/services/oauth/browser-sign-in';
import type { OAuthConfiguration } from '../../../electron/services/oauth/client-config';
import { createOAuthTokenKeeper } from '../../../electron/services/oauth/token-keeper';
import { launchChromium } from '../../e2e/support/browser';
import { memoryKeychain } from '../../fakes/memory-keychain';
import { MAIL_SCOPE, startAuthorizationServer, TEST_CLIENT_ID, type AuthorizationServer } from '../../servers/authorization-server';
import { consentInBrowser } from './consent-browser';

let authorization: AuthorizationServer;
let browser: Browser;
const people: Array<Promise<unknown>> = [];

before(async () => {
  authorization = await startAuthorizationServer();
  browser = await launchChromium();
});
after(async () => {
  await Promise.allSettled(people);
  await browser.close();
  await authorization.close();
});

function configuration(): OAuthConfiguration {
  return {
    client: 'google',
    signInLabel: 'Sign in with Test',
    authorizationEndpoint: authorization.authorizationEndpoint,
    tokenEndpoint: authorization.tokenEndpoint,
    scopes: [MAIL_SCOPE, 'offline_access'],
    authorizationParameters: { prompt: 'consent' },
    clientId: TEST_CLIENT_ID,
  };
}

test('jobs that need a token at once share one renewal, and the grant stays usable', async () => {
  const credentials = createCredentialStore({ profileDir: '/nonexistent-profile', keychain: memoryKeychain() });
  const clock = { now: Date.now() };
  const keeper = createOAuthTokenKeeper({ credentials, configurationOf: () => configuration(), now: () => clock.now });
  const tokens = await signInWithBrowser(configuration(), {
    openUrl: (url) => void people.push(consentInBrowser(browser, url, 'grace').then((page) => page.close())),
  });
  await keeper.rememberSignIn('account-1', tokens);
  clock.now = tokens.expiresAt + 1;
  const seen = await Promise.all([1, 2, 3].map(() => keeper.withAccessToken('account-1', (token) => Promise.resolve(token))));
  assert.equal(new Set(seen).size, 1, 'one renewal served every job');
  assert.notEqual(seen[0], tokens.accessToken);

  // The grant still works: the rotated refresh token was saved and renews again.
  clock.now += 2 * 3600_000;
  const later = await keeper.withAccessToken('account-1', (token) => Promise.resolve(token));
  assert.notEqual(later, seen[0]);
  assert.ok((await credentials.get('account-1', 'oauth')) !== undefined);
});

test('forgetting a sign-in removes the refresh token, and the next use asks to sign in again', async () => {
  const credentials = createCredentialStore({ profileDir: '/nonexistent-profile', keychain: memoryKeychain() });
  const keeper = createOAuthTokenKeeper({ credentials, configurationOf: () => configuration() });
  await keeper.rememberSignIn('account-2', { accessToken: 'held', expiresAt: Date.now() + 3600_000, refreshToken: 'saved' });
  assert.equal(await credentials.get('account-2', 'oauth'), 'saved');
  await keeper.forget('account-2');
  assert.equal(await credentials.get('account-2', 'oauth'), undefined);
  await assert.rejects(
    keeper.withAccessToken('account-2', (token) => Promise.resolve(token)),
    (error: unknown) => (error as { code?: string }).code === 'AUTH_FAILED',
  );
});

test('two jobs reporting the same refused token share one renewal; a job with the fresh token is not renewed again', async () => {
  const credentials = createCredentialStore({ profileDir: '/nonexistent-profile', keychain: memoryKeychain() });
  const keeper = createOAuthTokenKeeper({ credentials, configurationOf: () => configuration() });
  const tokens = await signInWithBrowser(configuration(), {
    openUrl: (url) => void people.push(consentInBrowser(browser, url, 'heidi').then((page) => page.close())),
  });
  await keeper.rememberSignIn('account-3', tokens);
  assert.equal(await keeper.accessToken('account-3'), tokens.accessToken, 'a token far from expiry is used as it is');
  const renewed = await Promise.all([keeper.renewAfterRefusal('account-3', tokens.accessToken), keeper.renewAfterRefusal('account-3', tokens.accessToken)]);
  assert.equal(renewed[0], renewed[1]);
  assert.notEqual(renewed[0], tokens.accessToken);
  assert.equal(await keeper.renewAfterRefusal('account-3', tokens.accessToken), renewed[0], 'a late report of the old token gets the fresh one');
  const check = await keeper.checkSignIn('account-3');
  assert.deepEqual(check.missingScopes, []);
  assert.notEqual(check.accessToken, renewed[0], 'the doctor’s check renews now');
});
