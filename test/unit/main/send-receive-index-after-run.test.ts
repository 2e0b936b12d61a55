/**
 * When the full-text index catches up with new mail. The window's Send/Receive indexes batch by batch
 * and once more when a run ends, before it announces the new mail; the command line, which ends as
 * soon as mail is listed, leaves the index to the next search and starts no parse worker for it, but
 * the rules still run on the new mail (they index what they need themselves).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createSendReceiveController } from '../../../electron/main/send-receive-handlers';
import type { ReceiveProgress } from '../../../electron/jobs/receive/receive-types';
import { emptySummary, SendReceiveService, type ReceiveJob, type ReceiveOutcome } from '../../../electron/services/send-receive';
import { silentLogger } from '../../../electron/services/logger';
import { openMailFixture, type MailFixture } from './mail-fixture';

let fixture: MailFixture;

before(async () => {
  fixture = await openMailFixture();
});

after(async () => {
  await fixture.dispose();
});

/** One run that commits one batch of two new messages, then finishes. */
async function runOnce(indexWhileReceiving: boolean | undefined): Promise<{ indexed: number; filtered: number }> {
  const { core } = fixture;
  const counts = { indexed: 0, filtered: 0 };
  const runner = async (job: ReceiveJob, _signal: AbortSignal, onProgress: (progress: ReceiveProgress) => void): Promise<ReceiveOutcome> => {
    onProgress({ seq: 1, accountId: job.accountId, phase: 'downloading', messagesDone: 2, messagesTotal: 2, bytesDone: 10, bytesTotal: 10 });
    return { status: 'completed', accountId: job.accountId, summary: { ...emptySummary(), newMessages: 2 } };
  };
  const sendReceive = new SendReceiveService(runner);
  const controller = createSendReceiveController({
    sendReceive,
    accounts: core.accounts,
    settings: core.settings,
    store: core.store,
    events: core.events,
    paths: core.paths,
    logger: silentLogger,
    indexPending: async () => {
      counts.indexed += 1;
    },
    filterNewMail: async () => {
      counts.filtered += 1;
    },
    ...(indexWhileReceiving === undefined ? {} : { indexWhileReceiving }),
  });
  try {
    const job: ReceiveJob = {
      accountId: 'account-a',
      ...core.paths,
      connection: { host: '127.0.0.1', port: 1, security: 'none' },
      credentials: { username: 'ann', password: 'unused' },
      policy: { leaveOnServer: { mode: 'forever' }, headersOnly: false, sizeLimitBytes: null },
    };
    await sendReceive.start(job);
    await controller.idle();
  } finally {
    controller.stop();
  }
  return counts;
}

test('the window indexes new mail batch by batch and once more when the run ends, then runs the rules', async () => {
  assert.deepEqual(await runOnce(undefined), { indexed: 2, filtered: 1 });
});

test('the command line indexes nothing when a run ends (the next search does), and still runs the rules', async () => {
  assert.deepEqual(await runOnce(false), { indexed: 0, filtered: 1 });
});
