/**
 * The message rules run on new mail through the real core: after a Send/Receive stored and indexed it
 * (before the window hears that the run finished), and at the app's start for mail that arrived just
 * before a crash.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { createFolder, folderIdForRole } from '../../../electron/storage/folders';
import { addRule } from '../../../electron/storage/rules';
import type { FakePop3Server } from '../../fakes/pop3-server';
import { memoryKeychain } from '../../fakes/memory-keychain';
import { crlf, openMailFixture, startServer, EVENT_TIMEOUT_MS, type MailFixture } from './mail-fixture';

const servers: FakePop3Server[] = [];
let fixture: MailFixture;

before(async () => {
  fixture = await openMailFixture();
});

after(async () => {
  await fixture.dispose();
  for (const server of servers) await server.close();
});

function message(subject: string, extra: readonly string[] = []): Buffer {
  return crlf([
    'From: Dan <dan@example.org>',
    'To: ann@example.com',
    `Subject: ${subject}`,
    `Message-ID: <${subject.replace(/\W/g, '')}@example>`,
    ...extra,
    '',
    `About ${subject}.`,
  ]);
}

function folderOfSubject(fixtureCore: MailFixture['core'], subject: string): number | undefined {
  return fixtureCore.database.prepare<[string], number>('select folder_id from messages where subject = ?').pluck().get(subject);
}

test('new mail is filtered before the run is announced as finished', async () => {
  const maildrop = await startServer([
    { uid: 'a1', body: message('Weekly digest', ['List-Id: <digest.example.org>']) },
    { uid: 'a2', body: message('Dinner plans') },
  ]);
  servers.push(maildrop);
  const accountId = await fixture.addAccount(maildrop, { leaveOnServer: { mode: 'forever' } });
  const digests = createFolder(fixture.core.database, accountId, 'Digests');
  addRule(fixture.core.database, {
    name: 'Digests',
    query: 'header:list-id:digest.example.org',
    actions: [{ kind: 'move', folder: 'Digests' }],
    stop: false,
    accountId,
  });
  const since = fixture.events.length;
  await fixture.value('startSendReceive', { accountId });
  const finished = await fixture.waitFor('sendReceiveFinished', (event) => event.accountId === accountId, since);
  assert.equal(finished.newMessages, 2);
  assert.equal(folderOfSubject(fixture.core, 'Weekly digest'), digests);
  assert.equal(folderOfSubject(fixture.core, 'Dinner plans'), folderIdForRole(fixture.core.database, accountId, 'inbox'));
  assert.equal(fixture.core.database.prepare('select count(*) from rules_ran').pluck().get(), 2);
});

test('mail stored just before the app stopped is filtered when it starts again', async () => {
  const keychain = memoryKeychain();
  const setup = await openMailFixture({ keychain, keepProfile: true });
  const maildrop = await startServer([]);
  servers.push(maildrop);
  const accountId = await setup.addAccount(maildrop, { leaveOnServer: { mode: 'forever' } });
  addRule(setup.core.database, { name: 'Flag Dan', query: 'from:dan@example.org', actions: [{ kind: 'flag' }], stop: false, accountId: null });
  const stored = await setup.core.store.addMessage({ accountId, folder: 'inbox', pop: { uidl: 'late', state: 'downloaded' } }, message('Late arrival'));
  assert.ok(stored.status === 'stored');
  await setup.dispose();
  const reopened = await openMailFixture({ profileDir: setup.core.profileDir, keychain });
  try {
    const flagged = (): number | undefined =>
      reopened.core.database.prepare<[number], number>('select flagged from messages where id = ?').pluck().get(stored.messageId);
    assert.equal(flagged(), 0);
    reopened.core.startScheduler();
    const deadline = Date.now() + EVENT_TIMEOUT_MS;
    while (flagged() !== 1) {
      assert.ok(Date.now() < deadline, `not filtered within ${EVENT_TIMEOUT_MS} ms`);
      await delay(20);
    }
  } finally {
    await reopened.dispose();
  }
});
