/**
 * The mail operations end to end through a real core: Send/Receive from the fake POP3 server with
 * progress and summary events, the new messages listed with their subjects once indexed, the reader's
 * view of one message (real sender address, Reply-To, text, HTML, attachments), flags, moves, deletion
 * to Trash and emptying it — and, for an account that keeps mail on the server until it is deleted
 * here, the next Send/Receive deleting exactly the emptied messages on the server.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { listServerDeletions } from '../../../electron/storage/pop-journal';
import type { FakePop3Server } from '../../fakes/pop3-server';
import { crlf, openMailFixture, startServer, type MailFixture } from './mail-fixture';

const PDF_BYTES = Buffer.from('%PDF-1.4 pretend report with bytes \x00\x01\x02\xff', 'latin1');
const IMAGE_BYTES = Buffer.from('GIF89a-pretend-image', 'latin1');

const PHISH = crlf([
  'From: "Your Bank" <collect@phish.example>',
  'Sender: bulk@mailer.example',
  'Reply-To: Answers <answers@elsewhere.example>',
  'To: ann@example.com',
  'Subject: Quarterly statement',
  'Date: Mon, 02 Mar 2026 10:00:00 +0000',
  'Message-ID: <phish@example>',
  '',
  'Please confirm your details.',
]);

const RICH = crlf([
  'From: Bob <bob@example.org>',
  'To: ann@example.com',
  'Subject: Holiday pictures',
  'Date: Tue, 03 Mar 2026 10:00:00 +0000',
  'Message-ID: <rich@example>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="outer"',
  '',
  '--outer',
  'Content-Type: multipart/related; boundary="rel"',
  '',
  '--rel',
  'Content-Type: multipart/alternative; boundary="alt"',
  '',
  '--alt',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Look at the beach.',
  '--alt',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>Look at the <b>beach</b> <img src="cid:beach@example"><script>alert(1)</script></p>',
  '--alt--',
  '--rel',
  'Content-Type: image/gif',
  'Content-ID: <beach@example>',
  'Content-Disposition: inline',
  'Content-Transfer-Encoding: base64',
  '',
  IMAGE_BYTES.toString('base64'),
  '--rel--',
  '--outer',
  'Content-Type: application/pdf; name="report.pdf"',
  'Content-Disposition: attachment; filename="report.pdf"',
  'Content-Transfer-Encoding: base64',
  '',
  PDF_BYTES.toString('base64'),
  '--outer--',
]);

const PLAIN = crlf([
  'From: Carol <carol@example.net>',
  'To: ann@example.com',
  'Subject: Lunch tomorrow',
  'Date: Wed, 04 Mar 2026 10:00:00 +0000',
  'Message-ID: <plain@example>',
  '',
  'Noon at the usual place?',
]);

let fixture: MailFixture;
let server: FakePop3Server;
let accountId: string;

before(async () => {
  fixture = await openMailFixture();
  server = await startServer([
    { uid: 'uid-phish', body: PHISH },
    { uid: 'uid-rich', body: RICH },
    { uid: 'uid-plain', body: PLAIN },
  ]);
  accountId = await fixture.addAccount(server, { leaveOnServer: { mode: 'until-deleted' } });
});

after(async () => {
  await fixture.dispose();
  await server.close();
});

/** Runs Send/Receive for the account and returns its summary event. */
async function sendReceive() {
  const since = fixture.events.length;
  const started = await fixture.value('startSendReceive', { accountId });
  assert.deepEqual(started, { started: [accountId], notStarted: [] });
  return fixture.waitFor('sendReceiveFinished', (event) => event.accountId === accountId, since);
}

async function inboxSubjects(order?: 'newest-first' | 'oldest-first'): Promise<Array<string | null>> {
  const page = await fixture.value('listMessages', { source: { kind: 'unified-inbox' }, ...(order === undefined ? {} : { order }) });
  return page.messages.map((message) => message.subject);
}

async function idOf(subject: string): Promise<number> {
  const results = await fixture.value('searchMessages', { text: `"${subject}"` });
  assert.ok(results.kind === 'results', JSON.stringify(results));
  const found = results.messages.find((message) => message.subject === subject);
  assert.ok(found, `no message “${subject}”`);
  return found.id;
}

async function folderOf(role: string) {
  const tree = await fixture.value('listFolders', { accountId });
  const folder = tree.accounts[0]?.folders.find((entry) => entry.role === role);
  assert.ok(folder, `no ${role} folder`);
  return folder;
}

