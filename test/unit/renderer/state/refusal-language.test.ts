/**
 * Every operation's refusal passes the bridge once, where its words are said in the window's language:
 * the message, and the detail where main gave it as a catalog message ("Server said: …"), the
 * server's own words kept as it sent them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { refusalsInLanguage, resultInLanguage } from '../../../../renderer/state/refusal-language';
import type { Result } from '../../../../shared/errors';
import { createTranslator } from '../../../../shared/i18n/catalogs';

const REFUSED: Result<never> = {
  ok: false,
  error: {
    code: 'SERVER_PERMANENT',
    message: 'The server refused RCPT TO: 554 5.7.1 Relay access denied',
    words: { id: 'protocolError.serverRefusedCommand', values: { command: 'RCPT TO', response: '554 5.7.1 Relay access denied' } },
    detail: 'Server said: 554 5.7.1 Relay access denied',
    detailWords: { id: 'protocolError.serverSaid', values: { response: '554 5.7.1 Relay access denied' } },
  },
};

test('a refusal’s detail is said in the window’s language beside its message; English stays as main wrote it', () => {
  const german = resultInLanguage(REFUSED, () => createTranslator('de').t);
  assert.ok(!german.ok);
  assert.equal(german.error.message, 'Der Server hat RCPT TO abgelehnt: 554 5.7.1 Relay access denied');
  assert.equal(german.error.detail, 'Antwort des Servers: 554 5.7.1 Relay access denied');
  const arabic = resultInLanguage(REFUSED, () => createTranslator('ar').t);
  assert.ok(!arabic.ok);
  assert.equal(arabic.error.detail, 'قال الخادم: 554 5.7.1 Relay access denied');
  assert.deepEqual(
    resultInLanguage(REFUSED, () => createTranslator('en').t),
    REFUSED,
  );
});

test('a detail alone as a catalog message is said too, through the wrapped API', async () => {
  const api = {
    saveAccount: () =>
      Promise.resolve({
        ok: false,
        error: {
          code: 'AUTH_FAILED',
          message: 'No.',
          detail: 'Server said: -ERR no',
          detailWords: { id: 'protocolError.serverSaid', values: { response: '-ERR no' } },
        },
      }),
  };
  const worded = refusalsInLanguage(api, () => createTranslator('de').t);
  const answer = await worded.saveAccount();
  assert.equal(answer.error.message, 'No.');
  assert.equal(answer.error.detail, 'Antwort des Servers: -ERR no');
});
