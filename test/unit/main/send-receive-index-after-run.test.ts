/**
 * When the full-text index catches up with new mail. Both the window's Send/Receive and the command
 * line index each committed batch beside the download; the window indexes once more, in full, when a
 * run ends, before it announces the new mail, while the command line, which ends as soon as mail is
 * listed, leaves the rest to the next search; the rules still run on the new mail (they index what
 * they need themselves).
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
async function runOnce(indexWhenReceived: boolean | undefined): Promise<{ besideDownload: number; indexed: number; filtered: number }> {
  const { core } = fixture;
  const counts = { besideDownload: 0, indexed: 0, filtered: 0 };
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
    indexBesideDownload: async () => {
      counts.besideDownload += 1;
    },
    filterNewMail: async () => {
      counts.filtered += 1;
    },
    ...(indexWhenReceived === undefined ? {} : { indexWhenReceived }),
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

test('the window indexes new mail beside the download batch by batch and in full when the run ends, then runs the rules', async () => {
  assert.deepEqual(await runOnce(undefined), { besideDownload: 1, indexed: 1, filtered: 1 });
});

test('the command line indexes beside the download but not when a run ends (the next search does), and still runs the rules', async () => {
  assert.deepEqual(await runOnce(false), { besideDownload: 1, indexed: 0, filtered: 1 });
});
