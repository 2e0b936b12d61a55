/**
 * The command line's error line says an error's own message in the user's language when the error
 * carries it as a catalog message (a refused certificate, a missing password), and `--json` prints the
 * same English document whatever the language.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorText, writeError } from '../../../electron/cli/output';
import type { ErrorData } from '../../../shared/errors';
import { createTranslator } from '../../../shared/i18n/catalogs';
import { captureOutput } from '../../support/cli';

const CERTIFICATE: ErrorData = {
  code: 'TLS_CERTIFICATE',
  message: "The server's certificate could not be verified: it has expired.",
  words: { id: 'tls.unverified', values: { reason: 'expired', code: 'CERT_HAS_EXPIRED' } },
};

test('a refused certificate on stderr in German and Arabic, unchanged in English', () => {
  assert.equal(errorText(CERTIFICATE, createTranslator('en')), CERTIFICATE.message);
  assert.equal(errorText(CERTIFICATE, createTranslator('de')), 'Das Zertifikat des Servers konnte nicht überprüft werden: es ist abgelaufen.');
  assert.equal(errorText(CERTIFICATE, createTranslator('ar')), 'تعذّر التحقق من شهادة الخادم: فهي منتهية الصلاحية.');
  const withDetail = { ...CERTIFICATE, detail: 'CERT_HAS_EXPIRED' };
  assert.equal(errorText(withDetail, createTranslator('fr')), 'Le certificat du serveur n’a pas pu être vérifié : il a expiré. (CERT_HAS_EXPIRED)');
});

test('an error without a catalog message keeps the sentence of its code with the English message after it', () => {
  const plain: ErrorData = { code: 'TLS_REQUIRED', message: 'Some other words.' };
  const de = createTranslator('de');
  assert.equal(errorText(plain, de), de.t('cli.error.specific', { sentence: de.t('cli.error.TLS_REQUIRED'), message: 'Some other words.' }));
});

test('--json prints the same document in every language, with the code, message and detail only', () => {
  const outputs = (['en', 'de', 'ar', 'en-XA'] as const).map((locale) => {
    const io = captureOutput();
    writeError(io.streams, true, CERTIFICATE, createTranslator(locale));
    return io.out();
  });
  assert.match(outputs[0] ?? '', /"message":"The server's certificate could not be verified: it has expired\."/);
  assert.ok(outputs.every((output) => output === outputs[0]));
  assert.deepEqual(
    Object.keys((JSON.parse(outputs[0] ?? '{}') as { error: object }).error),
    ['code', 'message', 'detail'].filter((key) => key !== 'detail' || CERTIFICATE.detail !== undefined),
  );
});
