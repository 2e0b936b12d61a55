/**
 * The compose and Outbox operations on a real core: a reply to a hostile received message carries no
 * injected header, queueMessage takes attachments as base64 bytes only and refuses injection, the
 * Outbox can be listed, edited and emptied, and startSendReceive sends the Outbox before it receives.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AccountPolicy } from '../../../shared/accounts';
import { sampleSettings } from '../../fakes/account-settings';
import type { FakePop3Server } from '../../fakes/pop3-server';
import { startFakeSmtpServer, type FakeSmtpServer } from '../../fakes/smtp-server';
import { LOOPBACK } from '../../servers/free-port';
import { crlf, openMailFixture, PASSWORD, startServer, USER, type MailFixture } from './mail-fixture';

const TEST_TIMEOUT_MS = 60_000;

const HOSTILE = crlf([
  'From: Bob <bob@example.net>',
  'Reply-To: "Evil\\r\\nBcc: v@example.com" <list@example.net>',
  'To: Ann <ann@example.com>, carol@example.net',
  'Cc: ANN@example.com, dave@example.net',
  'Subject: Re: AW: =?utf-8?q?Hi=0D=0ABcc:_victim@example.com?=',
  'Message-ID: <orig@example.net>',
  'References: <root@example.net>',
  'Date: Fri, 02 Jan 2026 03:04:05 +0000',
  '',
  'Hello Ann',
]);

describe('compose operations', { timeout: TEST_TIMEOUT_MS }, () => {
  let fixture: MailFixture;
  let pop3: FakePop3Server;
  let smtp: FakeSmtpServer;
  let accountId: string;
  /** POP3 connections made when each SMTP message arrived (unchanged: sent before receiving). */
  const pop3ConnectionsAtData: number[] = [];

  before(async () => {
    pop3 = await startServer([{ uid: 'u1', body: HOSTILE }]);
    smtp = await startFakeSmtpServer({
      auth: { user: USER, password: PASSWORD },
      onData: (connection) => {
        pop3ConnectionsAtData.push(pop3.connections.length);
        connection.reply('250 2.0.0 Ok: queued');
      },
    });
    fixture = await openMailFixture();
    const base = sampleSettings();
    const saved = await fixture.core.accounts.save({
      settings: {
        ...base,
        incoming: { host: LOOPBACK, port: pop3.port, security: 'none', username: USER, auth: 'auto' },
        outgoing: { host: LOOPBACK, port: smtp.port, security: 'none', username: USER, credentials: 'same' },
        policy: { ...(base.policy as AccountPolicy), checkAtStartup: false, includeInSendReceive: true },
        allowInsecure: true,
      },
      pop3Password: PASSWORD,
    });
    accountId = saved.account.id;
    // Messages are sent by Send/Receive here, without an undo delay (compose-undo.test.ts covers it).
    await fixture.core.settings.update({ undoSendSeconds: 0, sendImmediately: false });
  });
  after(async () => {
    await fixture?.dispose();
    await Promise.all([pop3?.close(), smtp?.close()]);
  });

  test('queueMessage refuses injection and non-byte attachments; the Outbox can be edited and emptied', async () => {
    const hostile = await fixture.call('queueMessage', {
      accountId,
      message: { to: [{ address: 'bob@example.net' }], subject: 'Hi\r\nBcc: v@example.com', text: 'x' },
    });
    assert.equal(hostile.ok, false);
    const hostileTo = await fixture.call('queueMessage', {
      accountId,
      message: { to: [{ address: 'bob@example.net>\r\nRCPT TO:<v@example.com' }], subject: 'Hi', text: 'x' },
    });
    assert.equal(hostileTo.ok, false);
    const path = await fixture.call('queueMessage', {
      accountId,
      message: { to: [{ address: 'bob@example.net' }], subject: 'Hi', text: 'x' },
      attachments: [{ fileName: 'a.txt', contentType: 'text/plain', path: '/etc/passwd' }],
    });
    assert.equal(path.ok, false);
    const stranger = await fixture.call('queueMessage', {
      accountId,
      message: { from: { address: 'ceo@example.org' }, to: [{ address: 'bob@example.net' }], subject: 'Hi', text: 'x' },
    });
    assert.equal(stranger.ok, false);
    assert.deepEqual(await fixture.value('listOutbox'), []);

    const since = fixture.events.length;
    const queued = await fixture.value('queueMessage', { accountId, message: { to: [{ address: 'zed@example.net' }], subject: 'Draft', text: 'x' } });
    assert.equal(queued.state, 'queued');
    await fixture.waitFor('outboxChanged', (payload) => payload.accountIds.includes(accountId), since);
    const edited = await fixture.value('editOutboxMessage', {
      id: queued.id,
      message: { to: [{ address: 'zed2@example.net' }], subject: 'Draft 2', text: 'y' },
    });
    assert.deepEqual(
      edited.recipients.map((item) => item.address),
      ['zed2@example.net'],
    );
    assert.deepEqual(await fixture.value('removeOutboxMessage', { id: queued.id }), { removed: queued.id });
    assert.deepEqual(await fixture.value('listOutbox', { accountId }), []);
  });

  test('startSendReceive sends the Outbox first, then receives', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const queued = await fixture.value('queueMessage', {
      accountId,
      message: { to: [{ name: 'Bob', address: 'bob@example.net' }], bcc: [{ address: 'carol@example.net' }], subject: 'Files', text: 'See attached.' },
      attachments: [{ fileName: 'data.bin', contentType: 'application/octet-stream', base64: bytes.toString('base64') }],
    });
    const since = fixture.events.length;
    const before = pop3.connections.length;
    const started = await fixture.value('startSendReceive', { accountId });
    assert.deepEqual(started.started, [accountId]);
    await fixture.waitFor('sendReceiveFinished', (payload) => payload.accountId === accountId, since);
    assert.deepEqual(pop3ConnectionsAtData, [before], 'the message went out before POP3 was contacted');
    assert.ok(pop3.connections.length > before, 'then mail was received');
    const transaction = smtp.transactions.at(-1);
    assert.deepEqual(transaction?.recipients, ['bob@example.net', 'carol@example.net']);
    const data = transaction?.data?.toString('latin1') ?? '';
    assert.doesNotMatch(data, /^bcc:/im);
    assert.ok(data.includes(bytes.toString('base64')), 'the attachment bytes were sent');
    const [sent] = await fixture.value('listOutbox', { accountId });
    assert.equal(sent?.id, queued.id);
    assert.equal(sent?.state, 'sent');
  });

  test('a reply to a hostile received message has only checked headers', async () => {
    const page = await fixture.value('listMessages', { source: { kind: 'unified-inbox' }, offset: 0, limit: 10 });
    const received = page.messages.find((item) => item.accountId === accountId);
    assert.ok(received !== undefined, 'the hostile message was received');
    const draft = await fixture.value('composeReply', { messageId: received.id, mode: 'replyAll' });
    assert.doesNotMatch(draft.subject, /[\r\n]/);
    assert.match(draft.subject, /^Re: (?!Re:|AW:)/);
    assert.deepEqual(
      draft.to.map((item) => item.address),
      ['list@example.net', 'carol@example.net'],
    );
    assert.deepEqual(
      draft.cc.map((item) => item.address),
      ['dave@example.net'],
    );
    assert.equal(draft.inReplyTo, '<orig@example.net>');
    assert.deepEqual(draft.references, ['<root@example.net>', '<orig@example.net>']);
    assert.equal(draft.text.split('-- \nAnn\nExample street 1').length, 2, 'signature once');
    const forward = await fixture.value('composeReply', { messageId: received.id, mode: 'forwardAsAttachment' });
    assert.equal(forward.attachOriginal, received.id);
    // The attribution speaks the window's language (its locale), and the one chosen in Settings over it.
    assert.match(draft.text, /\nOn .+ wrote:\n/);
    const french = await fixture.value('composeReply', { messageId: received.id, mode: 'reply', dateStyle: { locale: 'fr-CA', timeZone: 'UTC' } });
    assert.match(french.text, /\nLe .+ a écrit :\n/);
    await fixture.core.settings.update({ language: 'de' });
    const german = await fixture.value('composeReply', { messageId: received.id, mode: 'reply', dateStyle: { locale: 'fr-CA', timeZone: 'UTC' } });
    assert.match(german.text, /\nAm \d\d\.\d\d\.\d{4}, .+ schrieb .+:\n/);
    await fixture.core.settings.update({ language: null });
    const queued = await fixture.value('queueMessage', {
      accountId,
      message: { to: [{ address: 'zed@example.net' }], subject: forward.subject, text: forward.text },
      attachOriginal: received.id,
    });
    assert.equal(queued.state, 'queued');
    await fixture.value('removeOutboxMessage', { id: queued.id });
  });

  test('composeFromMailto: a hostile link yields a draft without injected fields', async () => {
    const draft = await fixture.value('composeFromMailto', {
      accountId,
      url: 'mailto:bob@example.net?subject=Hi%0D%0ABcc:%20v@example.com&bcc=v@example.com%0D%0AX:%201',
    });
    assert.equal(draft.subject, 'Hi Bcc: v@example.com');
    assert.deepEqual(draft.bcc, []);
    assert.deepEqual(draft.from, { name: 'Ann', address: 'ann@example.com' });
    const bad = await fixture.call('composeFromMailto', { accountId, url: 'javascript:alert(1)' });
    assert.equal(bad.ok, false);
  });

  test('drafts: saved with Bcc and attachments, reopened, replaced, deleted', async () => {
    const bytes = Buffer.from('draft attachment bytes');
    const hostile = await fixture.call('saveDraft', { accountId, message: { subject: 'x\r\nBcc: v@example.com', text: '' } });
    assert.equal(hostile.ok, false);
    const empty = await fixture.value('saveDraft', { accountId, message: { subject: 'No recipients yet', text: 'Dear' } });
    const first = await fixture.value('saveDraft', {
      accountId,
      message: {
        to: [{ name: 'Bob', address: 'bob@example.net' }],
        bcc: [{ address: 'carol@example.net' }],
        subject: 'Plans',
        text: 'Draft one',
        inReplyTo: '<orig@example.net>',
      },
      attachments: [{ fileName: 'notes.txt', contentType: 'text/plain', base64: bytes.toString('base64') }],
    });
    const opened = await fixture.value('openDraft', { id: first.id });
    assert.equal(opened.accountId, accountId);
    assert.deepEqual(opened.to, [{ name: 'Bob', address: 'bob@example.net' }]);
    assert.deepEqual(opened.bcc, [{ address: 'carol@example.net' }]);
    assert.equal(opened.subject, 'Plans');
    assert.match(opened.text, /Draft one/);
    assert.equal(opened.inReplyTo, '<orig@example.net>');
    assert.equal(opened.forwardedAttachments.length, 1);
    const second = await fixture.value('saveDraft', {
      accountId,
      replaces: first.id,
      message: { to: opened.to, bcc: opened.bcc, subject: 'Plans v2', text: 'Draft two' },
      forwardedAttachments: opened.forwardedAttachments.map((item) => ({ messageId: item.messageId, index: item.index })),
    });
    const listed = await fixture.value('listDrafts', { accountId });
    assert.deepEqual(listed.drafts.map((item) => item.id).sort(), [empty.id, second.id].sort(), 'the earlier version is gone');
    const reopened = await fixture.value('openDraft', { id: second.id });
    assert.equal(reopened.subject, 'Plans v2');
    const attachment = await fixture.value('getAttachment', { messageId: second.id, index: 0 });
    assert.equal(Buffer.from(attachment.base64, 'base64').toString(), bytes.toString(), 'attachment carried over byte for byte');
    assert.equal((await fixture.call('openDraft', { id: first.id })).ok, false);
    assert.deepEqual(await fixture.value('deleteDraft', { id: second.id }), { deleted: second.id });
    await fixture.value('deleteDraft', { id: empty.id });
    assert.deepEqual((await fixture.value('listDrafts', { accountId })).drafts, []);
    const page = await fixture.value('listMessages', { source: { kind: 'unified-inbox' }, offset: 0, limit: 10 });
    const inboxMessage = page.messages[0];
    assert.ok(inboxMessage !== undefined);
    assert.equal((await fixture.call('deleteDraft', { id: inboxMessage.id })).ok, false, 'only drafts can be deleted as drafts');
  });
  test('a contact group stays one entry in a saved draft and the Outbox; Send refuses a group deleted since, naming it', async () => {
    const contact = (displayName: string, address: string) => ({ displayName, firstName: '', lastName: '', addresses: [address], phone: '', notes: '' });
    const zoe = await fixture.value('saveContact', { contact: contact('Zoë Ünal', 'zoe@example.net') });
    const team = await fixture.value('saveContactGroup', { name: 'Team · צוות', memberIds: [zoe.id] });
    const board = await fixture.value('saveContactGroup', { name: 'Board', memberIds: [zoe.id] });
    const groups = [
      { field: 'to', groupId: team.id, name: 'Team · צוות' },
      { field: 'bcc', groupId: board.id, name: 'Board' },
    ] as const;
    const hostile = await fixture.call('saveDraft', {
      accountId,
      message: { groups: [{ field: 'to', groupId: team.id, name: 'Team\r\nBcc: v@example.com' }], subject: 'x', text: '' },
    });
    assert.equal(hostile.ok, false, 'a group name cannot add a header line');

    const saved = await fixture.value('saveDraft', {
      accountId,
      message: { to: [{ address: 'bob@example.net' }], groups: [...groups], subject: 'Team plans', text: 'Hi' },
    });
    const raw = Buffer.from((await fixture.value('getRawMessage', { id: saved.id })).base64, 'base64').toString('utf8');
    assert.match(raw, new RegExp(`^X-Mailbag-Group: to ${team.id} Team · צוות\r$`, 'm'));
    const opened = await fixture.value('openDraft', { id: saved.id });
    assert.deepEqual(opened.groups, groups, 'the draft gives the groups back as they were picked');
    assert.deepEqual(opened.to, [{ address: 'bob@example.net' }], 'and not their members');
    assert.deepEqual(opened.bcc, []);

    const queued = await fixture.value('queueMessage', { accountId, message: { groups: [...groups], subject: 'Groups only', text: 'Hi' } });
    assert.deepEqual(queued.groups, groups);
    assert.deepEqual(queued.recipients, []);
    await fixture.value('removeOutboxMessage', { id: queued.id });

    const before = (await fixture.value('listOutbox', undefined)).length;
    await fixture.value('deleteContactGroup', { id: team.id });
    const refused = await fixture.call('queueMessage', {
      accountId,
      message: { to: [{ address: 'bob@example.net' }], groups: [...groups], subject: 'Team plans', text: 'Hi' },
    });
    assert.equal(refused.ok, false);
    if (!refused.ok) {
      assert.equal(refused.error.code, 'GROUP_UNAVAILABLE');
      assert.match(refused.error.message, /“Team · צוות”/);
    }
    assert.equal((await fixture.value('listOutbox', undefined)).length, before, 'nothing was queued');
    assert.equal((await fixture.value('openDraft', { id: saved.id })).subject, 'Team plans', 'the draft is still there');
    await fixture.value('deleteDraft', { id: saved.id });
  });
});
