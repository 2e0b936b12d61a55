import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultProfileDir, resolveProfileDir } from '../../../electron/services/profile';

test('the default profile is where Electron keeps userData on each platform', () => {
  assert.equal(defaultProfileDir('linux', {}, '/home/ann'), '/home/ann/.config/Mailbag');
  assert.equal(defaultProfileDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ann'), '/cfg/Mailbag');
  assert.equal(defaultProfileDir('darwin', {}, '/Users/ann'), '/Users/ann/Library/Application Support/Mailbag');
  assert.equal(defaultProfileDir('win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann'), 'C:\\Users\\ann\\AppData\\Roaming\\Mailbag');
});

test('--profile wins over MAILBAG_HOME, which wins over the default', () => {
  const env = { MAILBAG_HOME: '/env/profile' };
  assert.equal(resolveProfileDir({ argv: ['--profile', '/arg/profile'], env, fallback: '/default' }), '/arg/profile');
  assert.equal(resolveProfileDir({ argv: ['--profile=/arg2'], env, fallback: '/default' }), '/arg2');
  assert.equal(resolveProfileDir({ argv: [], env, fallback: '/default' }), '/env/profile');
  assert.equal(resolveProfileDir({ argv: [], env: {}, fallback: '/default' }), '/default');
  assert.equal(resolveProfileDir({ argv: ['--profile', 'rel'], env: {}, fallback: '/d', cwd: '/work' }), '/work/rel');
  assert.throws(() => resolveProfileDir({ argv: ['--profile', ' '], env: {}, fallback: '/d' }), /must not be empty/);
});
