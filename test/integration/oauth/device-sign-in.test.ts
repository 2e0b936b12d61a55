import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { MailbagError } from '../../../shared/errors';
import type { OAuthConfiguration } from '../../../electron/services/oauth/client-config';
import { signInWithDeviceCode, type DeviceCodePrompt } from '../../../electron/services/oauth/device-sign-in';
import { launchChromium } from '../../e2e/support/browser';
import { MAIL_SCOPE, startAuthorizationServer, TEST_CLIENT_ID, type AuthorizationServer } from '../../servers/authorization-server';

let server: AuthorizationServer;
let browser: Browser;

before(async () => {
  server = await startAuthorizationServer();
  browser = await launchChromium();
});
after(async () => {
  await browser.close();
  await server.close();
});

function configuration(): OAuthConfiguration {
  return {
    client: 'microsoft',
    signInLabel: 'Sign in with Test',
    authorizationEndpoint: server.authorizationEndpoint,
    tokenEndpoint: server.tokenEndpoint,
    deviceAuthorizationEndpoint: server.deviceAuthorizationEndpoint,
    scopes: [MAIL_SCOPE, 'offline_access'],
    clientId: TEST_CLIENT_ID,
  };
}

/** A person on another device: opens the page, types the code, signs in and consents. */
async function enterCode(prompt: DeviceCodePrompt, user: string): Promise<void> {
  const page = await browser.newPage();
  await page.goto(prompt.verificationUri);
  await page.locator('input[name="user_code"]').fill(prompt.userCode);
  await page.locator('button[type="submit"]').click();
  await page.locator('button[type="submit"]').first().click();
  await page.locator('input[name="login"]').fill(user);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.close();
}

test('a sign-in by device code gives tokens once the code is entered elsewhere', async () => {
  const prompts: DeviceCodePrompt[] = [];
  const tokens = await signInWithDeviceCode(configuration(), {
    showPrompt: (prompt) => {
      prompts.push(prompt);
      void enterCode(prompt, 'erin');
    },
  });
  assert.equal(prompts.length, 1);
  assert.ok(prompts[0]?.verificationUri.startsWith(server.issuer));
  assert.ok(tokens.refreshToken !== undefined);
  const claims = JSON.parse(Buffer.from(tokens.accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  assert.equal(claims['sub'], 'erin');
});

test('a provider without a device endpoint says to use the browser', async () => {
  const { deviceAuthorizationEndpoint: _unused, ...withoutDevice } = configuration();
  await assert.rejects(
    signInWithDeviceCode(withoutDevice, { showPrompt: () => {} }),
    (error: unknown) => error instanceof MailbagError && error.code === 'AUTH_UNSUPPORTED',
  );
});

test('stopping a device sign-in while it waits ends it as CANCELLED', async () => {
  const controller = new AbortController();
  await assert.rejects(
    signInWithDeviceCode(configuration(), { signal: controller.signal, showPrompt: () => controller.abort() }),
    (error: unknown) => error instanceof MailbagError && error.code === 'CANCELLED',
  );
});
