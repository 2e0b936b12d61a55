/**
 * A real core on a temporary profile with an in-memory keychain, accounts saved through the account
 * service against the fake POP3 server, and every push event recorded, for the mail and Send/Receive
 * operation tests.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setImmediate as turn, setTimeout as delay } from 'node:timers/promises';
import type { AccountPolicy } from '../../../shared/accounts';
import type { Result } from '../../../shared/errors';
import type { EventPayloads, OperationOutputs } from '../../../shared/ipc/contract';
import type { EventName, OperationName } from '../../../shared/ipc/names';
import { createCore, type Core } from '../../../electron/main/core';
import type { Keychain } from '../../../electron/services/credentials/keychain';
import { silentLogger } from '../../../electron/services/logger';
import { sampleSettings } from '../../fakes/account-settings';
import { memoryKeychain } from '../../fakes/memory-keychain';
import { FakePop3Server } from '../../fakes/pop3-server';
import { findFreePort, LOOPBACK } from '../../servers/free-port';

export const USER = 'ann';
export const PASSWORD = 'secret-pop3';
/** Longest wait for an event in these tests. */
export const EVENT_TIMEOUT_MS = 20_000;

const context = { transport: 'web' } as const;

/** A recorded push event. */
export interface RecordedEvent {
  readonly name: EventName;
  readonly payload: EventPayloads[EventName];
}

/** A core, its profile and its recorded events. */
export interface MailFixture {
  readonly core: Core;
  readonly events: RecordedEvent[];
  call<N extends OperationName>(name: N, input?: unknown): Promise<Result<OperationOutputs[N]>>;
  /** Calls an operation that must succeed and returns its value. */
  value<N extends OperationName>(name: N, input?: unknown): Promise<OperationOutputs[N]>;
  /** Waits (bounded) for the first recorded event of a kind, from `since` on, matching `accept`. */
  waitFor<E extends EventName>(name: E, accept?: (payload: EventPayloads[E]) => boolean, since?: number): Promise<EventPayloads[E]>;
  /** Saves an account reading from the fake server (plaintext on loopback) with the policy given. */
  addAccount(server: FakePop3Server, policy: Partial<AccountPolicy>, name?: string): Promise<string>;
  dispose(): Promise<void>;
}

/** Where a fixture's core opens: a fresh temporary profile by default, or an existing one to reopen. */
export interface FixtureOptions {
  readonly profileDir?: string;
  readonly keychain?: Keychain;
  /** Keep the profile directory on dispose (to reopen it). */
  readonly keepProfile?: boolean;
}

/** Opens a core on a temporary profile. */
export async function openMailFixture(options: FixtureOptions = {}): Promise<MailFixture> {
  const directory = options.profileDir ?? mkdtempSync(path.join(os.tmpdir(), 'mailbag-mail-ops-'));
  const core = await createCore({
    profileDir: directory,
    logger: silentLogger,
    keychain: options.keychain ?? memoryKeychain(),
    doctorLookup: async (host) => [host],
    // Send/Receive indexes beside the download only with a core to spare; this machine is shared and
    // often busy, so one is taken as given.
    spareCoreForIndexing: () => true,
  });
  const events: RecordedEvent[] = [];
  core.events.subscribe((name, payload) => events.push({ name, payload }));
  const call = async <N extends OperationName>(name: N, input?: unknown): Promise<Result<OperationOutputs[N]>> =>
    (await core.registry.dispatch(name, input, context)) as Result<OperationOutputs[N]>;
  return {
    core,
    events,
    call,
    async value(name, input) {
      const result = await call(name, input);
      assert.ok(result.ok, `${name} failed: ${JSON.stringify(result)}`);
      return result.value;
    },
    async waitFor(name, accept = () => true, since = 0) {
      const deadline = Date.now() + EVENT_TIMEOUT_MS;
      for (;;) {
        const found = events.slice(since).find((event) => event.name === name && accept(event.payload as EventPayloads[typeof name]));
        if (found !== undefined) return found.payload as EventPayloads[typeof name];
        assert.ok(Date.now() < deadline, `no ${name} event within ${EVENT_TIMEOUT_MS} ms`);
        await delay(20);
      }
    },
    async addAccount(server, policy, name = 'Home') {
      const smtpPort = await findFreePort();
      const base = sampleSettings();
      const saved = await core.accounts.save({
        settings: {
          ...base,
          name,
          incoming: { host: LOOPBACK, port: server.port, security: 'none', username: USER, auth: 'auto' },
          outgoing: { host: LOOPBACK, port: smtpPort, security: 'none', username: USER, credentials: 'same' },
          policy: { ...(base.policy as AccountPolicy), checkAtStartup: false, ...policy },
          allowInsecure: true,
        },
        pop3Password: PASSWORD,
      });
      return saved.account.id;
    },
    async dispose() {
      await core.close();
      if (options.keepProfile !== true) rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A message with CRLF line endings. */
export function crlf(lines: readonly string[]): Buffer {
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

/** Starts the fake POP3 server with these messages (uids as given). */
export function startServer(messages: ReadonlyArray<{ uid: string; body: Buffer }>): Promise<FakePop3Server> {
  return FakePop3Server.start({ users: { [USER]: PASSWORD }, messages });
}

/** Lets promise chains (keychain reads, the loop's job, stand-in runs, announcements) settle without waiting on a clock. */
export async function settle(): Promise<void> {
  for (let round = 0; round < 20; round += 1) await turn();
}
