/**
 * The command line's one way into the core: `call` runs an operation through the registry (validated
 * by the contract's schemas, as from the window) and throws an error result as a MailbagError with its
 * code; `request` hands the result back as data. Inputs and outputs are typed from the contract.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { call, request } from '../../../electron/cli/call';
import { createCore, type Core } from '../../../electron/main/core';
import { silentLogger } from '../../../electron/services/logger';
import { MailbagError } from '../../../shared/errors';

/** A session bus that does not exist: the keychain is unavailable and answers at once. */
const ENV = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/mailbag-test-bus' };

describe('the command line calls the core through the contract', () => {
  let scratch: string;
  let core: Core;

  before(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-call-'));
    core = await createCore({ profileDir: path.join(scratch, 'profile'), logger: silentLogger, env: ENV });
  });
  after(async () => {
    await core.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('a successful operation returns its value, typed from the contract', async () => {
    const info = await call(core, 'getAppInfo', undefined);
    assert.equal(info.transport, 'cli');
    assert.equal(info.accountCount, 0);
    const accounts = await call(core, 'listAccounts', undefined);
    assert.deepEqual(accounts, []);
  });

  test('an error result is thrown as a MailbagError with its code and message', async () => {
    await assert.rejects(
      call(core, 'getAccount', { id: 'no-such-account' }),
      (error: unknown) => error instanceof MailbagError && error.code === 'NOT_FOUND' && error.message.length > 0,
    );
  });

  test('input the schema refuses is a VALIDATION error, as from the window', async () => {
    const misspelt = (): Promise<unknown> =>
      // @ts-expect-error a misspelt field does not compile: the input is typed from the operation's schema
      call(core, 'getAccount', { idd: 'x' });
    await assert.rejects(misspelt(), (error: unknown) => error instanceof MailbagError && error.code === 'VALIDATION');
  });

  test('request hands the error back as data, for commands that report it their own way', async () => {
    const result = await request(core, 'getAccount', { id: 'no-such-account' });
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.code, 'NOT_FOUND');
  });
});
