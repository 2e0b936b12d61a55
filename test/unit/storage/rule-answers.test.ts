/**
 * Rules that answer mail: the answer is recorded in the transaction of the rules' other actions, so a
 * message is answered exactly once — however often rules run on it, and across a crash at either side
 * of that transaction — never when it is a bounce or an automatic answer, and the Outbox takes each
 * recorded answer once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNT, inlineParser, mail, openTestStore } from './store-fixture';
import type { MessageStore } from '../../../electron/storage/message-store';
import type { SqliteDatabase } from '../../../electron/storage/database';
import { filterNewMail, runRuleOnFolder } from '../../../electron/storage/rule-engine';
import { addRule, findRule } from '../../../electron/storage/rules';
import { folderIdForRole } from '../../../electron/storage/folders';
import { queueRuleAnswers } from '../../../electron/services/rule-answers';
import { notAnsweredWords } from '../../../electron/storage/rule-answers';
import { englishMessage, sayWords } from '../../../shared/error-words';
import { createTranslator } from '../../../shared/i18n/catalogs';
import { describeAutomaticMail, type AutomaticMailReason } from '../../../shared/mail/automatic-mail';
import type { Outbox, OutboxComposeInput, OutboxEntry } from '../../../electron/services/outbox';
import { recordSmtpSizeLimit } from '../../../electron/storage/outbox';
import { ACCOUNT_ID, START_TIME, startOutboxFixture } from '../services/outbox/outbox-fixture';

async function arrive(store: MessageStore, uidl: string, source: Buffer): Promise<number> {
  const outcome = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl, state: 'downloaded' } }, source);
  assert.equal(outcome.status, 'stored');
  return outcome.status === 'stored' ? outcome.messageId : 0;
}

interface Answer {
  readonly messageId: number;
  readonly kind: string;
  readonly address: string;
  readonly state: string;
  readonly reason: string | null;
}

const answers = (database: SqliteDatabase): Answer[] =>
  database.prepare<[], Answer>('select message_id as messageId, kind, address, state, reason from rule_answers order by message_id, kind, address').all();

/** An Outbox that records what it is given and claims in a transaction, as the real one does. */
function recordingOutbox(database: SqliteDatabase): { outbox: Pick<Outbox, 'queueClaimed'>; queued: Array<{ accountId: string; input: OutboxComposeInput }> } {
  const queued: Array<{ accountId: string; input: OutboxComposeInput }> = [];
  return {
    queued,
    outbox: {
      queueClaimed: async (accountId, input, _answers, claim) => {
        const id = queued.length + 1;
        const claimed = database.transaction(() => claim(id)).immediate();
        if (!claimed) return null;
        queued.push({ accountId, input });
        return { id } as OutboxEntry;
      },
    },
  };
}

const HELLO = mail({ subject: 'Hello there', from: 'Ann Example <ann@example.com>', extraHeaders: ['Return-Path: <ann@example.com>'] });
const BOUNCE = mail({
  subject: 'Undelivered Mail Returned to Sender',
  from: 'Mail Delivery System <MAILER-DAEMON@mx.example.com>',
  extraHeaders: ['Return-Path: <>'],
});
const VACATION = mail({ subject: 'Out of office: Hello there', from: 'Bob <bob@example.com>', extraHeaders: ['Auto-Submitted: auto-replied'] });

