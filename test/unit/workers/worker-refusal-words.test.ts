/**
 * The parse worker's failures in the reader's language: an error the worker raises crosses the thread
 * boundary with its catalog message, and the parent's own (a parser that is not running) carries one
 * too, while `message` stays English.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorMessageIn } from '../../../shared/error-words';
import { MailbagError } from '../../../shared/errors';
import { createTranslator } from '../../../shared/i18n/catalogs';
import { startParseWorker } from '../../../electron/workers/parse-client';

const german = createTranslator('de').t;
const arabic = createTranslator('ar').t;

/** The MailbagError a promise rejects with. */
async function failure(pending: Promise<unknown>): Promise<MailbagError> {
  const error: unknown = await pending.then(
    () => assert.fail('not refused'),
    (thrown: unknown) => thrown,
  );
  assert.ok(error instanceof MailbagError, String(error));
  return error;
}

test('a message the parse worker cannot read is reported in German and Arabic, and a closed parser says it is not running', { timeout: 30_000 }, async () => {
  const parser = startParseWorker();
  try {
    const unreadable = await failure(parser.parse([{ messageId: 17, source: { kind: 'file', path: '/nonexistent/mailbag/large/x.eml', size: 10 } }]));
    assert.equal(unreadable.code, 'STORAGE');
    assert.equal(unreadable.message, 'Message 17 could not be read.');
    assert.match(unreadable.detail ?? '', /ENOENT/, 'the system’s own words stay in the detail');
    assert.equal(errorMessageIn(german, unreadable.toData()), 'Die Nachricht 17 konnte nicht gelesen werden.');
    assert.equal(errorMessageIn(arabic, unreadable.toData()), 'تعذّرت قراءة الرسالة 17.');
  } finally {
    await parser.close();
  }
  const closed = await failure(parser.parse([]));
  assert.equal(closed.message, 'The parser is not running.');
  assert.equal(errorMessageIn(german, closed.toData()), 'Der Parser läuft nicht.');
  assert.equal(errorMessageIn(arabic, closed.toData()), 'المحلّل لا يعمل.');
});