test('Send/Receive reports progress and a summary, announces new mail, and the list shows subjects', async () => {
  const since = fixture.events.length;
  const finished = await sendReceive();
  assert.equal(finished.status, 'completed');
  assert.equal(finished.newMessages, 3);
  assert.deepEqual(finished.errors, []);
  assert.equal(finished.busy, null);
  const progress = fixture.events.slice(since).filter((event) => event.name === 'sendReceiveProgress');
  assert.ok(progress.length > 0, 'no progress events');
  const last = progress.at(-1)?.payload as { accountId: string; messagesTotal: number; bytesTotal: number };
  assert.equal(last.accountId, accountId);
  assert.equal(last.messagesTotal, 3);
  assert.equal(last.bytesTotal, PHISH.length + RICH.length + PLAIN.length);
  assert.deepEqual(await fixture.waitFor('newMail', undefined, since), { accountId, count: 3 });
  const changed = await fixture.waitFor('mailChanged', undefined, since);
  assert.deepEqual(changed.accountIds, [accountId]);

  assert.deepEqual(await inboxSubjects(), ['Lunch tomorrow', 'Holiday pictures', 'Quarterly statement']);
  assert.deepEqual(await inboxSubjects('oldest-first'), ['Quarterly statement', 'Holiday pictures', 'Lunch tomorrow']);
  const tree = await fixture.value('listFolders');
  assert.deepEqual(tree.unifiedInbox, { total: 3, unread: 3 });
  assert.deepEqual(
    tree.accounts[0]?.folders.map((folder) => folder.role),
    ['inbox', 'drafts', 'outbox', 'sent', 'trash', 'junk'],
  );
  const windowed = await fixture.value('listMessages', { source: { kind: 'folder', folderId: (await folderOf('inbox')).id }, offset: 1, limit: 1 });
  assert.equal(windowed.total, 3);
  assert.deepEqual(
    windowed.messages.map((message) => message.subject),
    ['Holiday pictures'],
  );
  const bySubject = await fixture.value('listMessages', { source: { kind: 'unified-inbox' }, sort: 'subject', direction: 'desc' });
  assert.deepEqual(
    bySubject.messages.map((message) => message.subject),
    ['Quarterly statement', 'Lunch tomorrow', 'Holiday pictures'],
  );
  const bySize = await fixture.value('listMessages', { source: { kind: 'unified-inbox' }, sort: 'size', direction: 'asc' });
  const sizes = bySize.messages.map((message) => message.size);
  assert.deepEqual(
    sizes,
    [...sizes].sort((left, right) => left - right),
  );
  assert.deepEqual(new Set(sizes).size, 3);
});

test('getMessage shows the real sender address, Reply-To and Sender apart from the display name', async () => {
  const message = await fixture.value('getMessage', { id: await idOf('Quarterly statement') });
  assert.deepEqual(message.from, { name: 'Your Bank', address: 'collect@phish.example' });
  assert.deepEqual(message.sender, { name: '', address: 'bulk@mailer.example' });
  assert.deepEqual(message.replyTo, [{ name: 'Answers', address: 'answers@elsewhere.example' }]);
  assert.match(message.text, /Please confirm your details\./);
  assert.equal(message.html, null);
  assert.equal(message.partial, false);
  assert.deepEqual(message.attachments, []);
});

test('getMessage returns text, HTML as data, attachments and cid parts; getAttachment returns the bytes', async () => {
  const id = await idOf('Holiday pictures');
  const message = await fixture.value('getMessage', { id });
  assert.match(message.text, /Look at the beach\./);
  assert.ok(message.html?.includes('<script>alert(1)</script>'), 'HTML is returned as data, untouched, for the renderer to sanitize');
  assert.ok(message.html?.includes('cid:beach@example'));
  assert.deepEqual(message.cidParts, ['beach@example']);
  const pdf = message.attachments.find((attachment) => attachment.fileName === 'report.pdf');
  assert.ok(pdf, JSON.stringify(message.attachments));
  assert.equal(pdf.contentType, 'application/pdf');
  assert.equal(pdf.size, PDF_BYTES.length);
  const image = message.attachments.find((attachment) => attachment.contentId !== null);
  assert.equal(image?.inline, true);

  const saved = await fixture.value('getAttachment', { messageId: id, index: pdf.index });
  assert.equal(saved.fileName, 'report.pdf');
  assert.equal(saved.contentType, 'application/pdf');
  assert.deepEqual(Buffer.from(saved.base64, 'base64'), PDF_BYTES);
  const missing = await fixture.call('getAttachment', { messageId: id, index: 99 });
  assert.equal(missing.ok ? 'ok' : missing.error.code, 'NOT_FOUND');
});

