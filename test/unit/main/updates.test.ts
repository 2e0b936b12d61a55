import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEventHub } from '../../../electron/services/events';
import { silentLogger } from '../../../electron/services/logger';
import { chooseFeed, startUpdates, UPDATE_CHECK_INTERVAL_HOURS, type UpdateTimers } from '../../../electron/main/updates';
import { DEFAULT_SETTINGS, isUpdateFeedUrl, type Settings } from '../../../shared/settings';
import { createFakeUpdater } from '../../fakes/electron';

/** Timers the test fires by hand. */
function manualTimers() {
  const running: Array<{ callback: () => void; intervalMs: number; stopped: boolean }> = [];
  const timers: UpdateTimers = {
    every(callback, intervalMs) {
      const entry = { callback, intervalMs, stopped: false };
      running.push(entry);
      return { stop: () => void (entry.stopped = true) };
    },
  };
  return { timers, running, tick: () => running.filter((entry) => !entry.stopped).forEach((entry) => entry.callback()) };
}

test('the feed is the setting’s https address, else the build’s own, else none', () => {
  assert.equal(chooseFeed(DEFAULT_SETTINGS, false), null);
  assert.equal(chooseFeed(DEFAULT_SETTINGS, true), 'build');
  assert.deepEqual(chooseFeed({ ...DEFAULT_SETTINGS, updateFeedUrl: 'https://u.example/' }, true), { url: 'https://u.example/' });
  assert.equal(isUpdateFeedUrl('https://updates.example.com/mailbag/'), true);
  for (const text of ['http://u.example/', 'https://a:b@u.example/', 'ftp://u.example/', 'https://', '', `https://u.example/${'x'.repeat(3000)}`])
    assert.equal(isUpdateFeedUrl(text), false, text);
});

test('checks at start and every few hours while a feed is set, and stop when it is cleared', () => {
  const events = createEventHub();
  const fake = createFakeUpdater();
  const clock = manualTimers();
  let settings: Settings = DEFAULT_SETTINGS;
  const stop = startUpdates({
    updater: () => fake.module.autoUpdater,
    settings: () => settings,
    events,
    buildFeed: false,
    askRestart: async () => false,
    logger: silentLogger,
    timers: clock.timers,
  });
  assert.equal(fake.accesses(), 0, 'no feed: electron-updater is left alone');
  assert.equal(clock.running.length, 0);

  settings = { ...settings, updateFeedUrl: 'https://updates.example.com/a/' };
  events.emit('settingsChanged', settings);
  assert.deepEqual(
    fake.calls.map((call) => call.method),
    ['setFeedURL', 'checkForUpdates'],
  );
  assert.equal(clock.running[0]?.intervalMs, UPDATE_CHECK_INTERVAL_HOURS * 60 * 60 * 1000);
  clock.tick();
  clock.tick();
  assert.equal(fake.calls.filter((call) => call.method === 'checkForUpdates').length, 3);

  settings = { ...settings, updateFeedUrl: 'https://updates.example.com/b/' };
  events.emit('settingsChanged', settings);
  assert.deepEqual(fake.calls.at(-2), { method: 'setFeedURL', argument: { provider: 'generic', url: 'https://updates.example.com/b/' } });
  assert.equal(clock.running[0]?.stopped, true, 'the old schedule ends');

  settings = { ...settings, updateFeedUrl: null };
  events.emit('settingsChanged', settings);
  const before = fake.calls.length;
  clock.tick();
  assert.equal(fake.calls.length, before, 'no checks without a feed');
  stop();
});

test('a feed from the build is checked without being replaced; Later leaves the update for the next quit', async () => {
  const fake = createFakeUpdater();
  let asked = '';
  startUpdates({
    updater: () => fake.module.autoUpdater,
    settings: () => DEFAULT_SETTINGS,
    events: createEventHub(),
    buildFeed: true,
    askRestart: async (version) => ((asked = version), false),
    logger: silentLogger,
    timers: manualTimers().timers,
  });
  assert.deepEqual(
    fake.calls.map((call) => call.method),
    ['checkForUpdates'],
  );
  fake.emit('update-downloaded', { version: '1.2.3' });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(asked, '1.2.3');
  assert.equal(
    fake.calls.some((call) => call.method === 'quitAndInstall'),
    false,
  );
  fake.emit('error', new Error('feed unreachable'));
});
