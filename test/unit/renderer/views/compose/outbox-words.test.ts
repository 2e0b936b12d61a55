import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OutboxItemView } from '../../../../../shared/compose-ops';
import { createTranslator } from '../../../../../shared/i18n/catalogs';
import { composeWords } from '../../../../../renderer/views/compose/compose-words';
import { describeOutboxState, outboxRemoval } from '../../../../../renderer/views/compose/outbox-words';

const EN = composeWords(createTranslator('en').t, 'en');
const DE = composeWords(createTranslator('de').t, 'de');
const FR = composeWords(createTranslator('fr').t, 'fr');
const AR = composeWords(createTranslator('ar').t, 'ar');

/** 14:05 local time on a fixed day, so the shown clock time is known in any time zone. */
const AFTERNOON = new Date(2026, 2, 3, 14, 5).getTime();

function item(patch: Partial<OutboxItemView>): OutboxItemView {
  return {
    id: 1,
    accountId: 'a',
    storedMessageId: 2,
    messageId: '<m@example.test>',
    state: 'queued',
    reason: null,
    reasonCode: null,
    reasonWords: null,
    attempts: 0,
    nextAttemptAt: null,
    recipients: [],
    groups: [],
    size: 100,
    queuedAt: 0,
    sentAt: null,
    ...patch,
  };
}

test('every Outbox state is said in the chosen language, times in its clock', () => {
  assert.equal(describeOutboxState(item({}), EN), 'Queued — waiting to be sent');
  assert.equal(describeOutboxState(item({}), DE), 'In der Warteschlange — wartet auf den Versand');
  assert.equal(describeOutboxState(item({ state: 'sending' }), FR), 'Envoi…');
  assert.equal(describeOutboxState(item({ state: 'sent', sentAt: AFTERNOON }), EN), 'Sent at 02:05 PM');
  assert.equal(describeOutboxState(item({ state: 'sent', sentAt: AFTERNOON }), DE), 'Gesendet um 14:05');
  const arabicClock = new Intl.DateTimeFormat('ar', { hour: '2-digit', minute: '2-digit' }).format(AFTERNOON);
  assert.equal(describeOutboxState(item({ state: 'sent', sentAt: AFTERNOON }), AR), `أُرسلت في ${arabicClock}`);
  assert.equal(describeOutboxState(item({ state: 'failed' }), EN), 'Failed: the server refused the message.');
  // The server's own words are data: they are shown as they came.
  assert.equal(describeOutboxState(item({ state: 'failed', reason: '550 mailbox unavailable' }), DE), 'Fehlgeschlagen: 550 mailbox unavailable');
  assert.equal(
    describeOutboxState(item({ state: 'retrying', nextAttemptAt: AFTERNOON }), DE),
    'Neuer Versuch um 14:05 (oder beim nächsten Senden/Empfangen, das Sie starten). Der Server konnte sie noch nicht annehmen.',
  );
  assert.equal(describeOutboxState(item({ state: 'retrying', reason: '421 busy' }), EN), 'Retrying at the next Send/Receive. 421 busy');
  assert.equal(describeOutboxState(item({ state: 'ambiguous' }), FR), 'A peut-être été envoyé — vérifiez auprès du destinataire, puis Renvoyer ou Retirer.');
});

test('a message some recipients refused names them', () => {
  const recipients = [
    { address: 'bob@example.test', status: 'accepted' as const },
    { address: 'nobody@example.test', status: 'refused' as const, reason: '550 5.1.1 unknown user' },
  ];
  const partly = item({ state: 'sent', reason: 'Some recipients were refused.', recipients });
  assert.equal(describeOutboxState(partly, EN), 'Sent, but not to everyone: not delivered to nobody@example.test (the reason is below).');
  assert.equal(describeOutboxState({ ...partly, recipients: [] }, DE), 'Gesendet, aber nicht an alle. Some recipients were refused.');
});

