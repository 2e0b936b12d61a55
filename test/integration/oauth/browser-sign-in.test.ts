import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { MailbagError } from '../../../shared/errors';
import { createTranslator } from '../../../shared/i18n/catalogs';
import type { OAuthConfiguration } from '../../../electron/services/oauth/client-config';
import { authorizationUrl, signInWithBrowser } from '../../../electron/services/oauth/browser-sign-in';
import { openLoopbackRedirect } from '../../../electron/services/oauth/loopback-redirect';
import { createPkcePair, createState } from '../../../electron/services/oauth/pkce';
import { requestTokens } from '../../../electron/services/oauth/token-endpoint';
import { launchChromium } from '../../e2e/support/browser';
import { MAIL_SCOPE, startAuthorizationServer, type AuthorizationServer } from '../../servers/authorization-server';
import { consentInBrowser, testProviderConfiguration } from './consent-browser';

let server: AuthorizationServer;
let browser: Browser;
/** The browser sessions still going on, finished before the browser closes. */
const people: Array<Promise<unknown>> = [];

before(async () => {
  server = await startAuthorizationServer();
  browser = await launchChromium();
});
after(async () => {
  await Promise.allSettled(people);
  await browser.close();
  await server.close();
});

function configuration(): OAuthConfiguration {
  return testProviderConfiguration(server, 'google');
}

/**
 * Runs the sign-in, handing the URL it opens to `onUrl` (the person at the browser) instead of a
 * system browser. A failed assertion of the person's stops the sign-in and is what the test reports.
 */
async function signIn(onUrl: (url: URL) => Promise<void>) {
  const controller = new AbortController();
  let person: Promise<void> = Promise.resolve();
  const tokens = signInWithBrowser(configuration(), {
    signal: controller.signal,
    loginHint: 'alice@example.test',
    openUrl: (url) => {
      person = onUrl(new URL(url)).catch((error: unknown) => {
        controller.abort();
        throw error;
      });
      people.push(person);
    },
  });
  try {
    return await tokens;
  } finally {
    await person;
  }
}

