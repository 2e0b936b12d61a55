/**
 * The Server mailbox against a real Dovecot, through the contract as the app calls it (workers,
 * session lock, store): a mailbox with messages already downloaded by Send/Receive, some stored as
 * headers only, some not downloaded and one of 50 MB. The listing shows each with its state and the
 * right totals; deleting the 50 MB message removes only it from Dovecot's maildir, records the reason
 * in the audit log, and the listing that comes back has the new totals.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { defaultPolicy } from '../../../shared/accounts';
import type { ServerMailboxMessage } from '../../../shared/server-mailbox';
import { receiveJobForAccount } from '../../../electron/services/send-receive';
import { listServerDeletions } from '../../../electron/storage/pop-journal';
import { startDovecot, type DovecotServer } from '../../servers/dovecot';
import type { GeneratedMessage } from '../../servers/maildir';
import { aliceOnDovecot } from '../../servers/test-accounts';
import { openMailFixture, type MailFixture } from '../../unit/main/mail-fixture';

const LARGE_BYTES = 50 * 1024 * 1024;
const TEST_TIMEOUT_MS = 120_000;

describe('Server mailbox on Dovecot', { timeout: TEST_TIMEOUT_MS }, () => {
  let server: DovecotServer;
  let fixture: MailFixture;
  let accountId: string;
  let downloaded: GeneratedMessage[];
  let partial: GeneratedMessage[];
  let waiting: GeneratedMessage[];
  let large: GeneratedMessage;

  before(async () => {
    server = await startDovecot();
    fixture = await openMailFixture();
    const settings = aliceOnDovecot(server, { policy: { ...defaultPolicy(false), leaveOnServer: { mode: 'days', days: 14 } } });
    const saved = await fixture.value('saveAccount', { settings, pop3Password: server.password, rememberPasswords: true });
    accountId = saved.account.id;

    // Three messages come home with an ordinary Send/Receive.
    downloaded = await server.generateMessages({ count: 3, seed: 11, sizes: [{ weight: 1, minBytes: 2_000, maxBytes: 8_000 }] });
    const job = await receiveJobForAccount(fixture.core.accounts, fixture.core.accounts.get(accountId), fixture.core.paths);
    const outcome = await fixture.core.sendReceive.start(job);
    assert.equal(outcome.status, 'completed');
    assert.equal(outcome.summary.newMessages, 3);

    const later = await server.generateMessages({ count: 4, seed: 12, sizes: [{ weight: 1, minBytes: 2_000, maxBytes: 8_000 }] });
    partial = later.slice(0, 2);
    waiting = later.slice(2);
    [large] = (await server.generateMessages({ count: 1, seed: 13, sizes: [{ weight: 1, minBytes: LARGE_BYTES, maxBytes: LARGE_BYTES }] })) as [
      GeneratedMessage,
    ];

    const headers = await fixture.value('serverMailboxAction', { accountId, action: 'download-headers', uidls: partial.map((message) => message.baseName) });
    assert.equal(headers.partial, 2);
  });

  after(async () => {
    await fixture?.dispose();
    await server?.stop();
  });

  function byUidl(messages: readonly ServerMailboxMessage[]): Map<string, ServerMailboxMessage> {
    return new Map(messages.map((message) => [message.uidl, message]));
  }

  test('the listing shows every message with its state, size, header fields and the totals', async () => {
    const listing = await fixture.value('listServerMailbox', { accountId });
    const all = [...downloaded, ...partial, ...waiting, large];
    assert.equal(listing.totals.count, all.length);
    assert.equal(
      listing.totals.bytes,
      all.reduce((sum, message) => sum + message.pop3Size, 0),
    );
    const found = byUidl(listing.messages);
    for (const message of downloaded) {
      assert.equal(found.get(message.baseName)?.state, 'downloaded');
      assert.ok((found.get(message.baseName)?.removalAt ?? 0) > Date.now(), 'kept 14 days from its download');
    }
    for (const message of partial) assert.equal(found.get(message.baseName)?.state, 'headers-only');
    for (const message of waiting) assert.equal(found.get(message.baseName)?.state, 'not-downloaded');
    const big = found.get(large.baseName);
    assert.equal(big?.state, 'not-downloaded');
    assert.equal(big?.large, true);
    assert.equal(big?.size, large.pop3Size);
    for (const message of listing.messages) {
      assert.equal(message.size, all.find((each) => each.baseName === message.uidl)?.pop3Size);
      assert.notEqual(message.subject, '', `subject of ${message.uidl}`);
      assert.notEqual(message.from, '', `sender of ${message.uidl}`);
      assert.notEqual(message.date, null, `date of ${message.uidl}`);
    }
  });

  test('deleting the 50 MB message removes only it from the maildir, records why, and shows the new totals', async () => {
    const before = (await server.listMessages()).map((entry) => entry.baseName).sort();
    const result = await fixture.value('serverMailboxAction', { accountId, action: 'delete', uidls: [large.baseName], confirmed: true });
    assert.equal(result.deleted, 1);
    assert.deepEqual(result.errors, []);
    const after = (await server.listMessages()).map((entry) => entry.baseName).sort();
    assert.deepEqual(
      after,
      before.filter((name) => name !== large.baseName),
    );

    const audit = listServerDeletions(fixture.core.database, accountId);
    assert.deepEqual(
      audit.map((record) => [record.uidl, record.reason]),
      [[large.baseName, 'deleted-by-user']],
    );
    const row = fixture.core.database
      .prepare<[string, string], { state: string; message_id: number | null }>('select state, message_id from pop_journal where account_id = ? and uidl = ?')
      .get(accountId, large.baseName);
    assert.deepEqual(row, { state: 'deleted', message_id: null }, 'deleted without ever being downloaded');

    const others = [...downloaded, ...partial, ...waiting];
    assert.equal(result.listing.totals.count, others.length);
    assert.equal(
      result.listing.totals.bytes,
      others.reduce((sum, message) => sum + message.pop3Size, 0),
    );
    const again = await fixture.value('listServerMailbox', { accountId });
    assert.deepEqual(again.totals, result.listing.totals);
    assert.equal(byUidl(again.messages).has(large.baseName), false);
  });

  test('the transcript of the last session is kept, with the password redacted', async () => {
    const transcript = await fixture.value('getServerTranscript', { accountId });
    assert.ok(transcript !== null);
    assert.equal(transcript.kind, 'server-mailbox');
    const text = transcript.lines.map((line) => line.text).join('\n');
    assert.match(text, /UIDL/);
    assert.match(text, /TOP \d+ 0/);
    assert.ok(!text.includes(server.password), 'no password in the transcript');
  });
});
