/**
 * The schedule and a refused password, through the Send/Receive controller with a hand-driven clock:
 * the runs are answered by a stand-in runner (the server's verdict on each password), the password the
 * user enters is checked by a real sign-in to a fake POP3 server. After the server refuses the
 * password, two hours of automatic checks start no run with it; the right one entered resumes them.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createSendReceiveController, type SendReceiveController } from '../../../electron/main/send-receive-handlers';
import { emptySummary, SendReceiveService, type ReceiveJob, type ReceiveOutcome } from '../../../electron/services/send-receive';
import { silentLogger } from '../../../electron/services/logger';
import { ManualClock } from '../../fakes/manual-clock';
import type { FakePop3Server } from '../../fakes/pop3-server';
import { crlf, openMailFixture, PASSWORD, startServer, type MailFixture, settle } from './mail-fixture';

const MINUTE = 60_000;
const context = { transport: 'web' } as const;

let fixture: MailFixture;
let server: FakePop3Server;
let controller: SendReceiveController | undefined;

before(async () => {
  fixture = await openMailFixture();
  server = await startServer([{ uid: 'r-1', body: crlf(['From: Dan <dan@example.org>', 'Subject: Waiting', 'Message-ID: <r1@example>', '', 'Hello.']) }]);
});

after(async () => {
  controller?.stop();
  await fixture.dispose();
  await server.close();
});

test('a refused password is never tried again on a schedule; the right one entered by the user resumes the checks', async () => {
  const accountId = await fixture.addAccount(server, { leaveOnServer: { mode: 'forever' }, checkAtStartup: true, checkEveryMinutes: 1 }, 'Refused');
  const runs: ReceiveJob[] = [];
  let serverPassword = 'changed at the provider';
  const runner = async (job: ReceiveJob): Promise<ReceiveOutcome> => {
    runs.push(job);
    return job.credentials.password === serverPassword
      ? { status: 'completed', accountId: job.accountId, summary: emptySummary() }
      : {
          status: 'failed',
          accountId: job.accountId,
          error: { code: 'AUTH_FAILED', message: 'The server did not accept the user name or password.', retryable: false },
          summary: emptySummary(),
        };
  };
  const time = new ManualClock(Date.now());
  const { core } = fixture;
  controller = createSendReceiveController({
    sendReceive: new SendReceiveService(runner),
    accounts: core.accounts,
    settings: core.settings,
    store: core.store,
    events: core.events,
    paths: core.paths,
    logger: silentLogger,
    indexPending: () => core.indexPending(),
    clock: time.clock,
    timers: time,
  });
  const advance = async (minutes: number): Promise<void> => {
    for (let minute = 0; minute < minutes; minute += 1) {
      time.moveTo(time.now + MINUTE);
      await settle();
    }
  };
  controller.startScheduler();
  await settle();
  assert.equal(runs.length, 1, 'checked at startup');
  assert.equal(runs[0]?.credentials.password, PASSWORD);

  await advance(120);
  assert.equal(runs.length, 1, 'no run with the refused password in two hours of one-minute checks');

  serverPassword = PASSWORD;
  const entered = await controller.handlers.enterPassword({ accountId, password: PASSWORD, remember: true }, context);
  assert.equal(entered.persistent, true);
  await settle();
  assert.equal(runs.length, 2, 'the user acted: the overdue automatic check runs at once');
  await advance(2);
  assert.equal(runs.length, 4, 'and every minute after, while the password works');
  assert.ok(runs.every((job) => job.credentials.password === PASSWORD));
});
