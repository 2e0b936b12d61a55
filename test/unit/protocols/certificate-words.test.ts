/**
 * Why a certificate was refused, and why encryption was required, said in the reader's language: the
 * engines keep their English `message` (what `--json` shows) and carry the catalog message with its
 * reason as data, which the window and the command line word in German, French or Arabic.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { CERTIFICATE_REASONS, certificateReasonOf, certificateReasonWords } from '../../../shared/certificate-reasons';
import { errorMessageIn, sayWords } from '../../../shared/error-words';
import { createTranslator } from '../../../shared/i18n/catalogs';
import { startTls } from '../../../electron/protocols/pop3/tls';
import { Pop3Error } from '../../../electron/protocols/pop3/errors';
import { fromNodemailerError } from '../../../electron/protocols/smtp/errors';
import { certificateProblemWords } from '../../../electron/protocols/tls-trust';
import { createTestCertificates, type TestCertificates } from '../../servers/test-certificates';

const de = createTranslator('de').t;
const fr = createTranslator('fr').t;
const ar = createTranslator('ar').t;
const en = createTranslator('en').t;

let directory: string;
let certificates: TestCertificates;
let server: tls.Server;
let port: number;

before(async () => {
  directory = mkdtempSync(path.join(os.tmpdir(), 'mailbag-certificate-words-'));
  certificates = await createTestCertificates(directory);
  server = tls.createServer({ cert: readFileSync(certificates.serverCertificatePath), key: readFileSync(certificates.serverKeyPath) }, (socket) =>
    socket.end(),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(directory, { recursive: true, force: true });
});

test('Node’s verification codes become kinds of reason; a code without plain words is kept as it is', () => {
  assert.deepEqual(certificateReasonOf('DEPTH_ZERO_SELF_SIGNED_CERT'), { reason: 'selfSigned', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  assert.equal(certificateReasonOf('HOSTNAME_MISMATCH').reason, 'wrongName');
  assert.equal(certificateReasonOf('UNABLE_TO_GET_ISSUER_CERT_LOCALLY').reason, 'unknownAuthority');
  assert.equal(certificateReasonOf('toString').reason, 'other', 'not a property of the table');
  assert.equal(certificateReasonWords(de, certificateReasonOf('CERT_SIGNATURE_FAILURE')), 'CERT_SIGNATURE_FAILURE');
});

test('every reason has its own words in English, German, French and Arabic', () => {
  for (const t of [en, de, fr, ar]) {
    const words = CERTIFICATE_REASONS.filter((reason) => reason !== 'other').map((reason) => certificateReasonWords(t, { reason, code: 'X' }));
    assert.equal(new Set(words).size, words.length, words.join(' | '));
    assert.ok(words.every((text) => text !== 'X' && text.length > 3));
  }
  const selfSigned = { reason: 'selfSigned', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' } as const;
  assert.equal(certificateReasonWords(en, selfSigned), 'it is self-signed');
  assert.equal(certificateReasonWords(de, selfSigned), 'es ist selbst signiert');
  assert.equal(certificateReasonWords(fr, selfSigned), 'il est auto-signé');
  assert.equal(certificateReasonWords(ar, selfSigned), 'موقّعة ذاتيًا');
  assert.equal(certificateReasonWords(de, { reason: 'expired', code: 'CERT_HAS_EXPIRED' }), 'es ist abgelaufen');
  assert.equal(certificateReasonWords(ar, { reason: 'expired', code: 'CERT_HAS_EXPIRED' }), 'منتهية الصلاحية');
});

test('a POP3 handshake with a certificate no authority vouches for: English message, German and Arabic words', async () => {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const refused = await startTls(socket, {
    host: '127.0.0.1',
    servername: undefined,
    ca: undefined,
    pinnedFingerprint256: undefined,
    timeoutMs: 10_000,
    signal: new AbortController().signal,
  }).then(
    (secure) => {
      secure.destroy();
      return undefined;
    },
    (error: unknown) => error,
  );
  assert.ok(refused instanceof Pop3Error);
  assert.equal(refused.code, 'TLS_CERTIFICATE');
  assert.equal(refused.message, "The server's certificate could not be verified: it is not signed by an authority this computer trusts.");
  const data = refused.toData();
  assert.deepEqual(data.words, { id: 'tls.unverified', values: { reason: 'unknownAuthority', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' } });
  assert.equal(errorMessageIn(en, data), data.message);
  assert.equal(
    errorMessageIn(de, data),
    'Das Zertifikat des Servers konnte nicht überprüft werden: es ist nicht von einer Zertifizierungsstelle signiert, der dieser Computer vertraut.',
  );
  assert.equal(errorMessageIn(ar, data), 'تعذّر التحقق من شهادة الخادم: فهي غير موقّعة من جهة يثق بها هذا الحاسوب.');
  assert.deepEqual(structuredClone(data), data, 'the words cross to the window as data');
});

test('a changed certificate and a refused SMTP certificate are worded in the reader’s language', () => {
  const changed = certificateProblemWords({ kind: 'pin-mismatch', reason: undefined, fingerprint256: 'AB:CD' });
  assert.equal(sayWords(en, changed), 'The server presented a different certificate than the one accepted before.');
  assert.equal(sayWords(de, changed), 'Der Server hat ein anderes Zertifikat vorgelegt als das zuvor akzeptierte.');
  const smtp = fromNodemailerError(Object.assign(new Error('self-signed certificate'), { code: 'ETLS', originalCode: 'DEPTH_ZERO_SELF_SIGNED_CERT' }));
  assert.equal(smtp.code, 'TLS_CERTIFICATE');
  assert.equal(smtp.message, "The server's certificate could not be verified: it is self-signed.");
  assert.equal(errorMessageIn(de, smtp.toSmtpData()), 'Das Zertifikat des Servers konnte nicht überprüft werden: es ist selbst signiert.');
  assert.equal(errorMessageIn(ar, smtp.toSmtpData()), 'تعذّر التحقق من شهادة الخادم: فهي موقّعة ذاتيًا.');
  assert.equal(errorMessageIn(fr, smtp.toSmtpData()), 'Le certificat du serveur n’a pas pu être vérifié : il est auto-signé.');
});

test('encryption required but not offered: the English message stays, the words are German and Arabic', () => {
  const refused = fromNodemailerError(new Error('Can not use STARTTLS: server does not support required STARTTLS'), 'EHLO');
  assert.equal(refused.code, 'TLS_REQUIRED');
  assert.equal(refused.message, 'The server does not offer STARTTLS, and this account requires encryption.');
  assert.equal(errorMessageIn(de, refused.toData()), 'Der Server bietet kein STARTTLS an, dieses Konto verlangt aber Verschlüsselung.');
  assert.equal(errorMessageIn(ar, refused.toData()), 'لا يوفّر الخادم STARTTLS، وهذا الحساب يتطلب التشفير.');
});
