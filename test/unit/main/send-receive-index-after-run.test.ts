/**
 * When the full-text index catches up with new mail after a run: the window indexes in full when a
 * run ends, before it announces the new mail, while a core that turns it off leaves the rest to the
 * next search; the rules still run on the new mail (they index what they need themselves). Indexing
 * beside the download, batch by batch, is the engine's (test/integration/main/index-beside-download.test.ts).
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
async function runOnce(indexWhenReceived: boolean | undefined): Promise<{ indexed: number; filtered: number }> {
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

test('the window indexes new mail in full when the run ends, then runs the rules', async () => {
  assert.deepEqual(await runOnce(undefined), { indexed: 1, filtered: 1 });
});

test('a core that does not index when a run ends leaves it to the next search, and still runs the rules', async () => {
  assert.deepEqual(await runOnce(false), { indexed: 0, filtered: 1 });
});
