/**
 * The conversation operations through a real core: mail received from the fake POP3 server threaded
 * into conversations across Inbox and Sent (the folders chosen in Settings), one conversation for the
 * reader, and every input checked before a handler runs.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FakePop3Server } from '../../fakes/pop3-server';
import { crlf, openMailFixture, startServer, type MailFixture } from './mail-fixture';

function message(subject: string, id: string, day: number, references: string[] = []): Buffer {
  return crlf([
    'From: Bob <bob@example.org>',
    'To: ann@example.com',
    `Subject: ${subject}`,
    `Date: ${day} Mar 2026 10:00:00 +0000`,
    `Message-ID: <${id}@example.org>`,
    ...(references.length > 0 ? [`References: ${references.map((reference) => `<${reference}@example.org>`).join(' ')}`] : []),
    '',
    `Text of ${subject}.`,
  ]);
}

let fixture: MailFixture;
let server: FakePop3Server;
let accountId: string;

before(async () => {
  server = await startServer([
    { uid: 'a', body: message('Plan', 'plan', 2) },
    { uid: 'b', body: message('Re: Plan', 'reply', 3, ['plan']) },
    { uid: 'c', body: message('Re: Plan', 'again', 4, ['plan', 'reply']) },
    { uid: 'd', body: message('Other', 'other', 1) },
  ]);
  fixture = await openMailFixture();
  accountId = await fixture.addAccount(server, { leaveOnServer: { mode: 'forever' } });
  const since = fixture.events.length;
  await fixture.value('startSendReceive', { accountId });
  await fixture.waitFor('sendReceiveFinished', (event) => event.accountId === accountId, since);
});

after(async () => {
  await fixture.dispose();
  await server.close();
});

async function folderId(role: string): Promise<number> {
  const tree = await fixture.value('listFolders', { accountId });
  const folder = tree.accounts[0]?.folders.find((entry) => entry.role === role);
  assert.ok(folder, `no ${role} folder`);
  return folder.id;
}

test('the Inbox lists conversations newest first, with message and unread counts', async () => {
  const page = await fixture.value('listConversations', { source: { kind: 'folder', folderId: await folderId('inbox') } });
  assert.equal(page.total, 2);
  assert.deepEqual(
    page.conversations.map((conversation) => [conversation.root.subject, conversation.messageCount, conversation.unreadCount]),
    [
      ['Plan', 3, 3],
      ['Other', 1, 1],
    ],
  );
  assert.deepEqual(page.conversations[0]?.participants, [{ name: 'Bob', address: 'bob@example.org' }]);
});

test('a reply moved to Sent stays in the conversation while Sent is chosen, and leaves it when it is not', async () => {
  const inbox = await folderId('inbox');
  const first = await fixture.value('listConversations', { source: { kind: 'unified-inbox' } });
  const plan = first.conversations.find((conversation) => conversation.root.subject === 'Plan');
  assert.ok(plan);
  const whole = await fixture.value('getConversation', { messageId: plan.root.id });
  assert.deepEqual(
    whole.lines.map((line) => line.depth),
    [0, 1, 2],
  );
  const reply = whole.lines[1]?.message;
  assert.ok(reply);
  await fixture.value('moveMessages', { ids: [reply.id], folderId: await folderId('sent') });
  const spanning = await fixture.value('getConversation', { messageId: plan.root.id });
  assert.deepEqual(
    spanning.lines.map((line) => line.message?.id),
    whole.lines.map((line) => line.message?.id),
  );
  await fixture.value('updateSettings', { conversationFolders: ['inbox'] });
  const inboxOnly = await fixture.value('getConversation', { messageId: plan.root.id });
  assert.equal(inboxOnly.lines.length, 2);
  const listed = await fixture.value('listConversations', { source: { kind: 'folder', folderId: inbox } });
  assert.equal(listed.conversations[0]?.messageCount, 2);
  await fixture.value('updateSettings', { conversationFolders: ['inbox', 'sent'] });
});

test('inputs are checked in main: a bad source, id, page or folder choice is VALIDATION', async () => {
  for (const [name, input] of [
    ['listConversations', { source: { kind: 'everything' } }],
    ['listConversations', { source: { kind: 'unified-inbox' }, limit: 501 }],
    ['listConversations', { source: { kind: 'unified-inbox' }, extra: 1 }],
    ['getConversation', { messageId: -1 }],
    ['getConversation', { messageId: '1' }],
    ['updateSettings', { conversationFolders: [] }],
    ['updateSettings', { conversationFolders: ['inbox', 'inbox'] }],
    ['updateSettings', { conversationFolders: ['archive'] }],
    ['updateSettings', { conversations: 'yes' }],
  ] as const) {
    const result = await fixture.call(name, input);
    assert.equal(result.ok ? 'ok' : result.error.code, 'VALIDATION', `${name} ${JSON.stringify(input)}`);
  }
  const missing = await fixture.call('getConversation', { messageId: 999_999 });
  assert.equal(missing.ok ? 'ok' : missing.error.code, 'NOT_FOUND');
});
