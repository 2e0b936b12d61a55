/**
 * The account operations through the one registry every transport uses: inputs validated in main,
 * errors returned as data without secrets, and progress events tagged with the request's runId.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventPayloads } from '../../../shared/ipc/contract';
import type { EventName } from '../../../shared/ipc/names';
import { createCore, type Core } from '../../../electron/main/core';
import type { Keychain } from '../../../electron/services/credentials/keychain';
import type { DiscoveryNetwork } from '../../../electron/services/discovery/discover';
import { silentLogger } from '../../../electron/services/logger';
import { sampleSettings } from '../../fakes/account-settings';
import { fakeResolver } from '../../fakes/dns-resolver';
import { findFreePort } from '../../servers/free-port';

const context = { transport: 'web' } as const;
const SECRET = 'hunter2-in-a-request';
let core: Core;
let directory: string;
const events: Array<{ name: EventName; payload: EventPayloads[EventName] }> = [];

const keychain: Keychain = {
  getPassword: async () => null,
  setPassword: async () => {},
  deletePassword: async () => false,
};

const network: DiscoveryNetwork = {
  resolver: fakeResolver({}, {}),
  httpsGet: async () => {
    throw new Error('offline');
  },
  probe: {
    connect: async () => {
      throw Object.assign(new Error('offline'), { code: 'ENETUNREACH' });
    },
  },
};

before(async () => {
  directory = mkdtempSync(path.join(os.tmpdir(), 'mailbag-account-ops-'));
  core = await createCore({ profileDir: directory, logger: silentLogger, keychain, discoveryNetwork: network, doctorLookup: async (host) => [host] });
  core.events.subscribe((name, payload) => events.push({ name, payload }));
});
after(async () => {
  await core.close();
  rmSync(directory, { recursive: true, force: true });
});

test('listAccounts and getAccount: an empty list, and NOT_FOUND as data', async () => {
  assert.deepEqual(await core.registry.dispatch('listAccounts', undefined, context), { ok: true, value: [] });
  const missing = await core.registry.dispatch('getAccount', { id: 'nope' }, context);
  assert.equal(missing.ok ? 'ok' : missing.error.code, 'NOT_FOUND');
});

test('saveAccount: invalid input is refused before any login, and the password is not echoed', async () => {
  const cases: unknown[] = [
    { settings: sampleSettings(), pop3Password: `${SECRET}\r\nDELE 1` },
    { settings: { ...sampleSettings(), password: SECRET }, pop3Password: SECRET },
    { settings: sampleSettings({ incoming: { host: 'pop example', port: 995, security: 'tls', username: 'ann', auth: 'auto' } }), pop3Password: SECRET },
    { settings: sampleSettings({ incoming: { host: 'pop.example.com', port: 110, security: 'none', username: 'ann', auth: 'auto' } }), pop3Password: SECRET },
  ];
  for (const input of cases) {
    const result = await core.registry.dispatch('saveAccount', input, context);
    assert.equal(result.ok ? 'ok' : result.error.code, 'VALIDATION', JSON.stringify(result));
    assert.ok(!JSON.stringify(result).includes(SECRET));
  }
});

test('removeAccount needs an explicit deleteLocalMail; testAccount needs an account or settings', async () => {
  const remove = await core.registry.dispatch('removeAccount', { id: 'x' }, context);
  assert.equal(remove.ok ? 'ok' : remove.error.code, 'VALIDATION');
  const test = await core.registry.dispatch('testAccount', {}, context);
  assert.equal(test.ok ? 'ok' : test.error.code, 'VALIDATION');
});

test('discoverSettings answers from the provider table and reports every source as an event with the runId', async () => {
  events.length = 0;
  const result = await core.registry.dispatch('discoverSettings', { address: 'someone@gmail.com', runId: 'setup-1' }, context);
  assert.ok(result.ok, JSON.stringify(result));
  const value = result.value as { recommended: { incoming?: { host: string; source: string } } };
  assert.equal(value.recommended.incoming?.host, 'pop.gmail.com');
  const progress = events.filter((event) => event.name === 'discoveryProgress').map((event) => event.payload as EventPayloads['discoveryProgress']);
  assert.deepEqual(progress.map((event) => event.source).sort(), ['autoconfig', 'guess', 'mx', 'provider-table', 'srv']);
  assert.ok(progress.every((event) => event.runId === 'setup-1'));
  assert.deepEqual(progress.find((event) => event.source === 'provider-table')?.status, { state: 'answered', incoming: 1, outgoing: 1 });
});

test('testAccount runs the doctor on unsaved settings and streams each step with the runId', async () => {
  events.length = 0;
  const port = await findFreePort();
  const settings = sampleSettings({ incoming: { host: '127.0.0.1', port, security: 'tls', username: 'ann', auth: 'auto' } });
  const result = await core.registry.dispatch('testAccount', { settings, pop3Password: SECRET, scope: 'incoming', runId: 'doctor-7' }, context);
  assert.ok(result.ok, JSON.stringify(result));
  const report = result.value as { ok: boolean; steps: Array<{ id: string; status: string }> };
  assert.equal(report.ok, false);
  assert.deepEqual(
    report.steps.map((step) => `${step.id}:${step.status}`),
    ['pop3-dns:ok', 'pop3-tcp:failed', 'pop3-tls:skipped', 'pop3-capabilities:skipped', 'pop3-login:skipped'],
  );
  const steps = events.filter((event) => event.name === 'doctorStep').map((event) => event.payload as EventPayloads['doctorStep']);
  assert.deepEqual(
    steps.map((event) => event.step.id),
    report.steps.map((step) => step.id),
  );
  assert.ok(steps.every((event) => event.runId === 'doctor-7'));
  assert.ok(!JSON.stringify(result).includes(SECRET));
});
