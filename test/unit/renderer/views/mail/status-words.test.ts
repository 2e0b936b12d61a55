import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatByteSize } from '../../../../../shared/byte-size';
import { createTranslator } from '../../../../../shared/i18n/catalogs';
import type { Locale } from '../../../../../shared/i18n/locales';
import { clockTime } from '../../../../../renderer/views/mail/format';
import { lastRunWords, progressWords, type StatusWords } from '../../../../../renderer/views/mail/status-words';
import type { LastRun } from '../../../../../renderer/state/send-receive';

function wordsIn(locale: Locale, intlLocale: string): StatusWords {
  return { t: createTranslator(locale).t, clockTime: (ms) => clockTime(ms, intlLocale), byteSize: (bytes) => formatByteSize(bytes, intlLocale) };
}

const AT = new Date(2026, 2, 2, 14, 5).getTime();

function completed(newMessages: number): LastRun {
  return { at: AT, event: { status: 'completed', newMessages, partialMessages: 0, errors: [] } } as unknown as LastRun;
}

test('the last run is told in the window’s language with its plural rules and clock', () => {
  const english = wordsIn('en', 'en-US');
  assert.equal(lastRunWords(english, 'Work', completed(0)).text, 'Work: checked at 02:05 PM, no new mail.');
  assert.equal(lastRunWords(english, 'Work', completed(1)).text, 'Work: checked at 02:05 PM, 1 new message.');
  const german = wordsIn('de', 'de');
  assert.equal(lastRunWords(german, 'Arbeit', completed(3)).text, 'Arbeit: um 14:05 abgerufen, 3 neue Nachrichten.');
  assert.equal(lastRunWords(german, 'Arbeit', completed(1)).text, 'Arbeit: um 14:05 abgerufen, 1 neue Nachricht.');
  const arabic = wordsIn('ar', 'ar');
  assert.match(lastRunWords(arabic, 'عمل', completed(2)).text, /رسالتان جديدتان/);
});

test('progress gives counts by plural rules and sizes the reader’s way', () => {
  const progress = { phase: 'downloading', messagesDone: 1, messagesTotal: 4, bytesDone: 1.5 * 1024 * 1024, bytesTotal: 3 * 1024 * 1024 } as const;
  assert.equal(progressWords(wordsIn('en', 'en'), 'Work', progress as never), 'Work: Downloading 1 of 4 messages (1.5 MB of 3.0 MB)');
  assert.equal(progressWords(wordsIn('de', 'de'), 'Arbeit', progress as never), 'Arbeit: Herunterladen 1 von 4 Nachrichten (1,5 MB von 3,0 MB)');
  assert.equal(progressWords(wordsIn('fr', 'fr'), 'Travail', progress as never), 'Travail : Téléchargement 1 sur 4 messages (1,5 Mo sur 3,0 Mo)');
});

test('a refused certificate and a missing password are told in the window’s language, not in main’s English', () => {
  const failed = (error: object): LastRun => ({ at: AT, event: { status: 'failed', errors: [error] } }) as unknown as LastRun;
  const certificate = {
    code: 'TLS_CERTIFICATE',
    message: "The server's certificate could not be verified: it is self-signed.",
    words: { id: 'tls.unverified', values: { reason: 'selfSigned', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' } },
  };
  const german = lastRunWords(wordsIn('de', 'de'), 'Arbeit', failed(certificate)).text;
  assert.ok(german.startsWith('Arbeit: Das Zertifikat des Servers konnte nicht überprüft werden: es ist selbst signiert.'), german);
  assert.doesNotMatch(german, /could not be verified/);
  const arabic = lastRunWords(wordsIn('ar', 'ar'), 'عمل', failed(certificate)).text;
  assert.ok(arabic.includes('تعذّر التحقق من شهادة الخادم: فهي موقّعة ذاتيًا.'), arabic);
  const english = lastRunWords(wordsIn('en', 'en'), 'Work', failed(certificate)).text;
  assert.ok(english.startsWith("Work: The server's certificate could not be verified: it is self-signed."), english);
  const password = {
    code: 'PASSWORD_NEEDED',
    message: 'Mailbag has no saved password for “Arbeit”. Enter it to receive mail.',
    words: { id: 'receive.passwordMissing', values: { account: 'Arbeit' } },
  };
  assert.equal(
    lastRunWords(wordsIn('de', 'de'), 'Arbeit', failed(password)).text,
    'Arbeit: Mailbag hat kein gespeichertes Passwort für „Arbeit“. Geben Sie es ein, um E-Mails abzurufen.',
  );
  // An error without a catalog message keeps main's words (often the server's own).
  assert.equal(lastRunWords(wordsIn('de', 'de'), 'Arbeit', failed({ code: 'SERVER_PERMANENT', message: '-ERR nope' })).text, 'Arbeit: -ERR nope');
});

test('a server’s refusal behind Details: its words after a label in the window’s language, set apart so a right-to-left label cannot reorder them', () => {
  const failed = (error: object): LastRun => ({ at: AT, event: { status: 'failed', errors: [error] } }) as unknown as LastRun;
  const refusal = {
    code: 'AUTH_FAILED',
    message: 'The server did not accept the user name or password.',
    detail: 'Server said: -ERR [AUTH] Authentication failed.',
    detailWords: { id: 'protocolError.serverSaid', values: { response: '-ERR [AUTH] Authentication failed.\u202E' } },
  };
  assert.equal(lastRunWords(wordsIn('en', 'en'), 'Work', failed(refusal)).detail, 'Server said: \u2068-ERR [AUTH] Authentication failed.[U+202E]\u2069');
  assert.equal(
    lastRunWords(wordsIn('de', 'de'), 'Arbeit', failed(refusal)).detail,
    'Antwort des Servers: \u2068-ERR [AUTH] Authentication failed.[U+202E]\u2069',
  );
  assert.equal(lastRunWords(wordsIn('ar', 'ar'), 'عمل', failed(refusal)).detail, 'قال الخادم: \u2068-ERR [AUTH] Authentication failed.[U+202E]\u2069');
  // A detail that is not a catalog message stays as given, made plain.
  const system = { code: 'NETWORK', message: 'Mailbag could not reach the server.', detail: 'connect ECONNREFUSED\u0007' };
  assert.equal(lastRunWords(wordsIn('de', 'de'), 'Arbeit', failed(system)).detail, 'connect ECONNREFUSED\\x07');
});
