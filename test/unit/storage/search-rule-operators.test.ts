/** The search operators rules need, as searches in a real store: body text, recipients, accounts, ages and header matches. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNT, foundIds, inlineParser, mail, openTestStore } from './store-fixture';
import { storeMissingHeaderSections } from '../../../electron/storage/rule-engine';

test('body:, recipient:, account:, older:/newer: and header: on the list columns find what they say', async () => {
  const { database, store } = await openTestStore();
  database.prepare("insert into accounts (id, name, email, created_at) values ('work', 'Work', 'ann@work.example', 1)").run();
  const add = async (accountId: string, uidl: string, source: Buffer): Promise<number> => {
    const outcome = await store.addMessage({ accountId, folder: 'inbox', pop: { uidl, state: 'downloaded' } }, source);
    return outcome.status === 'stored' ? outcome.messageId : 0;
  };
  const recent = new Date(Date.now() - 2 * 86_400_000).toUTCString();
  const old = await add(ACCOUNT, 'u1', mail({ subject: 'Invoice 2024', body: 'Please pay the amount.', date: 'Mon, 1 Jan 2024 12:00:00 +0000' }));
  const fresh = await add(ACCOUNT, 'u2', mail({ subject: 'Re: amount', body: 'Invoice attached.', date: recent, to: 'Team <team@example.org>' }));
  const cc = await add('work', 'u3', mail({ subject: 'نشرة Weekly', date: recent, extraHeaders: ['Cc: Team <team@example.org>'] }));
  await store.indexPending(inlineParser);

  assert.deepEqual(foundIds(store, 'body:invoice'), [fresh], 'the word in the subject of the other does not count');
  assert.deepEqual(foundIds(store, 'recipient:team@example.org'), [cc, fresh]);
  assert.deepEqual(foundIds(store, 'account:work'), [cc]);
  assert.deepEqual(foundIds(store, 'account:ann@example.com'), [fresh, old]);
  assert.deepEqual(foundIds(store, 'older:30d'), [old]);
  assert.deepEqual(foundIds(store, 'newer:1w -account:Work'), [fresh]);
  assert.deepEqual(foundIds(store, 'header:subject:^re:'), [fresh]);
  assert.deepEqual(foundIds(store, 'header:subject:weekly$'), [cc], 'right-to-left text in the subject does not hide its end');
  assert.deepEqual(foundIds(store, 'header:to:=team@example.org'), [fresh]);
  assert.deepEqual(foundIds(store, 'header:cc:"/^team <team@/"'), [cc]);
  assert.deepEqual(foundIds(store, 'header:from:"=Ann Example"'), [cc, fresh, old]);
  assert.throws(() => foundIds(store, 'header:subject:"/a{1001}/"'), /not a regular expression/);
});

test('a search on any header first reads the header sections of mail stored before, once', async () => {
  const { database, store } = await openTestStore();
  // Imported mail: only mail from the server has its header section kept as it arrives.
  const add = async (source: Buffer): Promise<number> => {
    const outcome = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox' }, source);
    return outcome.status === 'stored' ? outcome.messageId : 0;
  };
  const listed = await add(mail({ subject: 'From the list', extraHeaders: ['List-Id: Garden club', ' <garden.example.org>'] }));
  await add(mail({ subject: 'Not from the list' }));
  await storeMissingHeaderSections(store, 'subject:list');
  assert.equal(database.prepare('select count(*) from message_headers').pluck().get(), 0, 'no header condition: nothing read');
  await storeMissingHeaderSections(store, 'header:list-id:garden.example.org');
  assert.equal(database.prepare('select count(*) from message_headers').pluck().get(), 2);
  assert.deepEqual(foundIds(store, 'header:list-id:"club <garden"'), [listed], 'a folded header is read unfolded');
});
