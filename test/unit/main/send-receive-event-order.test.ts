/**
 * The window's view of Send/Receive follows the events main sends, so their order matters: a run's
 * finish is announced only after its new mail is indexed, and by then the account's next run (the
 * user pressed Send/Receive again) may already report progress. Folded into the window's state, the
 * events must still say that the second run is under way, and nothing once it has ended.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { EventPayloads } from '../../../shared/ipc/contract';
import type { EventName } from '../../../shared/ipc/names';
import { createSendReceiveController, type SendReceiveController } from '../../../electron/main/send-receive-handlers';
import { createEventHub } from '../../../electron/services/events';
import { silentLogger } from '../../../electron/services/logger';
import type { ReceiveProgress } from '../../../electron/jobs/receive/receive-types';
import { emptySummary, SendReceiveService, type ReceiveJob, type ReceiveOutcome } from '../../../electron/services/send-receive';
import { INITIAL_SEND_RECEIVE, isRunning, sendReceiveReducer, type SendReceiveState } from '../../../renderer/state/send-receive-model';
import type { FakePop3Server } from '../../fakes/pop3-server';
import { openMailFixture, startServer, type MailFixture, settle } from './mail-fixture';

const context = { transport: 'web' } as const;

let fixture: MailFixture;
let server: FakePop3Server;
const controllers: SendReceiveController[] = [];

before(async () => {
  fixture = await openMailFixture();
  server = await startServer([]);
});

after(async () => {
  for (const controller of controllers) controller.stop();
  await fixture.dispose();
  await server.close();
});

/** A promise and the function that resolves it. */
function gate(): { readonly opened: Promise<void>; open(): void } {
  let open = (): void => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** The window's Send/Receive state after the events main sent, in their order. */
function windowState(events: ReadonlyArray<{ readonly name: EventName; readonly payload: unknown }>): SendReceiveState {
  let state = INITIAL_SEND_RECEIVE;
  for (const { name, payload } of events) {
    if (name === 'sendReceiveProgress') state = sendReceiveReducer(state, { type: 'progress', event: payload as EventPayloads['sendReceiveProgress'] });
    if (name === 'sendReceiveFinished') state = sendReceiveReducer(state, { type: 'finished', event: payload as EventPayloads['sendReceiveFinished'], at: 0 });
  }
  return state;
}

/**
 * A controller whose first run ends at once and whose indexing waits for `indexing`; the second run
 * reports its listing and then waits for `secondRun`.
 */
async function twoRuns(): Promise<{
  readonly accountId: string;
  readonly events: Array<{ readonly name: EventName; readonly payload: unknown }>;
  readonly indexing: ReturnType<typeof gate>;
  readonly secondRun: ReturnType<typeof gate>;
  readonly controller: SendReceiveController;
}> {
  const accountId = await fixture.addAccount(server, { leaveOnServer: { mode: 'forever' } }, `Order ${controllers.length}`);
  const indexing = gate();
  const secondRun = gate();
  let runs = 0;
  const runner = async (job: ReceiveJob, _signal: AbortSignal, onProgress: (progress: ReceiveProgress) => void): Promise<ReceiveOutcome> => {
    runs += 1;
    if (runs === 2) {
      onProgress({ seq: 1, accountId: job.accountId, phase: 'listing', messagesDone: 0, messagesTotal: 0, bytesDone: 0, bytesTotal: 0 });
      await secondRun.opened;
    }
    return { status: 'completed', accountId: job.accountId, summary: { ...emptySummary(), newMessages: runs === 1 ? 1 : 0 } };
  };
  const events = createEventHub();
  const recorded: Array<{ readonly name: EventName; readonly payload: unknown }> = [];
  events.subscribe((name, payload) => recorded.push({ name, payload }));
  const { core } = fixture;
  const controller = createSendReceiveController({
    sendReceive: new SendReceiveService(runner),
    accounts: core.accounts,
    settings: core.settings,
    store: core.store,
    events,
    paths: core.paths,
    logger: silentLogger,
    indexPending: () => indexing.opened,
  });
  controllers.push(controller);
  await controller.handlers.startSendReceive({ accountId }, context);
  await settle();
  // The first run has ended; its mail is being indexed. The user presses Send/Receive again.
  await controller.handlers.startSendReceive({ accountId }, context);
  await settle();
  assert.equal(runs, 2, 'the second press started a run of its own');
  return { accountId, events: recorded, indexing, secondRun, controller };
}

test('the first run announced after the second began: the window still sees the second run, until it ends', async () => {
  const { accountId, events, indexing, secondRun, controller } = await twoRuns();
  indexing.open();
  await settle();
  const finishes = events.filter((event) => event.name === 'sendReceiveFinished');
  assert.equal(finishes.length, 1, 'the first run is announced');
  let state = windowState(events);
  assert.equal(isRunning(state), true, 'the second run is still shown as running');
  assert.equal(state.running[accountId]?.phase, 'listing');

  secondRun.open();
  await settle();
  await controller.idle();
  state = windowState(events);
  assert.equal(isRunning(state), false);
  assert.equal(events.filter((event) => event.name === 'sendReceiveFinished').length, 2);
});

test('a second run that ends while the first is still being announced is not shown as running afterwards', async () => {
  const { events, indexing, secondRun, controller } = await twoRuns();
  secondRun.open();
  await settle();
  indexing.open();
  await settle();
  await controller.idle();
  assert.equal(events.filter((event) => event.name === 'sendReceiveFinished').length, 2);
  assert.equal(isRunning(windowState(events)), false);
});
