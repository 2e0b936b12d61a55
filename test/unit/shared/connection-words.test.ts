/**
 * Connection failures speak plain words with a next step: the words for each system code, and the POP3
 * and SMTP engines refused by a closed loopback port saying "refused the connection", with the
 * system's own text (ECONNREFUSED) only in the detail.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectPop3 } from '../../../electron/protocols/pop3/connect';
import { Pop3Error } from '../../../electron/protocols/pop3/errors';
import { probeSmtp } from '../../../electron/protocols/smtp';
import { connectionProblemOf, connectionProblemWords, systemCodeOf } from '../../../shared/connection-words';
import { findFreePort } from '../../servers/free-port';
import type { ErrorWords } from '../../../shared/errors';
import { errorMessageIn, sayWords } from '../../../shared/error-words';
import { createTranslator } from '../../../shared/i18n/catalogs';

const english = createTranslator('en').t;
const german = createTranslator('de').t;
const arabic = createTranslator('ar').t;

/** The English of a catalog message. */
function say(words: ErrorWords): string {
  return sayWords(english, words);
}

test('system codes map to the problems a person acts on, each with words and a next step', () => {
  assert.equal(connectionProblemOf('ECONNREFUSED'), 'refused');
  assert.equal(connectionProblemOf('EHOSTUNREACH'), 'no-route');
  assert.equal(connectionProblemOf('ENETUNREACH'), 'no-route');
  assert.equal(connectionProblemOf('ENOTFOUND'), 'name-not-found');
  assert.equal(connectionProblemOf('EAI_AGAIN'), 'name-not-found');
  assert.equal(connectionProblemOf('ETIMEDOUT'), 'timed-out');
  assert.equal(connectionProblemOf('ECONNRESET'), 'broken-off');
  assert.equal(connectionProblemOf('EISDIR'), undefined);
  assert.equal(systemCodeOf(Object.assign(new Error('x'), { code: 'ECONNECTION', originalCode: 'ECONNREFUSED' })), 'ECONNREFUSED');
  assert.equal(systemCodeOf(new Error('getaddrinfo ENOTFOUND mail.example.test')), 'ENOTFOUND');
  const target = { host: 'mail.example.test', port: 995 };
  assert.equal(
    say(connectionProblemWords('refused', target)),
    'mail.example.test refused the connection on port 995: the mail server may be down, or the port may be wrong. Try again later, or check the port in the account settings.',
  );
  assert.match(say(connectionProblemWords('no-route', target)), /no network route to mail\.example\.test\. Check that this computer is online/);
  assert.match(say(connectionProblemWords('name-not-found', target)), /The server name “mail\.example\.test” was not found\. Check it for typing mistakes/);
  assert.match(say(connectionProblemWords('timed-out', target)), /mail\.example\.test did not answer on port 995\. .*Try again later\./);
  for (const problem of ['refused', 'no-route', 'name-not-found', 'timed-out', 'broken-off'] as const) {
    assert.doesNotMatch(say(connectionProblemWords(problem)), /\bE[A-Z]{4,}\b|undefined/);
  }
});

test('a POP3 server that refuses the connection is reported in plain words; ECONNREFUSED only in the detail', async () => {
  const port = await findFreePort();
  const error = await connectPop3({ host: '127.0.0.1', port, security: 'tls' }).then(
    () => assert.fail('connected to a closed port'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof Pop3Error);
  assert.equal(error.code, 'NETWORK');
  assert.equal(
    error.message,
    `127.0.0.1 refused the connection on port ${port}: the mail server may be down, or the port may be wrong. Try again later, or check the port in the account settings.`,
  );
  assert.match(error.detail ?? '', /ECONNREFUSED/);
  assert.equal(
    errorMessageIn(german, error.toData()),
    `127.0.0.1 hat die Verbindung auf Port ${port} abgelehnt: Der Mailserver ist vielleicht nicht erreichbar, oder der Port ist falsch. Versuchen Sie es später erneut, oder prüfen Sie den Port in den Kontoeinstellungen.`,
  );
  assert.match(errorMessageIn(arabic, error.toData()), new RegExp(`^رفض ‎127\\.0\\.0\\.1‎ الاتصال على المنفذ ${port}:`));
});

test('an SMTP server that refuses the connection is reported in plain words too', async () => {
  const port = await findFreePort();
  const outcome = await probeSmtp({ host: '127.0.0.1', port, security: 'starttls' });
  assert.ok(!outcome.ok);
  assert.equal(outcome.error.code, 'NETWORK');
  assert.match(outcome.error.message, /^The server refused the connection: the mail server may be down, or the port may be wrong\./);
  assert.doesNotMatch(outcome.error.message, /ECONNREFUSED|connect /);
  assert.match(outcome.error.detail ?? '', /ECONNREFUSED/);
  assert.match(errorMessageIn(german, outcome.error), /^Der Server hat die Verbindung abgelehnt:/);
  assert.match(errorMessageIn(arabic, outcome.error), /^رفض الخادم الاتصال:/);
});
