/**
 * The schedule and a refused password, through the Send/Receive controller with a hand-driven clock
 * against a fake POP3 server: after the server refuses the password, two hours of automatic checks
 * open no connection; the user entering the right password lets them run again.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { setImmediate as turn } from 'node:timers/promises';
import { createSendReceiveController, type SendReceiveController } from '../../../electron/main/send-receive-handlers';
import type { ScheduleTimers } from '../../../electron/services/send-receive';
import { silentLogger } from '../../../electron/services/logger';
import type { FakePop3Server } from '../../fakes/pop3-server';
import { pop3BaseHandlers } from '../../fakes/pop3/rfc1939';
import { pop3SaslHandlers } from '../../fakes/pop3/rfc5034';
import { crlf, openMailFixture, PASSWORD, startServer, type MailFixture } from './mail-fixture';

const MINUTE = 60_000;
const context = { transport: 'web' } as const;

class ManualTimers implements ScheduleTimers {
  pending: { callback: () => void; at: number } | undefined;
  constructor(private readonly now: () => number) {}
  set(callback: () => void, delayMs: number): unknown {
    this.pending = { callback, at: this.now() + delayMs };
    return this.pending;
  }
  clear(handle: unknown): void {
    if (this.pending === handle) this.pending = undefined;
  }
}

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
  for (const verb of ['PASS', 'AUTH']) server.handle(verb, (connection) => connection.send('-ERR [AUTH] Authentication failed.'));
  let now = Date.now();
  const timers = new ManualTimers(() => now);
  const { core } = fixture;
  controller = createSendReceiveController({
    sendReceive: core.sendReceive,
    accounts: core.accounts,
    settings: core.settings,
    store: core.store,
    events: core.events,
    paths: core.paths,
    logger: silentLogger,
    indexPending: () => core.indexPending(),
    clock: () => now,
    timers,
  });
  const since = fixture.events.length;
  controller.startScheduler();
  const refused = await fixture.waitFor('sendReceiveFinished', (event) => event.accountId === accountId, since);
  assert.equal(refused.errors[0]?.code, 'AUTH_FAILED', JSON.stringify(refused));
  await turn();
  const connections = server.connections.length;

  for (let minute = 1; minute <= 120; minute += 1) {
    now += MINUTE;
    const pending = timers.pending;
    if (pending !== undefined && pending.at <= now) pending.callback();
    await turn();
  }
  assert.equal(server.connections.length, connections, 'no sign-in with the refused password in two hours');

  server.handle('PASS', pop3BaseHandlers['PASS'] ?? assert.fail('no PASS handler'));
  server.handle('AUTH', pop3SaslHandlers['AUTH'] ?? assert.fail('no AUTH handler'));
  const entered = await controller.handlers.enterPassword({ accountId, password: PASSWORD, remember: true }, context);
  assert.equal(entered.persistent, true);
  const resumed = fixture.events.length;
  for (let minute = 1; minute <= 2 && fixture.events.slice(resumed).every((event) => event.name !== 'sendReceiveFinished'); minute += 1) {
    now += MINUTE;
    const pending = timers.pending;
    if (pending !== undefined && pending.at <= now) pending.callback();
    await turn();
  }
  const finished = await fixture.waitFor('sendReceiveFinished', (event) => event.accountId === accountId, resumed);
  assert.equal(finished.status, 'completed', JSON.stringify(finished));
  assert.equal(finished.newMessages, 1);
});
