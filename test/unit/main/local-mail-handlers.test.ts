/**
 * The window's operations on mail kept in Local Folders after its account was removed: listed and read
 * as before, answered from another account, and never dropped by a plain delete (its Trash went with
 * the account).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureDefaultFolders } from '../../../electron/storage/folders';
import { createTreeFolder } from '../../../electron/storage/folder-tree';
import { moveMessages } from '../../../electron/storage/message-queries';
import { crlf, openMailFixture, startServer } from './mail-fixture';

const FILED = crlf(['From: Bob <bob@example.org>', 'To: ann@example.com', 'Subject: Keep this', 'Message-ID: <keep@example>', '', 'Filed for years.']);

test('mail kept from a removed account is listed, read and answered, and a plain delete refuses it', async () => {
  const fixture = await openMailFixture();
  const server = await startServer([]);
  try {
    const gone = await fixture.addAccount(server, {}, 'Old');
    await fixture.addAccount(server, {}, 'New'); // the account that answers
    ensureDefaultFolders(fixture.core.database, gone);
    const { messageId } = await fixture.core.store.addMessage({ accountId: gone, folder: 'inbox' }, FILED);
    assert.ok(messageId !== null);
    const archive = createTreeFolder(fixture.core.database, { accountId: null, name: 'Archive' });
    moveMessages(fixture.core.database, [messageId], archive);
    await fixture.core.accounts.remove(gone, { deleteLocalMail: false });

    const listed = await fixture.value('listMessages', { source: { kind: 'folder', folderId: archive } });
    assert.deepEqual(
      listed.messages.map((message) => [message.id, message.accountId]),
      [[messageId, null]],
    );
    const shown = await fixture.value('getMessage', { id: messageId });
    assert.equal(shown.accountId, null);
    const reply = await fixture.value('composeReply', { messageId, mode: 'reply' });
    assert.deepEqual(
      reply.to.map((address) => address.address),
      ['bob@example.org'],
    );

    const refused = await fixture.call('deleteMessages', { ids: [messageId] });
    assert.equal(refused.ok ? 'ok' : refused.error.code, 'VALIDATION');
    assert.equal(fixture.core.store.getMessage(messageId).folderId, archive, 'still filed');
  } finally {
    await server.close();
    await fixture.dispose();
  }
});
