/**
 * The refusals of a sign-in with a provider are catalog messages said in the reader's language; the
 * sign-in server's own words (error, error_description) stay data in `detail`, never translated.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requireOAuthConfiguration, withEndpointOverrides, oauthSettingsOf } from '../../../../electron/services/oauth/client-config';
import { assertScopesGranted } from '../../../../electron/services/oauth/granted-scopes';
import { requestTokens } from '../../../../electron/services/oauth/token-endpoint';
import { findProviderByDomain } from '../../../../shared/providers';
import { refusal, saidIn } from './refusal';

test('a copy without a client id says what to set in German; the variable and README section stay as written', async () => {
  const missing = await refusal(() => requireOAuthConfiguration('microsoft', {}));
  assert.equal(
    missing.message,
    'This copy of Mailbag has no client id for signing in with Microsoft. Set MAILBAG_OAUTH_MICROSOFT_CLIENT_ID (see README.md, section “Signing in with Google and Microsoft (OAuth 2.0)”).',
  );
  assert.equal(
    saidIn('de', missing),
    'Diese Mailbag-Installation hat keine Client-ID für die Anmeldung bei Microsoft. Setzen Sie MAILBAG_OAUTH_MICROSOFT_CLIENT_ID (siehe README.md, Abschnitt „Signing in with Google and Microsoft (OAuth 2.0)“).',
  );
});

test('a sign-in endpoint over plain http elsewhere than this computer is refused in Arabic', async () => {
  const insecure = await refusal(() =>
    withEndpointOverrides(oauthSettingsOf('google'), { MAILBAG_OAUTH_GOOGLE_TOKEN_ENDPOINT: 'http://login.example.test/token' }),
  );
  assert.equal(insecure.message, 'MAILBAG_OAUTH_GOOGLE_TOKEN_ENDPOINT must be an https address (http only on this computer).');
  assert.equal(saidIn('ar', insecure), '‏MAILBAG_OAUTH_GOOGLE_TOKEN_ENDPOINT يجب أن يكون عنوان https ‏(http على هذا الحاسوب فقط).');
});

test('a token endpoint that refuses the scopes is said in German; its own description stays in the detail', async (t) => {
  const server = createServer((_request, response) => {
    response.writeHead(400, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ error: 'invalid_scope', error_description: 'AADSTS70011: The provided value for scope is not valid.' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
  const refused = await refusal(requestTokens(endpoint, { clientId: 'mailbag-test' }, { grant_type: 'authorization_code', code: 'c' }));
  assert.equal(refused.code, 'AUTH_UNSUPPORTED');
  assert.equal(refused.message, 'The provider refused the mail permissions Mailbag asks for.');
  assert.equal(saidIn('de', refused), 'Der Anbieter hat die E-Mail-Berechtigungen abgelehnt, die Mailbag anfordert.');
  assert.equal(refused.detail, 'invalid_scope: AADSTS70011: The provided value for scope is not valid.');
});

test('a consent that left out a permission names it, in German, by the consent page’s own name', async () => {
  const scopes = findProviderByDomain('outlook.com')?.oauth?.scopes ?? [];
  const [pop] = scopes;
  assert.ok(pop !== undefined);
  const partial = await refusal(() => assertScopesGranted(scopes, { accessToken: 'a', expiresAt: 0, refreshToken: 'r', scopes: [pop] }));
  assert.equal(partial.message, 'The sign-in did not allow everything Mailbag needs. Sign in again and allow: SMTP.Send.');
  assert.equal(
    saidIn('de', partial),
    'Bei der Anmeldung wurde nicht alles erlaubt, was Mailbag braucht. Melden Sie sich erneut an und erlauben Sie: SMTP.Send.',
  );
});