test('a missing outgoing password is said in the chosen language from its code, not in main’s English', () => {
  const missing = item({
    state: 'failed',
    reason: 'Mailbag has no saved password for the outgoing server of this account. Enter it to send.',
    reasonCode: 'PASSWORD_NEEDED',
  });
  assert.equal(describeOutboxState(missing, EN), 'Failed: Mailbag has no saved password for the outgoing server of this account. Enter it to send.');
  assert.equal(
    describeOutboxState(missing, DE),
    'Fehlgeschlagen: Für den Postausgangsserver dieses Kontos ist kein Passwort gespeichert. Geben Sie es ein, um zu senden.',
  );
  assert.equal(describeOutboxState(missing, AR), 'فشل: لا توجد كلمة مرور محفوظة لخادم البريد الصادر لهذا الحساب. أدخلها للإرسال.');
  // Another code keeps the server's words: only the reasons Mailbag gives itself are worded again.
  assert.equal(describeOutboxState(item({ state: 'failed', reason: '535 no', reasonCode: 'AUTH_FAILED' }), AR), 'فشل: 535 no');
});

test('a message every recipient refused names them in the chosen language; their servers’ words stay on their own lines', () => {
  const recipients = [
    { address: 'nobody@example.test', status: 'refused' as const, reason: '550 5.1.1 unknown user' },
    { address: 'gone@example.test', status: 'refused' as const, reason: '550 gone' },
  ];
  const refused = item({
    state: 'failed',
    reason: 'Not delivered to nobody@example.test (550 5.1.1 unknown user); gone@example.test (550 gone).',
    reasonCode: 'SERVER_PERMANENT',
    recipients,
  });
  assert.equal(describeOutboxState(refused, EN), 'Failed: Not delivered to nobody@example.test, gone@example.test.');
  assert.equal(describeOutboxState(refused, DE), 'Fehlgeschlagen: Nicht zugestellt an nobody@example.test, gone@example.test.');
  assert.equal(describeOutboxState(refused, AR), 'فشل: لم تُسلَّم إلى nobody@example.test, gone@example.test.');
  // One recipient still waiting: the failure is the server's, in its words.
  const stopped = item({
    state: 'failed',
    reason: '554 go away',
    reasonCode: 'SERVER_PERMANENT',
    recipients: [recipients[0]!, { address: 'later@example.test', status: 'pending' as const }],
  });
  assert.equal(describeOutboxState(stopped, DE), 'Fehlgeschlagen: 554 go away');
});

test('removing an unsent message asks in the chosen language and names it, or says it has no subject', () => {
  assert.deepEqual(outboxRemoval('Quarterly numbers', EN.t), {
    title: 'Remove this message from the Outbox?',
    text: '“Quarterly numbers” will not be sent, and it is deleted for good. This cannot be undone.',
    confirm: 'Remove message',
  });
  assert.match(outboxRemoval('', DE.t).text, /^„\(kein Betreff\)“ wird nicht gesendet/);
  assert.equal(outboxRemoval('x', AR.t).confirm, 'إزالة الرسالة');
});

test('a reason kept as words is said in the window’s language: a refused connection waiting, giving up, stopped', () => {
  const de = createTranslator('de').t;
  const ar = createTranslator('ar').t;
  const refused = { id: 'connection.refusedServer' } as const;
  const waiting = item({ state: 'retrying', reason: 'The server refused the connection…', reasonCode: 'NETWORK', reasonWords: refused });
  assert.equal(describeOutboxState(waiting, DE), de('outbox.retryingNext', { reason: de('connection.refusedServer') }));
  assert.equal(describeOutboxState(waiting, AR), ar('outbox.retryingNext', { reason: ar('connection.refusedServer') }));
  const gaveUp = item({
    state: 'failed',
    reason: 'Mailbag gave up after 8 attempts. The server refused the connection…',
    reasonCode: 'NETWORK',
    reasonWords: { id: 'outbox.reason.gaveUp', values: { attempts: 8, reason: refused } },
  });
  assert.equal(describeOutboxState(gaveUp, DE), `Fehlgeschlagen: Mailbag hat nach 8 Versuchen aufgegeben. ${de('connection.refusedServer')}`);
  const arabic = describeOutboxState(gaveUp, AR);
  assert.ok(arabic.includes('توقف Mailbag عن المحاولة بعد') && arabic.endsWith(ar('connection.refusedServer')), arabic);
  const stopped = item({ state: 'failed', reason: 'Sending was stopped before the message went out.', reasonWords: { id: 'outbox.reason.stopped' } });
  assert.equal(describeOutboxState(stopped, AR), `${ar('outbox.failedReason', { reason: 'أُوقف الإرسال قبل أن تخرج الرسالة.' })}`);
});