test('getRawMessage returns the stored bytes exactly as the server sent them, for View source and Save as .eml', async () => {
  const id = await idOf('Holiday pictures');
  const raw = await fixture.value('getRawMessage', { id });
  const bytes = Buffer.from(raw.base64, 'base64');
  assert.equal(raw.size, bytes.byteLength);
  assert.ok(bytes.equals(RICH), 'byte for byte');
  const missing = await fixture.call('getRawMessage', { id: 999_999 });
  assert.equal(missing.ok ? 'ok' : missing.error.code, 'NOT_FOUND');
});

test('flags change counts and filters, and are announced', async () => {
  const id = await idOf('Lunch tomorrow');
  const since = fixture.events.length;
  assert.deepEqual(await fixture.value('setMessageFlags', { ids: [id], seen: true, flagged: true }), { changed: 1 });
  const changed = await fixture.waitFor('mailChanged', undefined, since);
  assert.deepEqual(changed.messageIds, [id]);
  assert.deepEqual((await fixture.value('listFolders')).unifiedInbox, { total: 3, unread: 2 });
  const flagged = await fixture.value('listMessages', { source: { kind: 'unified-inbox' }, filter: 'flagged' });
  assert.deepEqual(
    flagged.messages.map((message) => message.subject),
    ['Lunch tomorrow'],
  );
  const unread = await fixture.value('listMessages', { source: { kind: 'unified-inbox' }, filter: 'unread' });
  assert.equal(unread.total, 2);
  await fixture.value('setMessageFlags', { ids: [id], seen: false });
  assert.deepEqual((await fixture.value('listFolders')).unifiedInbox, { total: 3, unread: 3 });
});

test('moveMessages moves within the account; other folders are refused', async () => {
  const id = await idOf('Lunch tomorrow');
  const junk = await folderOf('junk');
  assert.deepEqual(await fixture.value('moveMessages', { ids: [id], folderId: junk.id }), { moved: 1 });
  assert.equal((await folderOf('junk')).total, 1);
  const inbox = await folderOf('inbox');
  await fixture.value('moveMessages', { ids: [id], folderId: inbox.id });
  assert.equal((await folderOf('inbox')).total, 3);
  const nowhere = await fixture.call('moveMessages', { ids: [id], folderId: 99_999 });
  assert.equal(nowhere.ok ? 'ok' : nowhere.error.code, 'VALIDATION');
});

test('delete moves to Trash, delete in Trash and Empty Trash remove for good, and the server follows', async () => {
  const phish = await idOf('Quarterly statement');
  const rich = await idOf('Holiday pictures');
  assert.deepEqual(await fixture.value('deleteMessages', { ids: [phish, rich] }), { movedToTrash: 2, deletedPermanently: 0 });
  assert.equal((await folderOf('trash')).total, 2);
  assert.deepEqual(await inboxSubjects(), ['Lunch tomorrow']);
  assert.deepEqual(await fixture.value('deleteMessages', { ids: [phish] }), { movedToTrash: 0, deletedPermanently: 1 });
  const gone = await fixture.call('getMessage', { id: phish });
  assert.equal(gone.ok ? 'ok' : gone.error.code, 'NOT_FOUND');
  assert.deepEqual(await fixture.value('emptyTrash', { accountId }), { deleted: 1 });
  assert.equal((await folderOf('trash')).total, 0);
  // Nothing has touched the server yet: deletion there happens in the next Send/Receive.
  assert.equal(server.messages.length, 3);

  const finished = await sendReceive();
  assert.equal(finished.status, 'completed');
  assert.equal(finished.newMessages, 0, 'nothing is downloaded again');
  assert.deepEqual(finished.deletedOnServer, { 'delete-after-download': 0, 'keep-days-expired': 0, 'deleted-locally': 2 });
  assert.deepEqual(
    server.messages.map((message) => message.uid),
    ['uid-plain'],
  );
  const audit = listServerDeletions(fixture.core.database, accountId);
  assert.deepEqual(audit.map((record) => [record.uidl, record.reason]).sort(), [
    ['uid-phish', 'deleted-locally'],
    ['uid-rich', 'deleted-locally'],
  ]);
  const again = await sendReceive();
  assert.deepEqual(again.deletedOnServer, { 'delete-after-download': 0, 'keep-days-expired': 0, 'deleted-locally': 0 });
  assert.deepEqual(await inboxSubjects(), ['Lunch tomorrow']);
});

