import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ERROR_CODES, isErrorCode, MailbagError, toErrorData, type ErrorWords } from '../../../shared/errors';
import { englishMessage, errorDetailIn, errorMessageIn, sayWords, wordedError } from '../../../shared/error-words';
import { createTranslator } from '../../../shared/i18n/catalogs';

test('every code has plain words and an exit code the CLI documents', () => {
  for (const [code, info] of Object.entries(ERROR_CODES)) {
    assert.ok(info.message.length > 10, code);
    assert.ok([1, 2, 3, 4].includes(info.exitCode), code);
  }
  assert.equal(ERROR_CODES.MAILBOX_BUSY.exitCode, 4);
  assert.equal(ERROR_CODES.PARTIAL_FAILURE.exitCode, 3);
  assert.equal(ERROR_CODES.VALIDATION.exitCode, 2);
});

test('errors cross boundaries as data; unknown exceptions lose their text', () => {
  const known = new MailbagError('MAILBOX_BUSY', undefined, { detail: '-ERR [IN-USE] locked' });
  assert.deepEqual(toErrorData(known), {
    code: 'MAILBOX_BUSY',
    message: ERROR_CODES.MAILBOX_BUSY.message,
    detail: '-ERR [IN-USE] locked',
  });
  assert.deepEqual(toErrorData(new Error('PASS hunter2')), { code: 'INTERNAL', message: ERROR_CODES.INTERNAL.message });
  assert.equal(isErrorCode('AUTH_FAILED'), true);
  assert.equal(isErrorCode('toString'), false);
});

test('an error received as data is thrown on with its code, message and detail, and back to the same data', () => {
  const withDetail = { code: 'SERVER_PERMANENT', message: 'The server refused the message.', detail: '554 5.7.1 rejected' } as const;
  const error = MailbagError.fromData(withDetail);
  assert.ok(error instanceof MailbagError);
  assert.equal(error.code, 'SERVER_PERMANENT');
  assert.equal(error.message, withDetail.message);
  assert.equal(error.detail, '554 5.7.1 rejected');
  assert.deepEqual(error.toData(), withDetail);
  const without = MailbagError.fromData({ code: 'TIMEOUT', message: 'Too slow.' });
  assert.equal(without.detail, undefined);
  assert.deepEqual(without.toData(), { code: 'TIMEOUT', message: 'Too slow.' });
  assert.equal(Object.hasOwn(without.toData(), 'detail'), false);
});

test('a catalog message may carry another as an argument, said in the same language', () => {
  const words: ErrorWords = { id: 'serviceError.ruleAnswer.failed', values: { rule: 'Away', id: '7', reason: { id: 'serviceError.account.noSuchId' } } };
  assert.equal(englishMessage(words), 'Rule “Away” could not answer message 7: There is no account with this id.');
  assert.equal(sayWords(createTranslator('de').t, words), 'Die Regel „Away“ konnte Nachricht 7 nicht beantworten: Es gibt kein Konto mit dieser ID.');
  const error = wordedError('NOT_FOUND', words, { detailWords: { id: 'serviceError.account.noSuchId' } });
  assert.equal(error.message, englishMessage(words));
  assert.equal(error.detail, 'There is no account with this id.');
  const data = MailbagError.fromData(JSON.parse(JSON.stringify(error.toData())) as ReturnType<MailbagError['toData']>).toData();
  assert.deepEqual(data, error.toData());
  const fr = createTranslator('fr').t;
  assert.match(errorMessageIn(fr, data), /^La règle « Away » n’a pas pu répondre au message 7 : /);
  assert.notEqual(errorDetailIn(fr, data), data.detail);
  assert.equal(errorDetailIn(fr, { detail: 'as given' }), 'as given');
});
