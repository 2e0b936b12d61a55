/**
 * Colour tags on stored messages: put on and taken off many at once, listed with each message in menu
 * order, found by `tag:` (one parser for the search box, `mailbag search` and rules), kept by a copy,
 * and put on by a rule as new mail is filtered.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNT, foundIds, inlineParser, mail, openTestStore } from './store-fixture';
import { createFolder } from '../../../electron/storage/folders';
import { copyMessages } from '../../../electron/storage/message-copy';
import { setMessageTag } from '../../../electron/storage/message-tags';
import { filterNewMail } from '../../../electron/storage/rule-engine';
import { addRule } from '../../../electron/storage/rules';
import { parseSearchQuery } from '../../../shared/search-query';

test('tags are put on and taken off, listed in menu order, searched with tag:, and kept by a copy', async () => {
  const { database, store } = await openTestStore();
  const stored = async (uidl: string, subject: string): Promise<number> => {
    const outcome = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl, state: 'downloaded' } }, mail({ subject }));
    return outcome.status === 'stored' ? outcome.messageId : 0;
  };
  const [plan, lunch, offer] = [await stored('u1', 'Plan'), await stored('u2', 'Lunch'), await stored('u3', 'Offer')];
  await store.indexPending(inlineParser);
  assert.equal(setMessageTag(database, [plan, lunch], 'later', true), 2);
  assert.equal(setMessageTag(database, [plan], 'important', true), 1);
  assert.equal(setMessageTag(database, [plan], 'important', true), 0, 'a tag is on a message once');
  assert.deepEqual(store.getMessage(plan).tags, ['important', 'later'], 'menu order, whatever order they were put on');
  assert.deepEqual(store.getMessage(offer).tags, []);
  assert.deepEqual(
    foundIds(store, 'tag:later'),
    [lunch, plan].sort((a, b) => b - a),
  );
  assert.deepEqual(foundIds(store, 'tag:Important'), [plan]);
  assert.deepEqual(foundIds(store, 'tag:later -tag:important'), [lunch]);
  const parsed = parseSearchQuery('tag:urgent');
  assert.equal(parsed.ok, false);
  if (!parsed.ok) assert.match(parsed.error.message, /tag: needs one of important, work, personal, todo, later/);
  assert.deepEqual(parseSearchQuery('tag:"To Do"'), { ok: true, query: { kind: 'tag', tag: 'todo' } });

  const archive = createFolder(database, ACCOUNT, 'Archive');
  const [copy] = await copyMessages(database, store.rawDirectory, [plan], archive);
  assert.ok(copy !== undefined);
  assert.deepEqual(store.getMessage(copy).tags, ['important', 'later']);
  assert.equal(setMessageTag(database, [plan, lunch], 'later', false), 2);
  assert.deepEqual(store.getMessage(plan).tags, ['important']);
  assert.deepEqual(store.getMessage(copy).tags, ['important', 'later'], 'the copy keeps its own tags');
  await store.deleteMessagesPermanently([plan]);
  assert.equal(database.prepare<[number], number>('select count(*) from message_tags where message_id = ?').pluck().get(plan), 0);
});

test('a rule puts a tag on new mail as it is filtered', async () => {
  const { database, store } = await openTestStore();
  addRule(database, { name: 'Work', query: 'subject:invoice', actions: [{ kind: 'tag', tag: 'work' }], stop: false, accountId: null });
  const outcome = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox', pop: { uidl: 'u1', state: 'downloaded' } }, mail({ subject: 'Invoice 7' }));
  assert.equal(outcome.status, 'stored');
  await store.indexPending(inlineParser);
  const report = await filterNewMail(store);
  assert.deepEqual(
    report.applied.map((entry) => [entry.rule, entry.action]),
    [['Work', { kind: 'tag', tag: 'work' }]],
  );
  assert.deepEqual(foundIds(store, 'tag:work').length, 1);
});
