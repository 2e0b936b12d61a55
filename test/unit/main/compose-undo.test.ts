/**
 * Undo send and the SIZE limit in the compose controller, with an injected clock and timers: a message
 * from compose is held for the undo delay and sent when it has passed (with "send immediately" on),
 * never before; the timers end with the controller; the SIZE limit is asked of the server once.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { accountSettingsSchema, type Account } from '../../../shared/accounts';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/settings';
import type { OperationInput } from '../../../shared/ipc/contract';
import { createComposeController, type ComposeTimers } from '../../../electron/main/compose-handlers';
import type { Drafts } from '../../../electron/services/compose/drafts';
import { createEventHub } from '../../../electron/services/events';
import { silentLogger } from '../../../electron/services/logger';
import type { Outbox, OutboxEntry, OutboxHold } from '../../../electron/services/outbox';
import { sampleSettings } from '../../fakes/account-settings';

const ACCOUNT_ID = 'a1';
const START = 1_000_000;
const context = { transport: 'web' } as const;

function unused(): never {
  throw new Error('not used');
}

/** A fake Outbox that records what it was asked, plus timers that run only when the test says so. */
function setup(settings: Partial<Settings> = {}, probe: () => Promise<number | undefined | null> = async () => 10_000_000) {
  const time = { now: START };
  const queued: Array<{ hold: OutboxHold | undefined }> = [];
  const flushes: string[] = [];
  const limits = new Map<string, number | undefined>();
  let probes = 0;
  const entry = (id: number, notBefore: number | null): OutboxEntry => ({
    id,
    accountId: ACCOUNT_ID,
    storedMessageId: id,
    messageId: `<${id}@x>`,
    state: 'queued',
    reason: null,
    reasonCode: null,
    reasonWords: null,
    attempts: 0,
    nextAttemptAt: null,
    recipients: [],
    groups: [],
    size: 1,
    queuedAt: time.now,
    sentAt: null,
    notBefore,
  });
  const outbox: Outbox = {
    queue: async (_accountId, _input, hold) => {
      queued.push({ hold });
      return entry(queued.length, hold?.notBefore ?? null);
    },
    queueClaimed: unused,
    queueRaw: unused,
    edit: async (id) => entry(id, null),
    list: () => [],
    get: (id) => entry(id, null),
    remove: async () => undefined,
    flush: async (options = {}) => {
      flushes.push(options.accountId ?? '*');
      return [];
    },
    sendAgain: unused,
    retryAfterSignIn: () => 0,
    sizeLimit: (accountId) => limits.get(accountId),
    sizeLimitRecord: (accountId) => (limits.has(accountId) ? { maxMessageSize: limits.get(accountId) } : undefined),
    recordSizeLimit: (accountId, size) => void limits.set(accountId, size),
  };
  const pending = new Map<number, { callback: () => void; at: number }>();
  let nextHandle = 1;
  const timers: ComposeTimers = {
    set: (callback, delayMs) => {
      const handle = nextHandle++;
      pending.set(handle, { callback, at: time.now + delayMs });
      return handle;
    },
    clear: (handle) => void pending.delete(handle as number),
  };
  const advance = async (ms: number): Promise<void> => {
    time.now += ms;
    for (const [handle, timer] of [...pending]) {
      if (timer.at <= time.now) {
        pending.delete(handle);
        timer.callback();
      }
    }
    await new Promise((resolve) => setImmediate(resolve));
  };
  const account: Account = {
    id: ACCOUNT_ID,
    name: 'Ann',
    address: 'ann@example.com',
    settings: accountSettingsSchema.parse(sampleSettings({ address: 'ann@example.com', displayName: 'Ann' })),
    messageCount: 0,
    createdAt: 1,
    updatedAt: 1,
  };
  const drafts: Drafts = { save: unused, accountOf: unused, remove: unused, folderOf: unused };
  const current: Settings = { ...DEFAULT_SETTINGS, ...settings };
  const controller = createComposeController({
    accounts: { get: () => account, list: () => [account] },
    outbox,
    drafts,
    listFolder: unused,
    events: createEventHub(),
    logger: silentLogger,
    indexPending: async () => undefined,
    getMessage: unused,
    readAttachment: unused,
    readRawMessage: unused,
    settings: { get: () => current },
    clock: () => time.now,
    timers,
    readReceipts: { answer: () => null, record: () => true },
    probeSizeLimit: async () => {
      probes += 1;
      return probe();
    },
  });
  const message: OperationInput<'queueMessage'> = {
    accountId: ACCOUNT_ID,
    message: { to: [{ address: 'bob@example.com' }], cc: [], bcc: [], subject: 'Hi', text: 'Hello' },
    attachments: [],
    forwardedAttachments: [],
  };
  return { controller, queued, flushes, pending, advance, message, probes: () => probes };
}

test('a message from compose is held for the undo delay, then its account is sent', async () => {
  const { controller, queued, flushes, advance, message } = setup({ undoSendSeconds: 7 });
  await controller.handlers.queueMessage(message, context);
  assert.deepEqual(queued[0]?.hold, { notBefore: START + 7_000 });
  await advance(6_999);
  assert.deepEqual(flushes, [], 'nothing is sent during the delay');
  await advance(1);
  assert.deepEqual(flushes, [ACCOUNT_ID]);
  await controller.stop();
});

test('without "send immediately" the held message waits for Send/Receive', async () => {
  const { controller, flushes, pending, advance, message } = setup({ sendImmediately: false });
  await controller.handlers.queueMessage(message, context);
  assert.equal(pending.size, 0);
  await advance(60_000);
  assert.deepEqual(flushes, []);
  await controller.stop();
});

test('an undo delay of 0 sends at once, without a hold', async () => {
  const { controller, queued, flushes, message } = setup({ undoSendSeconds: 0 });
  await controller.handlers.queueMessage(message, context);
  assert.deepEqual(queued[0]?.hold, {});
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(flushes, [ACCOUNT_ID]);
  await controller.stop();
});

test('stopping clears the waiting sends', async () => {
  const { controller, flushes, pending, advance, message } = setup();
  await controller.handlers.queueMessage(message, context);
  assert.equal(pending.size, 1);
  await controller.stop();
  assert.equal(pending.size, 0);
  await advance(DEFAULT_SETTINGS.undoSendSeconds * 1000);
  assert.deepEqual(flushes, []);
});

test('the SIZE limit is asked of the server once, then remembered', async () => {
  const { controller, probes } = setup({}, async () => 5_000_000);
  assert.deepEqual(await controller.handlers.getSendSizeLimit({ accountId: ACCOUNT_ID }, context), { maxMessageSize: 5_000_000 });
  assert.deepEqual(await controller.handlers.getSendSizeLimit({ accountId: ACCOUNT_ID }, context), { maxMessageSize: 5_000_000 });
  assert.equal(probes(), 1);
  await controller.stop();
});

test('a server that cannot be asked gives no limit and is asked again next time', async () => {
  const { controller, probes } = setup({}, async () => null);
  assert.deepEqual(await controller.handlers.getSendSizeLimit({ accountId: ACCOUNT_ID }, context), { maxMessageSize: null });
  await controller.handlers.getSendSizeLimit({ accountId: ACCOUNT_ID }, context);
  assert.equal(probes(), 2);
  await controller.stop();
});
