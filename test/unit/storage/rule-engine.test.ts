/**
 * Message rules against a real store: conditions in the search language, actions in order with "stop",
 * new mail filtered once after it is stored and indexed (also across a crash at either side of the
 * filtering transaction), and a manual run on a folder with its preview.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNT, endWriterProcess, foundIds, inlineParser, mail, openTestStore } from './store-fixture';
import { createFolder, folderIdForRole } from '../../../electron/storage/folders';
import type { MessageStore } from '../../../electron/storage/message-store';
import { filterNewMail, runRuleOnFolder } from '../../../electron/storage/rule-engine';
import { addRule, findRule, listRules, removeRule, setRuleEnabled } from '../../../electron/storage/rules';
import type { SqliteDatabase } from '../../../electron/storage/database';
import type { RuleInput } from '../../../shared/rules';

function rule(name: string, query: string, actions: RuleInput['actions'], stop = false): RuleInput {
  return { name, query, actions, stop, accountId: null };
}

async function arrive(store: MessageStore, uidl: string, source: Buffer): Promise<number> {
  const outcome = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl, state: 'downloaded' } }, source);
  assert.equal(outcome.status, 'stored');
  return outcome.status === 'stored' ? outcome.messageId : 0;
}

function folderOf(database: SqliteDatabase, id: number): number {
  return database.prepare<[number], number>('select folder_id from messages where id = ?').pluck().get(id) ?? -1;
}

function flags(database: SqliteDatabase, id: number): { seen: number; flagged: number } {
  return database.prepare<[number], { seen: number; flagged: number }>('select seen, flagged from messages where id = ?').get(id) ?? { seen: -1, flagged: -1 };
}

const pending = (database: SqliteDatabase): number[] => database.prepare<[], number>('select message_id from rules_pending order by 1').pluck().all();
const ran = (database: SqliteDatabase): number[] => database.prepare<[], number>('select message_id from rules_ran order by 1').pluck().all();

test('rules are saved in order, checked when saved, and removed by name', async () => {
  const { database } = await openTestStore();
  addRule(database, rule('Lists', 'header:list-id:announce', [{ kind: 'move', folder: 'Lists' }]));
  addRule(database, { ...rule('Work', 'from:boss', [{ kind: 'flag' }], true), accountId: ACCOUNT });
  assert.deepEqual(
    listRules(database).map((entry) => [entry.name, entry.position, entry.stop, entry.accountId]),
    [
      ['Lists', 1, false, null],
      ['Work', 2, true, ACCOUNT],
    ],
  );
  assert.throws(() => addRule(database, rule('lists', 'x', [{ kind: 'flag' }])), /already a rule named/);
  assert.throws(() => addRule(database, rule('Bad', 'from:(', [{ kind: 'flag' }])), /mistake/);
  assert.throws(() => addRule(database, rule('Regex', 'header:subject:"/(unclosed/"', [{ kind: 'flag' }])), /not a regular expression/);
  assert.throws(() => addRule(database, rule('Server', 'larger:5M', [{ kind: 'server', mode: 'delete' }])), /needs your confirmation/);
  assert.throws(() => addRule(database, rule('Mixed', 'larger:5M', [{ kind: 'server', mode: 'leave' }, { kind: 'flag' }])), /two rules/);
  addRule(database, { ...rule('Server', 'larger:5M', [{ kind: 'server', mode: 'delete' }]), confirmedServerDelete: true });
  removeRule(database, 'LISTS');
  assert.deepEqual(
    listRules(database).map((entry) => entry.name),
    ['Work', 'Server'],
  );
  assert.throws(() => findRule(database, 'Lists'), /no rule named/);
});

test('new mail is filtered once, after it is stored and indexed: moves, flags, marks read, junk and stop in order', async () => {
  const { database, store } = await openTestStore();
  const lists = createFolder(database, ACCOUNT, 'Lists');
  addRule(database, rule('Announcements', 'header:list-id:announce.example.org', [{ kind: 'mark-read' }, { kind: 'move', folder: 'lists' }]));
  addRule(database, rule('Boss', 'from:boss@example.com', [{ kind: 'flag' }], true));
  addRule(database, rule('Invoices', 'subject:invoice', [{ kind: 'copy', folder: 'Lists' }]));
  addRule(database, rule('Bulk mailer', 'header:x-mailer:bulkblaster', [{ kind: 'junk' }]));
  const announce = await arrive(store, 'u1', mail({ subject: 'Release notes', extraHeaders: ['List-Id: Announcements <announce.example.org>'] }));
  const boss = await arrive(store, 'u2', mail({ subject: 'Invoice for March', from: 'Boss <boss@example.com>' }));
  const invoice = await arrive(store, 'u3', mail({ subject: 'Your invoice', from: 'shop@example.net' }));
  const spam = await arrive(store, 'u4', mail({ subject: 'Win', extraHeaders: ['X-Mailer: BulkBlaster 3'] }));
  const plain = await arrive(store, 'u5', mail({ subject: 'Lunch?' }));
  const flagged = await arrive(store, 'u6', mail({ subject: 'Win again', extraHeaders: ['X-Spam-Flag: YES'] }));
  assert.deepEqual(pending(database), [announce, boss, invoice, spam, plain, flagged]);

  const early = await filterNewMail(store);
  assert.equal(early.messages, 0, 'mail not yet indexed waits: word conditions could not see it');
  assert.deepEqual(pending(database), [announce, boss, invoice, spam, plain, flagged]);

  await store.indexPending(inlineParser);
  const report = await filterNewMail(store);
  assert.equal(report.messages, 6);
  assert.deepEqual(report.junk, [flagged], 'the server said junk: filed in Junk before the rules');
  assert.equal(folderOf(database, flagged), folderIdForRole(database, ACCOUNT, 'junk'));
  assert.deepEqual(report.problems, []);
  const inbox = folderIdForRole(database, ACCOUNT, 'inbox');
  assert.equal(folderOf(database, announce), lists);
  assert.deepEqual(flags(database, announce), { seen: 1, flagged: 0 });
  assert.equal(folderOf(database, boss), inbox);
  assert.deepEqual(flags(database, boss), { seen: 0, flagged: 1 });
  const copies = database
    .prepare<[], { subject: string; folder_id: number }>("select subject, folder_id from messages where subject like '%nvoice%' order by id")
    .all();
  assert.deepEqual(
    copies.map((row) => [row.subject, row.folder_id]),
    [
      ['Invoice for March', inbox],
      ['Your invoice', inbox],
      ['Your invoice', lists],
    ],
    'the boss rule stopped the rules after it; the invoice was copied once',
  );
  assert.equal(folderOf(database, spam), folderIdForRole(database, ACCOUNT, 'junk'));
  assert.deepEqual(foundIds(store, 'is:junk'), [flagged, spam]);
  assert.equal(folderOf(database, plain), inbox);
  assert.deepEqual(pending(database), []);
  assert.deepEqual(ran(database), [announce, boss, invoice, spam, plain, flagged]);
  assert.deepEqual(
    report.applied.map((entry) => [entry.rule, entry.action.kind, entry.messageIds]),
    [
      ['Announcements', 'mark-read', [announce]],
      ['Announcements', 'move', [announce]],
      ['Boss', 'flag', [boss]],
      ['Invoices', 'copy', [invoice]],
      ['Bulk mailer', 'junk', [spam]],
    ],
  );

  const again = await filterNewMail(store);
  assert.equal(again.messages, 0, 'a message is filtered once');
  assert.equal(database.prepare<[], number>("select count(*) from messages where subject = 'Your invoice'").pluck().get(), 2);
});

test('a crash inside the filtering transaction leaves the mail waiting, and the next run does every action once', async () => {
  const { profile, database, store } = await openTestStore();
  createFolder(database, ACCOUNT, 'Receipts');
  addRule(database, rule('Receipts', 'subject:receipt', [{ kind: 'copy', folder: 'Receipts' }, { kind: 'flag' }]));
  const id = await arrive(store, 'u1', mail({ subject: 'Your receipt' }));
  await store.indexPending(inlineParser);
  // The fault: the record that the rules ran cannot be written, after the actions were applied.
  database.exec("create temp trigger crash_before_record before insert on rules_ran begin select raise(abort, 'simulated crash'); end");
  await assert.rejects(filterNewMail(store), /simulated crash/);
  assert.deepEqual(pending(database), [id]);
  assert.deepEqual(ran(database), []);
  assert.deepEqual(flags(database, id), { seen: 0, flagged: 0 }, 'the actions rolled back with the record');
  assert.equal(database.prepare<[], number>("select count(*) from messages where subject = 'Your receipt'").pluck().get(), 1);

  // The process ends here; the next start finds the message still waiting.
  await store.close();
  database.close();
  endWriterProcess(profile);
  const reopened = await openTestStore(profile);
  const report = await filterNewMail(reopened.store);
  assert.equal(report.messages, 1);
  assert.deepEqual(flags(reopened.database, id), { seen: 0, flagged: 1 });
  assert.equal(reopened.database.prepare<[], number>("select count(*) from messages where subject = 'Your receipt'").pluck().get(), 2);
  assert.equal((await filterNewMail(reopened.store)).messages, 0);
  assert.equal(reopened.database.prepare<[], number>("select count(*) from messages where subject = 'Your receipt'").pluck().get(), 2, 'never copied twice');
});

test('mail stored just before a crash is filtered at the next start', async () => {
  const { profile, database, store } = await openTestStore();
  addRule(database, rule('Flag all', 'header:from:ann', [{ kind: 'flag' }]));
  const id = await arrive(store, 'u1', mail({ subject: 'Stored, then the crash' }));
  await store.close();
  database.close();
  endWriterProcess(profile);
  const reopened = await openTestStore(profile);
  await reopened.store.indexPending(inlineParser);
  assert.equal((await filterNewMail(reopened.store)).messages, 1);
  assert.deepEqual(flags(reopened.database, id), { seen: 0, flagged: 1 });
});

test('without rules, new mail is only judged for junk and waits for nothing; an action whose folder is gone is reported and the mail is not held back', async () => {
  const { database, store } = await openTestStore();
  const first = await arrive(store, 'u1', mail({ subject: 'First' }));
  assert.equal((await filterNewMail(store)).messages, 1, 'judged for junk at once, indexed or not');
  assert.deepEqual(pending(database), []);
  addRule(database, rule('Archive', 'subject:second', [{ kind: 'move', folder: 'Archive' }]));
  const second = await arrive(store, 'u2', mail({ subject: 'Second' }));
  await store.indexPending(inlineParser);
  const report = await filterNewMail(store);
  assert.deepEqual(report.problems, ['There is no folder “Archive” to move to.']);
  assert.deepEqual(ran(database), [first, second]);
  assert.equal(folderOf(database, second), folderIdForRole(database, ACCOUNT, 'inbox'));
});

test('a rule runs by hand on a folder, after a preview that changes nothing', async () => {
  const { database, store } = await openTestStore();
  for (const [index, subject] of ['Newsletter 1', 'Newsletter 2', 'Personal'].entries()) {
    await arrive(store, `u${index}`, mail({ subject, extraHeaders: subject.startsWith('News') ? ['Precedence: bulk'] : [] }));
  }
  await store.indexPending(inlineParser);
  addRule(database, rule('Bulk', 'header:precedence:^bulk$', [{ kind: 'delete' }]));
  const inbox = folderIdForRole(database, ACCOUNT, 'inbox');
  const bulk = findRule(database, 'Bulk');
  const preview = await runRuleOnFolder(store, bulk, inbox, { dryRun: true });
  assert.equal(preview.applied[0]?.messageIds.length, 2);
  assert.equal(database.prepare<[number], number>('select count(*) from messages where folder_id = ?').pluck().get(inbox), 3, 'the preview moved nothing');
  await runRuleOnFolder(store, bulk, inbox);
  assert.deepEqual(
    database
      .prepare<[number], string>('select subject from messages where folder_id = ? order by id')
      .pluck()
      .all(folderIdForRole(database, ACCOUNT, 'trash')),
    ['Newsletter 1', 'Newsletter 2'],
  );
});

test('a regular expression that backtracks catastrophically elsewhere runs in linear time on a hostile header', async () => {
  const { database, store } = await openTestStore();
  const hostile = `${'a'.repeat(20_000)}!`;
  const id = await arrive(store, 'u1', mail({ subject: 'Hostile', extraHeaders: [`X-Hostile: ${hostile}`, 'X-Tag: aaab'] }));
  await store.indexPending(inlineParser);
  addRule(database, rule('Nested', 'header:x-hostile:"/^(a+)+$/"', [{ kind: 'flag' }]));
  addRule(database, rule('Tag', 'header:x-tag:"/^(a+)+b$/"', [{ kind: 'mark-read' }]));
  await filterNewMail(store);
  assert.deepEqual(flags(database, id), { seen: 1, flagged: 0 }, 'no match on the hostile header, a match on the tag');
  assert.deepEqual(foundIds(store, 'header:x-tag:"/A+B/"'), [id], 'and the same conditions work as searches');
});

test('a rule that is switched off keeps its place but does not filter new mail', async () => {
  const { database, store } = await openTestStore();
  const off = addRule(database, rule('Flag all', 'subject:hello', [{ kind: 'flag' }]));
  addRule(database, rule('Read all', 'subject:hello', [{ kind: 'mark-read' }]));
  setRuleEnabled(database, off.id, false);
  const id = await arrive(store, 'u1', mail({ subject: 'Hello there' }));
  await store.indexPending(inlineParser);
  const report = await filterNewMail(store);
  assert.deepEqual(
    report.applied.map((entry) => entry.rule),
    ['Read all'],
  );
  assert.deepEqual(flags(database, id), { seen: 1, flagged: 0 });
  assert.deepEqual(
    listRules(database).map((entry) => [entry.name, entry.enabled]),
    [
      ['Flag all', false],
      ['Read all', true],
    ],
  );
});
