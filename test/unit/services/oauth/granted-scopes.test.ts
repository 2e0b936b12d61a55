import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MailbagError } from '../../../../shared/errors';
import { findProviderByDomain } from '../../../../shared/providers';
import { assertScopesGranted, missingScopes } from '../../../../electron/services/oauth/granted-scopes';

const microsoft = findProviderByDomain('outlook.com')?.oauth?.scopes ?? [];
const [pop, smtp] = microsoft;
const base = { accessToken: 'a', expiresAt: 0 };

test('a response without a scope list grants what was asked, offline_access by its refresh token', () => {
  assert.deepEqual(missingScopes(microsoft, { ...base, refreshToken: 'r' }), []);
  assert.deepEqual(missingScopes(microsoft, base), ['offline_access']);
});

test('a scope left out of the response is missing, named by what the consent page shows', () => {
  assert.ok(pop !== undefined && smtp !== undefined);
  const tokens = { ...base, refreshToken: 'r', scopes: [pop] };
  assert.deepEqual(missingScopes(microsoft, tokens), [smtp]);
  assert.throws(
    () => assertScopesGranted(microsoft, tokens),
    (error: unknown) =>
      error instanceof MailbagError &&
      error.code === 'AUTH_UNSUPPORTED' &&
      /allow: SMTP\.Send\.$/.test(error.message) &&
      error.detail === `missing scope: ${smtp}`,
  );
  assert.doesNotThrow(() => assertScopesGranted(microsoft, { ...base, refreshToken: 'r', scopes: [pop, smtp] }));
});

test('Google’s one scope is named in words', () => {
  const google = findProviderByDomain('gmail.com')?.oauth?.scopes ?? [];
  assert.throws(() => assertScopesGranted(google, { ...base, scopes: ['openid'] }), /Read, compose, send and delete your mail/);
});