test('a reply rule answers a person once, with the template filled in, and never a bounce or an automatic answer', async () => {
  const { database, store } = await openTestStore();
  addRule(database, {
    name: 'Thanks',
    query: 'subject:hello OR subject:undelivered OR subject:office',
    actions: [{ kind: 'reply', template: 'Dear {sender}, thanks for “{subject}”.' }],
    stop: false,
    accountId: null,
  });
  addRule(database, {
    name: 'Copy to Carol',
    query: 'from:ann@example.com',
    actions: [{ kind: 'forward', to: 'Carol@Example.org', template: '' }],
    stop: false,
    accountId: null,
  });
  const hello = await arrive(store, 'u1', HELLO);
  const bounce = await arrive(store, 'u2', BOUNCE);
  const vacation = await arrive(store, 'u3', VACATION);
  await store.indexPending(inlineParser);

  const report = await filterNewMail(store);
  assert.deepEqual(
    report.problems.map((problem) => problem.replace(/\d+/, 'N')),
    ['Message N is not answered: it is a bounce (empty Return-Path).', 'Message N is not answered: it was sent automatically (Auto-Submitted).'],
  );
  assert.deepEqual(answers(database), [
    { messageId: hello, kind: 'forward', address: 'carol@example.org', state: 'pending', reason: null },
    { messageId: hello, kind: 'reply', address: 'ann@example.com', state: 'pending', reason: null },
    { messageId: bounce, kind: 'reply', address: 'mailer-daemon@mx.example.com', state: 'skipped', reason: 'it is a bounce (empty Return-Path)' },
    { messageId: vacation, kind: 'reply', address: 'bob@example.com', state: 'skipped', reason: 'it was sent automatically (Auto-Submitted)' },
  ]);

  // The same rules run again by hand on the Inbox: nothing is answered twice.
  await runRuleOnFolder(store, findRule(database, 'Thanks'), folderIdForRole(database, ACCOUNT, 'inbox'));
  assert.equal(answers(database).length, 4);

  const { outbox, queued } = recordingOutbox(database);
  const first = await queueRuleAnswers({ store, outbox });
  assert.deepEqual(first.problems, []);
  assert.equal(queued.length, 2);
  const reply = queued.find((entry) => entry.input.autoSubmitted === 'auto-replied')?.input;
  assert.ok(reply !== undefined);
  assert.deepEqual(reply.to, [{ address: 'ann@example.com' }]);
  assert.equal(reply.subject, 'Re: Hello there');
  assert.equal(reply.text, 'Dear Ann Example, thanks for “Hello there”.');
  assert.equal(reply.inReplyTo, '<Hello.there@example.com>');
  assert.deepEqual(reply.references, ['<Hello.there@example.com>']);
  const forward = queued.find((entry) => entry.input.autoSubmitted === 'auto-generated')?.input;
  assert.equal(forward?.subject, 'Fwd: Hello there');
  assert.deepEqual(forward?.to, [{ address: 'carol@example.org' }]);
  assert.equal(forward?.attachments?.[0]?.contentType, 'message/rfc822');
  assert.ok(Buffer.from(forward?.attachments?.[0]?.content ?? []).equals(HELLO), 'the original is forwarded byte for byte');
  assert.deepEqual(
    answers(database).map((answer) => answer.state),
    ['queued', 'queued', 'skipped', 'skipped'],
  );

  const second = await queueRuleAnswers({ store, outbox });
  assert.deepEqual(second.queued, []);
  assert.equal(queued.length, 2, 'an answer is queued once');
});

test('a crash inside the filtering transaction records no answer, and the next run records it once', async () => {
  const { database, store } = await openTestStore();
  addRule(database, {
    name: 'Thanks',
    query: 'subject:hello',
    actions: [{ kind: 'flag' }, { kind: 'reply', template: 'Thanks.' }],
    stop: false,
    accountId: null,
  });
  const hello = await arrive(store, 'u1', HELLO);
  await store.indexPending(inlineParser);
  database.exec("create temp trigger crash_before_record before insert on rules_ran begin select raise(abort, 'simulated crash'); end");
  await assert.rejects(filterNewMail(store), /simulated crash/);
  assert.deepEqual(answers(database), [], 'the answer rolled back with the other actions');
  database.exec('drop trigger crash_before_record');
  await filterNewMail(store);
  await filterNewMail(store);
  assert.deepEqual(answers(database), [{ messageId: hello, kind: 'reply', address: 'ann@example.com', state: 'pending', reason: null }]);
});

test('an answer that cannot be composed or queued is given up with its reason, not tried at every check', async () => {
  const { database, store } = await openTestStore();
  addRule(database, { name: 'Thanks', query: 'subject:hello', actions: [{ kind: 'reply', template: 'Thanks.' }], stop: false, accountId: null });
  await arrive(store, 'u1', HELLO);
  await store.indexPending(inlineParser);
  await filterNewMail(store);
  const failing: Pick<Outbox, 'queueClaimed'> = {
    queueClaimed: () => Promise.reject(new Error('disk full')),
  };
  const failed = await queueRuleAnswers({ store, outbox: failing });
  assert.equal(failed.problems.length, 1);
  assert.match(failed.problems[0] ?? '', /disk full/);
  assert.deepEqual(
    answers(database).map((answer) => answer.state),
    ['skipped'],
  );
  assert.deepEqual((await queueRuleAnswers({ store, outbox: failing })).problems, []);
});

