/**
 * The schedule and a sign-in the provider revoked, through the Send/Receive controller with a
 * hand-driven clock: the keeper's answer (AUTH_FAILED asking to sign in again) comes before any
 * session, so no run starts. The account's automatic checks stop, the window is told once (a finished
 * run its status line offers "Sign in again…" for), not at every interval, and signing in again resumes them.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Account } from '../../../shared/accounts';
import type { EventPayloads } from '../../../shared/ipc/contract';
import { MailbagError } from '../../../shared/errors';
import { createSendReceiveController, type SendReceiveController } from '../../../electron/main/send-receive-handlers';
import type { AccountService } from '../../../electron/services/accounts';
import { silentLogger } from '../../../electron/services/logger';
import { SIGN_IN_AGAIN_MESSAGE } from '../../../electron/services/oauth/sign-in-again';
import { emptySummary, SendReceiveService, type ReceiveJob, type ReceiveOutcome } from '../../../electron/services/send-receive';
import { ManualClock } from '../../fakes/manual-clock';
import type { FakePop3Server } from '../../fakes/pop3-server';
import { crlf, openMailFixture, startServer, type MailFixture, settle } from './mail-fixture';

const MINUTE = 60_000;
const RENEWED_TOKEN = 'renewed access token';
const context = { transport: 'web' } as const;

let fixture: MailFixture;
let server: FakePop3Server;
let controller: SendReceiveController | undefined;

before(async () => {
  fixture = await openMailFixture();
  server = await startServer([{ uid: 'g-1', body: crlf(['From: Dan <dan@example.org>', 'Subject: Waiting', 'Message-ID: <g1@example>', '', 'Hello.']) }]);
});

after(async () => {
  controller?.stop();
  await fixture.dispose();
  await server.close();
});

test('a revoked sign-in stops the automatic checks and is announced once; signing in again resumes them', async () => {
  const accountId = await fixture.addAccount(server, { leaveOnServer: { mode: 'forever' }, checkAtStartup: true, checkEveryMinutes: 1 }, 'Work');
  const { core } = fixture;
  const withProvider = (account: Account): Account =>
    account.settings === null ? account : { ...account, settings: { ...account.settings, signInWith: 'google' } };
  let signedIn = false;
  let tokenRequests = 0;
  const accounts: AccountService = {
    ...core.accounts,
    list: () => core.accounts.list().map(withProvider),
    get: (id) => withProvider(core.accounts.get(id)),
    accessToken: async () => {
      tokenRequests += 1;
      if (!signedIn) throw new MailbagError('AUTH_FAILED', SIGN_IN_AGAIN_MESSAGE, { detail: 'no saved sign-in' });
      return RENEWED_TOKEN;
    },
  };
  const runs: ReceiveJob[] = [];
  const runner = async (job: ReceiveJob): Promise<ReceiveOutcome> => {
    runs.push(job);
    return { status: 'completed', accountId: job.accountId, summary: emptySummary() };
  };
  const finished: Array<EventPayloads['sendReceiveFinished']> = [];
  const stopWatching = core.events.subscribe((name, payload) => {
    if (name === 'sendReceiveFinished') finished.push(payload as EventPayloads['sendReceiveFinished']);
  });
  const time = new ManualClock(Date.now());
  controller = createSendReceiveController({
    sendReceive: new SendReceiveService(runner),
    accounts,
    settings: core.settings,
    store: core.store,
    events: core.events,
    paths: core.paths,
    logger: silentLogger,
    indexPending: () => core.indexPending(),
    signInWithProvider: async (input) => {
      signedIn = true;
      return { account: accounts.get(input.accountId ?? ''), passwordStorage: null, smtpVerified: false, smtpError: null };
    },
    clock: time.clock,
    timers: time,
  });
  const advance = async (minutes: number): Promise<void> => {
    for (let minute = 0; minute < minutes; minute += 1) {
      time.moveTo(time.now + MINUTE);
      await settle();
    }
  };
  try {
    controller.startScheduler();
    await settle();
    await controller.idle();
    assert.equal(runs.length, 0, 'no session starts without a token');
    assert.equal(tokenRequests, 1, 'checked at startup');
    assert.equal(finished.length, 1, 'the window is told at once');
    assert.equal(finished[0]?.status, 'failed');
    assert.equal(finished[0]?.accountId, accountId);
    assert.equal(finished[0]?.errors[0]?.code, 'AUTH_FAILED');
    assert.equal(finished[0]?.errors[0]?.message, SIGN_IN_AGAIN_MESSAGE);

    await advance(120);
    await controller.idle();
    assert.equal(tokenRequests, 1, 'two hours of one-minute checks do not ask the keeper again');
    assert.equal(finished.length, 1, 'and do not announce the refusal again');
    assert.equal(runs.length, 0);

    await controller.handlers.signInWithProvider({ accountId }, context);
    await settle();
    assert.equal(runs.length, 1, 'signed in again: the overdue automatic check runs at once');
    assert.equal(runs[0]?.credentials.oauth2Token, RENEWED_TOKEN);
    await advance(2);
    assert.equal(runs.length, 3, 'and every minute after');
  } finally {
    stopWatching();
  }
});