test('search takes the search language, answers with the total, and returns a mistake as data with where it is', async () => {
  const found = await fixture.value('searchMessages', { text: 'subject:"Lunch tomorrow" OR (subject:lunch -is:flagged)', sort: 'relevance', limit: 1 });
  assert.ok(found.kind === 'results', JSON.stringify(found));
  assert.equal(found.total, 1);
  assert.equal(found.messages[0]?.subject, 'Lunch tomorrow');
  const none = await fixture.value('searchMessages', { text: '-subject:"Lunch tomorrow" subject:lunch' });
  assert.deepEqual(none, { kind: 'results', total: 0, offset: 0, messages: [] });
  const mistake = await fixture.call('searchMessages', { text: 'from:anna (budget', locale: 'de-DE' });
  assert.deepEqual(mistake, {
    ok: true,
    value: {
      kind: 'syntax-error',
      error: { position: 10, message: 'Missing closing parenthesis', problem: { id: 'search.problem.missingClose', values: {} } },
    },
  });
  const german = await fixture.value('searchMessages', { text: 'on:31.12.2099', locale: 'de-DE' });
  assert.deepEqual(german, { kind: 'results', total: 0, offset: 0, messages: [] }, 'a date in the locale’s own form');
  const wrongDay = await fixture.value('searchMessages', { text: 'on:12/31/2099', locale: 'de-DE' });
  assert.equal(wrongDay.kind, 'syntax-error', 'month first is not a German date');
});

test('bad input is refused as data before any handler runs', async () => {
  const cases: Array<[Parameters<MailFixture['call']>[0], unknown]> = [
    ['listMessages', { source: { kind: 'unified-inbox' }, limit: 0 }],
    ['listMessages', { source: { kind: 'unified-inbox' }, limit: 501 }],
    ['listMessages', { source: { kind: 'folder' } }],
    ['listMessages', { source: { kind: 'unified-inbox' }, order: 'by-size' }],
    ['listMessages', { source: { kind: 'unified-inbox' }, sort: 'by-size' }],
    ['listMessages', { source: { kind: 'unified-inbox' }, direction: 'up' }],
    ['getMessage', { id: -1 }],
    ['getMessage', { id: 1.5 }],
    ['setMessageFlags', { ids: [1] }],
    ['setMessageFlags', { ids: [1], seen: true, deleted: true }],
    ['deleteMessages', { ids: [] }],
    ['searchMessages', { text: '' }],
    ['searchMessages', { text: 'x'.repeat(501) }],
    ['searchMessages', { text: 'budget', sort: 'size' }],
    ['searchMessages', { text: 'budget', locale: 'en US' }],
    ['searchMessages', { text: 'budget', limit: 501 }],
    ['getAttachment', { messageId: 1, index: -1 }],
    ['getRawMessage', { id: 0 }],
    ['openMessageWindow', { id: 'x' }],
    ['startSendReceive', { accountId: '' }],
    ['emptyTrash', { path: '/tmp' }],
  ];
  for (const [name, input] of cases) {
    const result = await fixture.call(name, input);
    assert.equal(result.ok ? 'ok' : result.error.code, 'VALIDATION', `${name} ${JSON.stringify(input)}`);
  }
  const missing = await fixture.call('emptyTrash', { accountId: 'nobody' });
  assert.equal(missing.ok ? 'ok' : missing.error.code, 'NOT_FOUND');
  const contradictory = await fixture.call('listMessages', { source: { kind: 'unified-inbox' }, order: 'newest-first', direction: 'asc' });
  assert.equal(contradictory.ok ? 'ok' : contradictory.error.code, 'VALIDATION');
  const noFolder = await fixture.call('listMessages', { source: { kind: 'folder', folderId: 99_999 } });
  assert.equal(noFolder.ok ? 'ok' : noFolder.error.code, 'NOT_FOUND');
});