test('signing in through the browser gives an access token and a refresh token', async () => {
  let opened: URL | undefined;
  const tokens = await signIn(async (url) => {
    opened = url;
    const page = await consentInBrowser(browser, url.toString(), 'alice');
    assert.match(await page.locator('h1').innerText(), /Signed in/);
    await page.close();
  });
  assert.ok(opened);
  assert.equal(opened.searchParams.get('code_challenge_method'), 'S256');
  assert.match(opened.searchParams.get('code_challenge') ?? '', /^[A-Za-z0-9_-]{43}$/);
  assert.equal(opened.searchParams.get('login_hint'), 'alice@example.test');
  const redirect = new URL(opened.searchParams.get('redirect_uri') ?? '');
  assert.equal(redirect.hostname, '127.0.0.1');
  assert.notEqual(redirect.port, '');
  assert.ok(tokens.accessToken.length > 0);
  assert.ok(tokens.refreshToken !== undefined && tokens.refreshToken.length > 0);
  assert.ok(tokens.expiresAt > Date.now());
  const claims = JSON.parse(Buffer.from(tokens.accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  assert.equal(claims['sub'], 'alice');
});

test('two sign-ins listen on different ports', async () => {
  const ports: string[] = [];
  const both = [0, 1].map(() =>
    signIn(async (url) => {
      ports.push(new URL(url.searchParams.get('redirect_uri') ?? '').port);
      await (await consentInBrowser(browser, url.toString(), 'bob')).close();
    }),
  );
  await Promise.all(both);
  assert.equal(ports.length, 2);
  assert.notEqual(ports[0], ports[1]);
});

test('an answer with another state is refused and the real sign-in still completes', async () => {
  const tokens = await signIn(async (url) => {
    const redirect = new URL(url.searchParams.get('redirect_uri') ?? '');
    redirect.searchParams.set('code', 'forged-code');
    redirect.searchParams.set('state', 'not-the-state-mailbag-sent');
    const forged = await fetch(redirect);
    assert.equal(forged.status, 400);
    assert.match(await forged.text(), /does not belong to the sign-in Mailbag started/);
    await (await consentInBrowser(browser, url.toString(), 'carol')).close();
  });
  const claims = JSON.parse(Buffer.from(tokens.accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  assert.equal(claims['sub'], 'carol');
});

test('the code is refused for a redirect to another port and accepted for the listener’s own', async () => {
  // The authorization server lets a native client use any loopback port (RFC 8252 §7.3) but binds the
  // code to the one in the request: a code sent on to another port is useless there.
  const pkce = createPkcePair();
  const state = createState();
  const listener = await openLoopbackRedirect({ expectedState: state });
  try {
    const url = authorizationUrl(configuration(), { redirectUri: listener.redirectUri, state, challenge: pkce.challenge });
    const page = await consentInBrowser(browser, url, 'dave');
    await page.close();
    const { code } = await listener.response;
    const otherPort = new URL(listener.redirectUri);
    otherPort.port = String(Number(otherPort.port) === 65535 ? 1024 : Number(otherPort.port) + 1);
    const grant = { grant_type: 'authorization_code', code, code_verifier: pkce.verifier };
    await assert.rejects(
      requestTokens(server.tokenEndpoint, configuration(), { ...grant, redirect_uri: otherPort.toString() }),
      (error: unknown) => error instanceof MailbagError && error.code === 'AUTH_FAILED' && (error.detail ?? '').startsWith('invalid_grant'),
    );
    const tokens = await requestTokens(server.tokenEndpoint, configuration(), { ...grant, redirect_uri: listener.redirectUri });
    assert.ok(tokens.accessToken.length > 0);
  } finally {
    await listener.close();
  }
});

test('the listener answers nothing but its redirect path', async () => {
  const listener = await openLoopbackRedirect({ expectedState: createState() });
  try {
    const elsewhere = new URL('/', listener.redirectUri);
    assert.equal((await fetch(elsewhere)).status, 404);
    assert.equal((await fetch(listener.redirectUri, { method: 'POST', body: 'code=x' })).status, 405);
  } finally {
    await listener.close();
  }
  await assert.rejects(listener.response, (error: unknown) => error instanceof MailbagError && error.code === 'CANCELLED');
});

test('the pages the browser shows speak the language they were given, right to left in Arabic', async () => {
  for (const locale of ['de', 'ar'] as const) {
    const translator = createTranslator(locale);
    const { t } = translator;
    const state = createState();
    const listener = await openLoopbackRedirect({ expectedState: state, translator });
    try {
      const elsewhere = await (await fetch(new URL('/', listener.redirectUri))).text();
      assert.ok(elsewhere.includes(`<h1>${t('setup.page.notFoundTitle')}</h1>`), elsewhere);
      assert.ok(elsewhere.includes(t('setup.page.notFound')), elsewhere);
      const forged = await (await fetch(`${listener.redirectUri}?state=forged&code=x`)).text();
      assert.ok(forged.includes(t('setup.page.foreign')), forged);
      const signedIn = await (await fetch(`${listener.redirectUri}?state=${state}&code=x`)).text();
      assert.ok(signedIn.includes(`<title>${t('setup.page.signedInTitle')}</title>`), signedIn);
      assert.ok(signedIn.includes(t('setup.page.signedIn')), signedIn);
      assert.ok(signedIn.includes(`<html lang="${locale}" dir="${locale === 'ar' ? 'rtl' : 'ltr'}">`), signedIn);
      assert.deepEqual(await listener.response, { code: 'x' });
      const late = await (await fetch(`${listener.redirectUri}?state=${state}&code=y`)).text();
      assert.ok(late.includes(t('setup.page.finished')), late);
    } finally {
      await listener.close();
    }
  }
});

test('a grant without every requested scope is refused, naming the scope that is missing', async () => {
  // The authorization server knows no `contacts` scope, so its grant leaves it out, as a person
  // unticking a permission on a consent page would.
  let person: Promise<void> = Promise.resolve();
  await assert.rejects(
    signInWithBrowser(
      { ...configuration(), scopes: [MAIL_SCOPE, 'offline_access', 'contacts'] },
      { openUrl: (url) => void (person = consentInBrowser(browser, url, 'frank').then((page) => page.close())) },
    ),
    (error: unknown) => error instanceof MailbagError && error.code === 'AUTH_UNSUPPORTED' && /allow: contacts\.$/.test(error.message),
  );
  await person;
});

test('a provider that refuses access ends the sign-in as AUTH_FAILED', async () => {
  await assert.rejects(
    signIn(async (url) => {
      const redirect = new URL(url.searchParams.get('redirect_uri') ?? '');
      redirect.searchParams.set('error', 'access_denied');
      redirect.searchParams.set('state', url.searchParams.get('state') ?? '');
      await fetch(redirect);
    }),
    (error: unknown) => error instanceof MailbagError && error.code === 'AUTH_FAILED',
  );
});