test('why a message is not answered keeps its English in the report and is said in the reader’s language', async () => {
  const reasons: readonly AutomaticMailReason[] = [
    'auto-submitted',
    'precedence',
    'mailing-list',
    'null-return-path',
    'mailer-daemon',
    'delivery-report',
    'no-return-address',
  ];
  const german = createTranslator('de').t;
  for (const reason of reasons) {
    const words = notAnsweredWords(7, reason);
    assert.equal(englishMessage(words), `Message 7 is not answered: ${describeAutomaticMail(reason)}.`);
    assert.match(sayWords(german, words), /^Nachricht 7 wird nicht beantwortet: Sie /);
  }

  const { database, store } = await openTestStore();
  addRule(database, {
    name: 'Thanks',
    query: 'subject:hello OR subject:undelivered',
    actions: [{ kind: 'reply', template: 'Thanks.' }],
    stop: false,
    accountId: null,
  });
  const hello = await arrive(store, 'u1', HELLO);
  const bounce = await arrive(store, 'u2', BOUNCE);
  await store.indexPending(inlineParser);
  const report = await filterNewMail(store);
  assert.deepEqual(report.problems, [`Message ${bounce} is not answered: it is a bounce (empty Return-Path).`]);
  assert.deepEqual(
    (report.problemWords ?? []).map((words) => sayWords(german, words)),
    [`Nachricht ${bounce} wird nicht beantwortet: Sie ist eine Unzustellbarkeitsnachricht (leerer Return-Path).`],
  );

  const failing: Pick<Outbox, 'queueClaimed'> = { queueClaimed: () => Promise.reject(new Error('disk full')) };
  const failed = await queueRuleAnswers({ store, outbox: failing });
  assert.deepEqual(failed.problems, [`Rule “Thanks” could not answer message ${hello}: disk full`]);
  assert.deepEqual(
    failed.problemWords.map((words) => sayWords(german, words)),
    [`Die Regel „Thanks“ konnte Nachricht ${hello} nicht beantworten: disk full`],
  );
});

test('an answer to mail of no account is given up, said in the reader’s language', async () => {
  const { database, store } = await openTestStore();
  addRule(database, { name: 'Thanks', query: 'subject:hello', actions: [{ kind: 'reply', template: 'Thanks.' }], stop: false, accountId: null });
  const hello = await arrive(store, 'u1', HELLO);
  await store.indexPending(inlineParser);
  await filterNewMail(store);
  database.prepare('update messages set account_id = null where id = ?').run(hello);
  const { outbox, queued } = recordingOutbox(database);
  const report = await queueRuleAnswers({ store, outbox });
  assert.equal(queued.length, 0);
  assert.deepEqual(report.problems, [`Message ${hello} is not answered: it belongs to no account.`]);
  assert.deepEqual(
    report.problemWords.map((words) => sayWords(createTranslator('de').t, words)),
    [`Nachricht ${hello} wird nicht beantwortet: Sie gehört zu keinem Konto.`],
  );
});

test('an answer the Outbox refuses is given up with the Outbox’s own reason, said whole in German and Arabic', async () => {
  const fixture = await startOutboxFixture();
  try {
    const { database, store, outbox } = fixture;
    addRule(database, {
      name: 'Pass on',
      query: 'subject:report',
      actions: [{ kind: 'forward', template: 'See attached.', to: 'carol@example.org' }],
      stop: false,
      accountId: null,
    });
    const body = Array.from({ length: 30_000 }, (_, line) => `Line ${line} of a long report that makes the original large.`).join('\r\n');
    const report = await arrive(store, 'u1', mail({ subject: 'Report', from: 'Ann Example <ann@example.com>', body }));
    await store.indexPending(inlineParser);
    await filterNewMail(store);
    // The account's server announced SIZE 1000000 in EHLO: the forward with the original attached is larger.
    recordSmtpSizeLimit(database, ACCOUNT_ID, 1_000_000, START_TIME);
    const failed = await queueRuleAnswers({ store, outbox });
    assert.equal(failed.problems.length, 1);
    const english = failed.problems[0] ?? '';
    assert.match(
      english,
      new RegExp(
        `^Rule “Pass on” could not answer message ${report}: The message is \\d+\\.\\d MB, but the outgoing server of this account accepts at most 1\\.0 MB\\.`,
      ),
    );
    assert.equal(answers(database)[0]?.reason, english.slice(english.indexOf(': ') + 2), 'the database keeps the English reason');
    const [words] = failed.problemWords;
    assert.ok(words !== undefined);
    assert.equal(englishMessage(words), english);
    const german = sayWords(createTranslator('de').t, words);
    assert.match(
      german,
      new RegExp(
        `^Die Regel „Pass on“ konnte Nachricht ${report} nicht beantworten: Die Nachricht ist \\d+,\\d MB groß, der Postausgangsserver dieses Kontos nimmt aber höchstens 1,0 MB an\\.`,
      ),
    );
    const arabic = sayWords(createTranslator('ar').t, words);
    assert.match(arabic, /^تعذّر على القاعدة «Pass on» الرد على الرسالة .*: حجم الرسالة .* ميغابايت، لكن خادم البريد الصادر لهذا الحساب يقبل/u);
    for (const said of [german, arabic]) assert.doesNotMatch(said, /\b(?:Rule|could not|message|server|accepts|attachments)\b/, said);
  } finally {
    await fixture.close();
  }
});
