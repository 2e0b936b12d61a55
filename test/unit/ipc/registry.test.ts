import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MailbagError } from '../../../shared/errors';
import { DEFAULT_SETTINGS, settingsSchema } from '../../../shared/settings';
import { createRegistry, type Handlers } from '../../../electron/ipc/registry';
import { unusedAccountHandlers, unusedMailHandlers } from '../../fakes/unused-handlers';

const context = { transport: 'web' } as const;

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  return {
    getAppInfo: () => {
      throw new Error('not used');
    },
    getSettings: () => DEFAULT_SETTINGS,
    updateSettings: (patch) => settingsSchema.parse({ ...DEFAULT_SETTINGS, ...patch }),
    openExternalLink: ({ url }) => ({ opened: false, url }),
    ...unusedAccountHandlers,
    ...unusedMailHandlers,
    ...overrides,
  };
}

test('valid input reaches the handler and the value comes back as data', async () => {
  const registry = createRegistry(handlers());
  assert.deepEqual(await registry.dispatch('updateSettings', { appearance: 'dark' }, context), {
    ok: true,
    value: { ...DEFAULT_SETTINGS, appearance: 'dark' },
  });
});

test('invalid input never reaches the handler', async () => {
  let called = false;
  const registry = createRegistry(
    handlers({
      updateSettings: () => {
        called = true;
        return DEFAULT_SETTINGS;
      },
    }),
  );
  const result = await registry.dispatch('updateSettings', { appearance: 'neon', extra: 1 }, context);
  assert.equal(called, false);
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.error.code, 'VALIDATION');
  assert.match(!result.ok ? (result.error.detail ?? '') : '', /appearance/);
});

test('an unknown operation is refused by name, without echoing unbounded input', async () => {
  const registry = createRegistry(handlers());
  const result = await registry.dispatch('x'.repeat(10_000), undefined, context);
  assert.equal(!result.ok && result.error.code, 'UNKNOWN_OPERATION');
  assert.ok(!result.ok && result.error.message.length < 200);
  const prototypeName = await registry.dispatch('constructor', undefined, context);
  assert.equal(!prototypeName.ok && prototypeName.error.code, 'UNKNOWN_OPERATION');
});

test('a MailbagError keeps its code; any other exception becomes INTERNAL without its text', async () => {
  const reported: string[] = [];
  const registry = createRegistry(
    handlers({
      getSettings: () => {
        throw new MailbagError('STORAGE', 'Disk full.');
      },
      openExternalLink: () => {
        throw new Error('secret server detail: password=hunter2');
      },
    }),
    (operation) => reported.push(operation),
  );
  const storage = await registry.dispatch('getSettings', undefined, context);
  assert.deepEqual(storage, { ok: false, error: { code: 'STORAGE', message: 'Disk full.' } });
  const internal = await registry.dispatch('openExternalLink', { url: 'https://example.com' }, context);
  assert.equal(!internal.ok && internal.error.code, 'INTERNAL');
  assert.doesNotMatch(JSON.stringify(internal), /hunter2/);
  assert.deepEqual(reported, ['openExternalLink']);
});
