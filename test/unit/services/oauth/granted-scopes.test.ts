import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorMessageIn } from '../../../../shared/error-words';
import { MailbagError } from '../../../../shared/errors';
import { createTranslator } from '../../../../shared/i18n/catalogs';
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

/** The refusal `assertScopesGranted` throws. */
function refusal(requested: readonly string[], tokens: Parameters<typeof assertScopesGranted>[1]): MailbagError {
  try {
    assertScopesGranted(requested, tokens);
  } catch (error) {
    assert.ok(error instanceof MailbagError);
    return error;
  }
  return assert.fail('the sign-in was not refused');
}

test('Google’s missing permission is said whole in German and Arabic; the English message stays', () => {
  const google = findProviderByDomain('gmail.com')?.oauth?.scopes ?? [];
  const error = refusal(google, { ...base, scopes: ['openid'] });
  assert.equal(
    error.message,
    'The sign-in did not allow everything Mailbag needs. Sign in again and allow: Read, compose, send and delete your mail (https://mail.google.com/).',
  );
  const data = error.toData();
  assert.equal(
    errorMessageIn(createTranslator('de').t, data),
    'Bei der Anmeldung wurde nicht alles erlaubt, was Mailbag braucht. Melden Sie sich erneut an und erlauben Sie: E-Mails lesen, verfassen, senden und löschen (https://mail.google.com/).',
  );
  const arabic = errorMessageIn(createTranslator('ar').t, data);
  assert.equal(
    arabic,
    'لم يسمح تسجيل الدخول بكل ما يحتاجه Mailbag. سجّل الدخول مجددًا واسمح بما يلي: قراءة بريدك وكتابته وإرساله وحذفه (https://mail.google.com/).',
  );
});

test('several missing permissions are joined in the reader’s language, their names kept', () => {
  assert.ok(pop !== undefined && smtp !== undefined);
  const error = refusal(microsoft, { ...base, scopes: [] });
  assert.equal(error.message, 'The sign-in did not allow everything Mailbag needs. Sign in again and allow: POP.AccessAsUser.All; SMTP.Send; offline_access.');
  const arabic = errorMessageIn(createTranslator('ar').t, error.toData());
  assert.ok(arabic.endsWith('POP.AccessAsUser.All؛ SMTP.Send؛ offline_access.'), arabic);
  assert.match(errorMessageIn(createTranslator('fr').t, error.toData()), /autorisez : POP\.AccessAsUser\.All ; SMTP\.Send ; offline_access\.$/);
});
