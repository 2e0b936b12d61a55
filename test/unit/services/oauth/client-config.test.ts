import { test } from 'node:test';
import assert from 'node:assert/strict';
import { requireOAuthConfiguration, resolveOAuthConfiguration } from '../../../../electron/services/oauth/client-config';
import { MailbagError } from '../../../../shared/errors';
import { challengeOf, createPkcePair, createState } from '../../../../electron/services/oauth/pkce';
import { authorizationUrl } from '../../../../electron/services/oauth/browser-sign-in';
import { findProviderByDomain, PROVIDERS } from '../../../../shared/providers';

function oauthOf(domain: string) {
  const settings = findProviderByDomain(domain)?.oauth;
  assert.ok(settings, `${domain} has OAuth settings`);
  return settings;
}

test('Gmail asks only for the mail scope, Microsoft only for POP, SMTP and a refresh token', () => {
  assert.deepEqual(oauthOf('gmail.com').scopes, ['https://mail.google.com/']);
  assert.deepEqual(oauthOf('outlook.com').scopes, [
    'https://outlook.office.com/POP.AccessAsUser.All',
    'https://outlook.office.com/SMTP.Send',
    'offline_access',
  ]);
  const microsoft365 = PROVIDERS.find((provider) => provider.id === 'microsoft365');
  assert.equal(microsoft365?.oauth?.client, 'microsoft');
  assert.ok(oauthOf('hotmail.com').deviceAuthorizationEndpoint?.startsWith('https://'));
});

test('no client id configured means no sign-in is offered', () => {
  assert.equal(resolveOAuthConfiguration(oauthOf('gmail.com'), {}), undefined);
  assert.equal(resolveOAuthConfiguration(oauthOf('gmail.com'), { MAILBAG_OAUTH_GOOGLE_CLIENT_ID: '  ' }), undefined);
});

test('the client id comes from the environment variable of its provider family', () => {
  const environment = { MAILBAG_OAUTH_GOOGLE_CLIENT_ID: 'google-id', MAILBAG_OAUTH_MICROSOFT_CLIENT_ID: 'microsoft-id' };
  assert.equal(resolveOAuthConfiguration(oauthOf('gmail.com'), environment)?.clientId, 'google-id');
  assert.equal(resolveOAuthConfiguration(oauthOf('outlook.com'), environment)?.clientId, 'microsoft-id');
  assert.equal(resolveOAuthConfiguration(oauthOf('outlook.com'), environment)?.clientSecret, undefined);
  const withSecret = resolveOAuthConfiguration(oauthOf('gmail.com'), { ...environment, MAILBAG_OAUTH_GOOGLE_CLIENT_SECRET: 'desktop-secret' });
  assert.equal(withSecret?.clientSecret, 'desktop-secret');
});

test('the authorization request carries PKCE S256, state, the scopes and the provider’s own parameters', () => {
  const configuration = resolveOAuthConfiguration(oauthOf('gmail.com'), { MAILBAG_OAUTH_GOOGLE_CLIENT_ID: 'google-id' });
  assert.ok(configuration);
  const pkce = createPkcePair();
  const url = new URL(authorizationUrl(configuration, { redirectUri: 'http://127.0.0.1:4711/oauth/callback', state: 'the-state', challenge: pkce.challenge }));
  assert.equal(url.origin + url.pathname, 'https://accounts.google.com/o/oauth2/v2/auth');
  assert.equal(url.searchParams.get('response_type'), 'code');
  assert.equal(url.searchParams.get('client_id'), 'google-id');
  assert.equal(url.searchParams.get('scope'), 'https://mail.google.com/');
  assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
  assert.equal(url.searchParams.get('code_challenge'), challengeOf(pkce.verifier));
  assert.equal(url.searchParams.get('access_type'), 'offline');
  assert.equal(url.searchParams.get('state'), 'the-state');
  assert.equal(url.searchParams.has('code_verifier'), false);
});

test('verifiers are 43 base64url characters, never sent as the challenge, and every one and every state is new', () => {
  const pair = createPkcePair();
  assert.match(pair.verifier, /^[A-Za-z0-9_-]{43}$/);
  assert.match(pair.challenge, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(pair.challenge, pair.verifier);
  assert.notEqual(createPkcePair().verifier, createPkcePair().verifier);
  assert.notEqual(createState(), createState());
});

test('the environment can point a provider at another sign-in server: HTTPS, or HTTP on this computer only', () => {
  const settings = oauthOf('gmail.com');
  const moved = resolveOAuthConfiguration(settings, {
    MAILBAG_OAUTH_GOOGLE_CLIENT_ID: 'id',
    MAILBAG_OAUTH_GOOGLE_AUTHORIZATION_ENDPOINT: 'http://127.0.0.1:4000/auth',
    MAILBAG_OAUTH_GOOGLE_TOKEN_ENDPOINT: 'https://login.example.org/token',
    MAILBAG_OAUTH_GOOGLE_SCOPES: ' mail  offline_access ',
  });
  assert.equal(moved?.authorizationEndpoint, 'http://127.0.0.1:4000/auth');
  assert.equal(moved?.tokenEndpoint, 'https://login.example.org/token');
  assert.deepEqual(moved?.scopes, ['mail', 'offline_access']);
  assert.throws(
    () => resolveOAuthConfiguration(settings, { MAILBAG_OAUTH_GOOGLE_CLIENT_ID: 'id', MAILBAG_OAUTH_GOOGLE_TOKEN_ENDPOINT: 'http://login.example.org/token' }),
    (error: unknown) =>
      error instanceof MailbagError && error.code === 'VALIDATION' && /MAILBAG_OAUTH_GOOGLE_TOKEN_ENDPOINT must be an https address/.test(error.message),
  );
  assert.equal(resolveOAuthConfiguration(settings, { MAILBAG_OAUTH_GOOGLE_CLIENT_ID: 'id' })?.tokenEndpoint, settings.tokenEndpoint);
});

test('an account of a provider without a configured client id is told plainly where the README explains it', () => {
  assert.throws(
    () => requireOAuthConfiguration('microsoft', {}),
    (error: unknown) =>
      error instanceof MailbagError &&
      /no client id for signing in with Microsoft\. Set MAILBAG_OAUTH_MICROSOFT_CLIENT_ID \(see README\.md, section “Signing in with Google and Microsoft \(OAuth 2\.0\)”\)/.test(
        error.message,
      ),
  );
  assert.equal(requireOAuthConfiguration('microsoft', { MAILBAG_OAUTH_MICROSOFT_CLIENT_ID: 'abc' }).clientId, 'abc');
});
