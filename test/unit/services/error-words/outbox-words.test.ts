/**
 * The Outbox's refusals and those of a ready message file are catalog messages: said in German or
 * Arabic by the window and the command line (numbers formatted for the reader), while `message`
 * keeps the English words that `--json` shows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareEml } from '../../../../electron/services/outbox';
import { checkAddress } from '../../../../shared/mail/address';
import { ACCOUNT_ID, startOutboxFixture } from '../outbox/outbox-fixture';
import { refusal, saidIn } from './refusal';

const MESSAGE = { to: [{ name: 'Bob', address: 'bob@example.test' }], subject: 'Zahlen — أرقام', text: 'Hello.\n' };

test('a message larger than the server takes is refused with sizes in the reader’s number format', async (t) => {
  const fixture = await startOutboxFixture();
  t.after(() => fixture.close());
  fixture.outbox.recordSizeLimit(ACCOUNT_ID, 160_000);
  const large = await refusal(fixture.outbox.queue(ACCOUNT_ID, { ...MESSAGE, text: `${'x'.repeat(76)}\n`.repeat(4_000) }));
  assert.equal(large.code, 'VALIDATION');
  assert.equal(large.message, 'The message is 0.3 MB, but the outgoing server of this account accepts at most 0.2 MB. Remove or shrink attachments.');
  assert.equal(
    saidIn('de', large),
    'Die Nachricht ist 0,3 MB groß, der Postausgangsserver dieses Kontos nimmt aber höchstens 0,2 MB an. Entfernen oder verkleinern Sie Anhänge.',
  );
});

test('sending again a message already sent is refused in German, naming its state', async (t) => {
  const fixture = await startOutboxFixture();
  t.after(() => fixture.close());
  const entry = await fixture.outbox.queue(ACCOUNT_ID, MESSAGE);
  await fixture.outbox.flush();
  const again = await refusal(() => fixture.outbox.sendAgain(entry.id));
  assert.equal(again.message, 'Only a message that failed or may have been sent can be sent again (this one is sent).');
  assert.equal(
    saidIn('de', again),
    'Nur eine Nachricht, deren Senden fehlgeschlagen ist oder die vielleicht gesendet wurde, kann erneut gesendet werden (diese wurde gesendet).',
  );
});

test('a ready message file without From or with a bad Message-ID is refused in Arabic, the header text kept as data', async () => {
  const sender = checkAddress({ address: 'ann@example.com' });
  assert.ok(sender.ok);
  const file = (lines: readonly string[]) => Buffer.from(lines.join('\r\n'), 'utf8');
  const noFrom = await refusal(() => prepareEml(file(['To: bob@example.test', 'Subject: hi', '', 'body']), sender.value, 0));
  assert.equal(noFrom.message, 'The message file cannot be sent: it has no From field.');
  assert.equal(saidIn('ar', noFrom), 'لا يمكن إرسال ملف الرسالة: لا يحتوي على حقل From.');
  const badId = await refusal(() =>
    prepareEml(file(['From: ann@example.com', 'To: bob@example.test', 'Message-ID: <no at sign>', '', 'body']), sender.value, 0),
  );
  assert.equal(badId.message, 'The message file cannot be sent: its Message-ID "<no at sign>" is not valid.');
  assert.equal(saidIn('ar', badId), 'لا يمكن إرسال ملف الرسالة: معرّف الرسالة Message-ID ‏"<no at sign>" غير صالح.');
});
