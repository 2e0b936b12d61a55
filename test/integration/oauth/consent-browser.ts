import type { Browser, Page } from 'playwright-core';
import { signInWithBrowser } from '../../../electron/services/oauth/browser-sign-in';
import type { OAuthConfiguration } from '../../../electron/services/oauth/client-config';
import type { TokenSet } from '../../../electron/services/oauth/token-endpoint';
import { launchChromium } from '../../e2e/support/browser';
import {
  MAIL_RESOURCE,
  MAIL_SCOPE,
  SIGNING_KEY_ID,
  startAuthorizationServer,
  TEST_CLIENT_ID,
  type AuthorizationServer,
} from '../../servers/authorization-server';
import { startPostfix, type PostfixServer } from '../../servers/postfix';

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

/** The test authorization server, Chromium and a Postfix trusting that server's tokens, with sign-ins through them. */
export interface PostfixSignIn {
  readonly postfix: PostfixServer;
  /** The Microsoft provider entry pointed at the test authorization server. */
  configuration(extra?: Readonly<Record<string, string>>): OAuthConfiguration;
  /** A full browser sign-in as the Postfix user; extra parameters go to the authorization request. */
  signIn(extra?: Readonly<Record<string, string>>): Promise<TokenSet>;
  /** Finishes the browser sessions still going on, then stops Postfix, Chromium and the server. */
  stop(): Promise<void>;
}

/** Starts what the SMTP sign-in tests share: one authorization server, one Chromium, one Postfix trusting it. */
export async function startPostfixSignIn(): Promise<PostfixSignIn> {
  const authorization = await startAuthorizationServer();
  const browser = await launchChromium();
  const postfix = await startPostfix({
    trustedOAuth2Provider: { publicKeyPem: authorization.publicKeyPem, keyId: SIGNING_KEY_ID, audience: MAIL_RESOURCE },
  });
  const people: Array<Promise<unknown>> = [];
  const configuration = (extra: Readonly<Record<string, string>> = {}): OAuthConfiguration => testProviderConfiguration(authorization, 'microsoft', extra);
  return {
    postfix,
    configuration,
    signIn: (extra = {}) =>
      signInWithBrowser(configuration(extra), {
        openUrl: (url) => void people.push(consentInBrowser(browser, url, postfix.user).then((page) => page.close())),
      }),
    async stop() {
      await Promise.allSettled(people);
      await postfix.stop();
      await browser.close();
      await authorization.close();
    },
  };
}
