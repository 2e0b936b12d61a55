/**
 * The junk filter in a real store: trained by the user's verdicts (a changed verdict takes the earlier
 * training back), judging new mail by the server's headers and the learnt score, never junk for people
 * the user wrote to, and never touching the server's copy.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNT, mail, openTestStore } from './store-fixture';
import { folderIdForRole } from '../../../electron/storage/folders';
import { judgeJunk, serverSaysJunk } from '../../../electron/storage/junk-filter';
import { addContact, recordSentTo } from '../../../electron/storage/contacts';
import type { MessageStore } from '../../../electron/storage/message-store';
import { filterNewMail } from '../../../electron/storage/rule-engine';
import type { SqliteDatabase } from '../../../electron/storage/database';
import { junkCorpus, type LabelledMessage } from '../../support/junk-corpus';

async function arrive(store: MessageStore, uidl: string, source: Buffer, folder: 'inbox' | 'sent' = 'inbox'): Promise<number> {
  const outcome = await store.addMessage({ accountId: ACCOUNT, folder, pop: { uidl, state: 'downloaded' } }, source);
  assert.equal(outcome.status, 'stored');
  return outcome.status === 'stored' ? outcome.messageId : 0;
}

function totals(database: SqliteDatabase): { junk_messages: number; ham_messages: number } | undefined {
  return database.prepare<[], { junk_messages: number; ham_messages: number }>('select junk_messages, ham_messages from junk_training').get();
}

function placeOf(database: SqliteDatabase, id: number): { folder: number; verdict: string | null; source: string | null; state: string | null } {
  return (
    database
      .prepare<[number], { folder: number; verdict: string | null; source: string | null; state: string | null }>(
        `select m.folder_id as folder, j.verdict, j.source, p.state from messages m left join message_junk j on j.message_id = m.id
           left join pop_journal p on p.message_id = m.id where m.id = ?`,
      )
      .get(id) ?? { folder: -1, verdict: null, source: null, state: null }
  );
}

test('marking trains the filter and files the mail; marking again the other way takes the first training back', async () => {
  const { database, store } = await openTestStore();
  const id = await arrive(store, 'u1', mail({ subject: 'Cheap pills', body: 'Cheap pills delivered tonight' }));
  await filterNewMail(store);
  assert.deepEqual(await judgeJunk(store, [id], 'junk'), { marked: 1, moved: 1 });
  assert.deepEqual(totals(database), { junk_messages: 1, ham_messages: 0 });
  assert.equal(database.prepare("select junk from junk_tokens where token = 'pills'").pluck().get(), 1);
  assert.deepEqual(await judgeJunk(store, [id], 'junk'), { marked: 1, moved: 0 }, 'marking twice counts once');
  assert.deepEqual(totals(database), { junk_messages: 1, ham_messages: 0 });
  assert.deepEqual(await judgeJunk(store, [id], 'ham'), { marked: 1, moved: 1 });
  assert.deepEqual(totals(database), { junk_messages: 0, ham_messages: 1 });
  assert.deepEqual(database.prepare<[], { junk: number; ham: number }>("select junk, ham from junk_tokens where token = 'pills'").get(), { junk: 0, ham: 1 });
  assert.deepEqual(placeOf(database, id), { folder: folderIdForRole(database, ACCOUNT, 'inbox'), verdict: 'ham', source: 'user', state: 'downloaded' });
  await assert.rejects(judgeJunk(store, [id, 999_999], 'junk'), /no message 999999/);
});

test('new mail: the server’s verdict is trusted, a trained filter scores the rest, and people written to are never junk', async () => {
  const { database, store } = await openTestStore();
  await arrive(store, 's1', mail({ subject: 'Plans', from: 'Ann <ann@example.com>', to: 'Carol <carol@friends.example>' }), 'sent');
  const corpus = junkCorpus(7, 61);
  // Clear cases (not disguised, of some length): this is about the store's path, not the filter's quality.
  const clear = (message: LabelledMessage): boolean =>
    message.document.text.split(' ').length >= 40 && !(message.document.headers ?? []).some((header) => header.name === 'list-unsubscribe');
  const spamLike = corpus.find((message) => message.junk && clear(message));
  const hamLike = corpus.find((message) => !message.junk && clear(message));
  assert.ok(spamLike !== undefined && hamLike !== undefined);
  const trainingIds: Array<{ id: number; junk: boolean }> = [];
  for (const [index, message] of corpus.filter((entry) => entry !== spamLike && entry !== hamLike).entries()) {
    const source = mail({ subject: message.document.subject, from: message.document.from, body: message.document.text, messageId: `<t${index}@corpus>` });
    trainingIds.push({ id: await arrive(store, `t${index}`, source), junk: message.junk });
  }
  await filterNewMail(store);
  await judgeJunk(
    store,
    trainingIds.filter((entry) => entry.junk).map((entry) => entry.id),
    'junk',
  );
  await judgeJunk(
    store,
    trainingIds.filter((entry) => !entry.junk).map((entry) => entry.id),
    'ham',
  );
  assert.deepEqual(totals(database), { junk_messages: 60, ham_messages: 60 });

  const learnt = await arrive(
    store,
    'n1',
    mail({ subject: spamLike.document.subject, from: spamLike.document.from, body: spamLike.document.text, messageId: '<n1@x>' }),
  );
  const good = await arrive(
    store,
    'n2',
    mail({ subject: hamLike.document.subject, from: hamLike.document.from, body: hamLike.document.text, messageId: '<n2@x>' }),
  );
  const flagged = await arrive(store, 'n3', mail({ subject: 'Hello', extraHeaders: ['X-Spam-Status: Yes, score=9.1 required=5.0'] }));
  const dmarc = await arrive(
    store,
    'n4',
    mail({ subject: 'Your bank', extraHeaders: ['Authentication-Results: mx.example.com;', ' dmarc=fail (p=reject) header.from=bank.example'] }),
  );
  const friend = await arrive(store, 'n5', mail({ subject: 'Re: Plans', from: 'Carol <Carol@friends.example>', extraHeaders: ['X-Spam-Flag: YES'] }));
  const passed = await arrive(store, 'n6', mail({ subject: 'Fine', extraHeaders: ['X-Spam-Status: No, score=0.1', 'Authentication-Results: mx; dmarc=pass'] }));

  const report = await filterNewMail(store);
  assert.deepEqual(
    report.junk,
    [learnt, flagged, dmarc].sort((a, b) => a - b),
  );
  const junkFolder = folderIdForRole(database, ACCOUNT, 'junk');
  const inbox = folderIdForRole(database, ACCOUNT, 'inbox');
  assert.deepEqual(
    placeOf(database, learnt),
    { folder: junkFolder, verdict: 'junk', source: 'filter', state: 'downloaded' },
    'a junk guess never touches the server',
  );
  assert.deepEqual(placeOf(database, flagged), { folder: junkFolder, verdict: 'junk', source: 'server', state: 'downloaded' });
  assert.equal(placeOf(database, dmarc).source, 'server');
  assert.deepEqual(placeOf(database, friend).folder, inbox, 'someone the user wrote to is never junk');
  assert.equal(placeOf(database, passed).folder, inbox);
  assert.deepEqual(placeOf(database, good), { folder: inbox, verdict: 'ham', source: 'filter', state: 'downloaded' });
  const scores = database
    .prepare<[number, number], number>('select score from message_junk where message_id in (?, ?) order by message_id')
    .pluck()
    .all(learnt, good);
  assert.ok((scores[0] ?? 0) >= 0.9 && (scores[1] ?? 1) < 0.5, `scores ${scores.join(', ')}`);
});

test('a sender in the address book (a contact or a collected address) is never junk, whatever the server says', async () => {
  const { database, store } = await openTestStore();
  addContact(database, { displayName: 'שרה כהן', firstName: '', lastName: '', addresses: ['sara@friends.example'], phone: '', notes: '' });
  recordSentTo(database, [{ address: 'Bob@Collected.example', name: 'Bob' }], { collect: true });
  const contact = await arrive(store, 'c1', mail({ subject: 'שלום', from: 'Sara <SARA@friends.example>', extraHeaders: ['X-Spam-Flag: YES'] }));
  const collected = await arrive(store, 'c2', mail({ subject: 'Lunch', from: 'Bob <bob@collected.example>', extraHeaders: ['X-Spam-Status: Yes, score=7'] }));
  const stranger = await arrive(store, 'c3', mail({ subject: 'Prize', from: 'Win <win@prize.example>', extraHeaders: ['X-Spam-Flag: YES'] }));
  const report = await filterNewMail(store);
  assert.deepEqual(report.junk, [stranger]);
  const inbox = folderIdForRole(database, ACCOUNT, 'inbox');
  assert.equal(placeOf(database, contact).folder, inbox);
  assert.equal(placeOf(database, collected).folder, inbox);
});

test('the server’s verdict is read from its own fields only, in any case of their names, folded or not', () => {
  const junk = [
    'From: a@example.com\r\nX-Spam-Flag: YES\r\n',
    'From: a@example.com\r\nx-spam-FLAG:yes\r\n',
    'X-SPAM-STATUS: Yes, score=9.1\r\n\trequired=5.0\r\nSubject: Offer\r\n',
    'Authentication-Results: mx.example.net;\r\n spf=pass;\r\n dmarc=fail (p=reject)\r\n',
  ];
  const clean = [
    'From: a@example.com\r\nSubject: Plain mail\r\n',
    'X-Spam-Flag: NO\r\nX-Spam-Status: No, score=0.1\r\n',
    'Subject: about X-Spam-Flag: YES and dmarc=fail\r\nFrom: b@example.com\r\n',
    'Authentication-Results: mx.example.net; dmarc=pass\r\nComments: X-Spam-Status: Yes\r\n',
    '',
  ];
  for (const headers of junk) assert.equal(serverSaysJunk(headers), true, headers);
  for (const headers of clean) assert.equal(serverSaysJunk(headers), false, headers);
});
