import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideAfterSend, MAX_SEND_ATTEMPTS, type OutboxDecision } from '../../../../electron/services/outbox/policy';
import type { SmtpErrorData, SmtpSendOutcome } from '../../../../electron/protocols/smtp';
import type { SmtpServerInfo } from '../../../../electron/protocols/smtp/send';
import type { OutboxRecipient, OutboxRow } from '../../../../electron/storage/outbox';
import { createTranslator } from '../../../../shared/i18n/catalogs';
import { outboxReasonText, type OutboxReasonWords } from '../../../../shared/outbox-reason';

const EN = createTranslator('en').t;
const DE = createTranslator('de').t;
const AR = createTranslator('ar').t;
const NOW = 1_800_000_000_000;
const SERVER: SmtpServerInfo = {
  maxMessageSize: undefined,
  extensions: [],
  authMechanisms: [],
  usedHelo: false,
  encrypted: false,
  tlsProtocol: undefined,
  certificateFingerprint256: undefined,
  mechanism: undefined,
};
/** A server's own reply, which is shown as it came in every language. */
const REPLY_550 = '550 5.1.1 <nobody@example.test>: Recipient address rejected: User unknown in virtual mailbox table';
const REPLY_451 = '451 4.3.0 <later@example.test>: Temporary lookup failure';

function row(recipients: readonly string[], attempts = 0): OutboxRow {
  return {
    id: 1,
    accountId: 'a',
    messageId: 1,
    rfcMessageId: '<1@example.test>',
    envelopeFrom: 'ann@example.test',
    recipients: recipients.map((address): OutboxRecipient => ({ address, status: 'pending' })),
    needsSmtpUtf8: false,
    eightBit: false,
    size: 100,
    state: 'sending',
    attempts,
    nextAttemptAt: null,
    reason: null,
    reasonCode: null,
    reasonWords: null,
    queuedAt: NOW,
    updatedAt: NOW,
    sentAt: null,
    notBefore: null,
    answers: null,
    groups: [],
  };
}

/** A refused connection as the SMTP engine reports it: a catalog message, its English words as the message. */
const REFUSED: SmtpErrorData = {
  code: 'NETWORK',
  retryable: true,
  message: EN('connection.refusedServer'),
  words: { id: 'connection.refusedServer' },
};

function failed(error: SmtpErrorData, recipients: readonly string[]): SmtpSendOutcome {
  return { kind: 'failed', recipients: recipients.map((address) => ({ address, status: 'not-attempted' })), error, server: undefined };
}

/** The decision's reason as the window and the command line show it in the language of `t`. */
function shown(decision: OutboxDecision, t: typeof DE): string | null {
  const { update } = decision;
  return outboxReasonText(t, {
    state: update.state,
    reason: update.reason,
    reasonCode: update.reasonCode,
    reasonWords: update.reasonWords ?? null,
    recipients: update.recipients,
  });
}

function words(decision: OutboxDecision): OutboxReasonWords {
  return decision.update.reasonWords ?? assert.fail('the reason has no words');
}

test('a refused connection waits for another try, its reason in German and Arabic, its English words kept for --json', () => {
  const decision = decideAfterSend(row(['bob@example.test']), failed(REFUSED, ['bob@example.test']), NOW);
  assert.equal(decision.update.state, 'retrying');
  assert.equal(decision.update.reason, EN('connection.refusedServer'));
  assert.deepEqual(words(decision), { id: 'connection.refusedServer' });
  assert.equal(shown(decision, DE), DE('connection.refusedServer'));
  assert.equal(shown(decision, AR), AR('connection.refusedServer'));
  assert.notEqual(shown(decision, DE), decision.update.reason);
});

test('giving up after the last attempt wraps the last reason: both said in the reader’s language', () => {
  const decision = decideAfterSend(row(['bob@example.test'], MAX_SEND_ATTEMPTS - 1), failed(REFUSED, ['bob@example.test']), NOW);
  assert.equal(decision.update.state, 'failed');
  assert.equal(decision.update.reason, `Mailbag gave up after ${MAX_SEND_ATTEMPTS} attempts. ${EN('connection.refusedServer')}`);
  assert.deepEqual(words(decision), { id: 'outbox.reason.gaveUp', values: { attempts: MAX_SEND_ATTEMPTS, reason: { id: 'connection.refusedServer' } } });
  assert.equal(shown(decision, DE), `Mailbag hat nach ${MAX_SEND_ATTEMPTS} Versuchen aufgegeben. ${DE('connection.refusedServer')}`);
  const arabic = shown(decision, AR) ?? '';
  assert.ok(arabic.startsWith('توقف Mailbag عن المحاولة بعد'), arabic);
  assert.ok(arabic.endsWith(AR('connection.refusedServer')), arabic);
  assert.doesNotMatch(arabic, /gave up|attempts/);
});

