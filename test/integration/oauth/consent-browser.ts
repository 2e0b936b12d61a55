import type { Browser, Page } from 'playwright-core';
import type { OAuthConfiguration } from '../../../electron/services/oauth/client-config';
import { MAIL_SCOPE, TEST_CLIENT_ID, type AuthorizationServer } from '../../servers/authorization-server';

/**
 * A provider entry pointed at the tests' authorization server: asks for the mail scope and a refresh
 * token (consent is prompted, which is when oidc-provider issues one), with `extra` parameters added.
 */
export function testProviderConfiguration(
  server: AuthorizationServer,
  client: OAuthConfiguration['client'],
  extra: Readonly<Record<string, string>> = {},
): OAuthConfiguration {
  return {
    client,
    signInLabel: 'Sign in with Test',
    authorizationEndpoint: server.authorizationEndpoint,
    tokenEndpoint: server.tokenEndpoint,
    scopes: [MAIL_SCOPE, 'offline_access'],
    authorizationParameters: { prompt: 'consent', ...extra },
    clientId: TEST_CLIENT_ID,
  };
}

/**
 * Goes through oidc-provider's own sign-in and consent pages in Chromium as a person would: the user
 * name and password typed into the form, then "Continue" on the consent page. Resolves once the
 * browser has followed the redirect back to Mailbag's loopback listener and shows its page.
 */
export async function consentInBrowser(browser: Browser, url: string, user: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url);
  await page.locator('input[name="login"]').fill(user);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((target) => target.pathname === '/oauth/callback');
  return page;
}
