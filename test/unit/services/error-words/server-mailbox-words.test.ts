/**
 * The Server mailbox refuses a session while another one of the account runs, in the reader's
 * language, and says which one holds it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accountSettingsSchema } from '../../../../shared/accounts';
import { createServerMailboxService } from '../../../../electron/services/server-mailbox';
import { AccountSessionLock } from '../../../../electron/services/send-receive/session-lock';
import { openDatabase } from '../../../../electron/storage/database';
import { sampleSettings } from '../../../fakes/account-settings';
import { refusal, saidIn } from './refusal';

const ACCOUNT_ID = 'work';

test('a busy account is refused in German and Arabic, naming Send/Receive or the Server mailbox', async (t) => {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'mailbag-server-mailbox-words-'));
  const database = openDatabase(path.join(profile, 'mailbag.sqlite'));
  t.after(() => database.close());
  const sessions = new AccountSessionLock();
  const service = createServerMailboxService({
    accounts: {
      get: () => ({
        id: ACCOUNT_ID,
        name: 'Work',
        address: 'ann@example.com',
        settings: accountSettingsSchema.parse(sampleSettings()),
        messageCount: 0,
        createdAt: 1,
        updatedAt: 1,
      }),
      accessToken: () => Promise.reject(new Error('not asked')),
      password: async () => 'secret',
      renewAccessToken: () => Promise.reject(new Error('not asked')),
    },
    database,
    paths: { databaseFile: path.join(profile, 'mailbag.sqlite'), rawDirectory: path.join(profile, 'raw') },
    sessions,
    // Nothing may run: every request here is refused before a session starts.
    runner: () => Promise.reject(new Error('no session should start')),
    sendReceiveWaitMs: 0,
  });

  const releaseServerMailbox = sessions.tryAcquire(ACCOUNT_ID, 'server-mailbox');
  assert.ok(releaseServerMailbox !== undefined);
  const second = await refusal(service.list(ACCOUNT_ID));
  assert.equal(second.code, 'MAILBOX_BUSY');
  assert.equal(second.message, 'Mailbag is already talking to this server for the Server mailbox. Try again in a moment.');
  assert.equal(saidIn('de', second), 'Mailbag kommuniziert bereits für das Server-Postfach mit diesem Server. Versuchen Sie es gleich noch einmal.');
  releaseServerMailbox();

  const releaseSendReceive = sessions.tryAcquire(ACCOUNT_ID, 'send-receive');
  assert.ok(releaseSendReceive !== undefined);
  const during = await refusal(service.list(ACCOUNT_ID));
  assert.equal(during.message, 'Send/Receive is checking this account right now. Try again when it has finished.');
  assert.equal(saidIn('ar', during), 'يتحقق «إرسال/استلام» من هذا الحساب الآن. حاول مجددًا عند انتهائه.');
  releaseSendReceive();
});