test('partly sent: the refused recipient is named with the server’s reply as it came, the sentence around it translated', () => {
  const refusal: SmtpErrorData = { code: 'SERVER_PERMANENT', retryable: false, message: 'The server refused this recipient.', response: REPLY_550 };
  const outcome: SmtpSendOutcome = {
    kind: 'partial',
    recipients: [
      { address: 'bob@example.test', status: 'accepted' },
      { address: 'nobody@example.test', status: 'refused', error: refusal },
    ],
    response: '250 2.0.0 Ok: queued',
    serverMessageId: undefined,
    error: refusal,
    server: SERVER,
  };
  const decision = decideAfterSend(row(['bob@example.test', 'nobody@example.test']), outcome, NOW);
  assert.equal(decision.result, 'partial');
  assert.equal(decision.update.reason, `Not delivered to nobody@example.test (The server refused this recipient. The server said: ${REPLY_550}).`);
  const german = shown(decision, DE) ?? '';
  assert.ok(german.startsWith('Nicht zugestellt an nobody@example.test ('), german);
  assert.ok(german.includes(`Antwort des Servers: ${REPLY_550}`), german);
  const arabic = shown(decision, AR) ?? '';
  assert.ok(arabic.startsWith('لم تُسلَّم إلى nobody@example.test'), arabic);
  assert.ok(arabic.includes(`قال الخادم: ${REPLY_550}`), arabic);
  const refused = decision.update.recipients.find((recipient) => recipient.address === 'nobody@example.test');
  assert.deepEqual(refused?.reasonWords, {
    id: 'outbox.reason.serverSaid',
    values: { reason: { text: 'The server refused this recipient.' }, response: REPLY_550 },
  });
});

test('partly sent with a recipient to try again: "waiting to try again" lists it with the server’s reply', () => {
  const later: SmtpErrorData = { code: 'SERVER_TEMPORARY', retryable: true, message: 'The server cannot take this recipient now.', response: REPLY_451 };
  const outcome: SmtpSendOutcome = {
    kind: 'partial',
    recipients: [
      { address: 'bob@example.test', status: 'accepted' },
      { address: 'later@example.test', status: 'refused', error: later },
      { address: 'quiet@example.test', status: 'not-attempted' },
    ],
    response: '250 2.0.0 Ok: queued',
    serverMessageId: undefined,
    error: later,
    server: SERVER,
  };
  const decision = decideAfterSend(row(['bob@example.test', 'later@example.test', 'quiet@example.test']), outcome, NOW);
  assert.equal(decision.update.state, 'retrying');
  assert.equal(
    decision.update.reason,
    `Waiting to try again for later@example.test (The server cannot take this recipient now. The server said: ${REPLY_451}); quiet@example.test (not yet sent).`,
  );
  const german = shown(decision, DE) ?? '';
  assert.equal(
    german,
    `Neuer Versuch ausstehend für later@example.test (The server cannot take this recipient now. Antwort des Servers: ${REPLY_451}); quiet@example.test (noch nicht gesendet).`,
  );
  const arabic = shown(decision, AR) ?? '';
  assert.ok(arabic.includes('؛ quiet@example.test (لم يُرسل بعد)'), arabic);
});

test('stopped before the message went out, and "may have been sent": Mailbag’s own sentences in German and Arabic', () => {
  const cancelled: SmtpErrorData = { code: 'CANCELLED', retryable: false, message: 'The operation was cancelled.' };
  const stopped = decideAfterSend(row(['bob@example.test'], 2), failed(cancelled, ['bob@example.test']), NOW);
  assert.equal(stopped.update.state, 'queued');
  assert.equal(stopped.update.reason, 'Sending was stopped before the message went out.');
  assert.equal(shown(stopped, DE), 'Der Versand wurde abgebrochen, bevor die Nachricht verschickt war.');
  assert.equal(shown(stopped, AR), 'أُوقف الإرسال قبل أن تخرج الرسالة.');

  const lost: SmtpErrorData = { code: 'NETWORK', retryable: true, message: 'The connection was lost.' };
  const outcome: SmtpSendOutcome = { kind: 'ambiguous', recipients: [{ address: 'bob@example.test', status: 'uncertain' }], error: lost, server: SERVER };
  const ambiguous = decideAfterSend(row(['bob@example.test']), outcome, NOW);
  assert.equal(ambiguous.update.state, 'ambiguous');
  assert.match(ambiguous.update.reason ?? '', /^The connection ended before the server confirmed the message, so it may have been sent/);
  assert.match(shown(ambiguous, DE) ?? '', /^Die Verbindung wurde beendet, bevor der Server die Nachricht bestätigt hat/);
  assert.match(shown(ambiguous, AR) ?? '', /^انقطع الاتصال قبل أن يؤكد الخادم/);
});

test('a reason kept only in English (a row from before) is shown as it is', () => {
  const entry = { state: 'retrying', reason: 'Mailbag could not reach the server.', reasonCode: 'NETWORK', reasonWords: null, recipients: [] };
  assert.equal(outboxReasonText(DE, entry), 'Mailbag could not reach the server.');
  const { reasonWords: _none, ...withoutWords } = entry;
  assert.equal(outboxReasonText(DE, withoutWords), 'Mailbag could not reach the server.');
});
