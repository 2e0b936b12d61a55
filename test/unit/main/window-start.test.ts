import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTranslator } from '../../../shared/i18n/catalogs';
import type * as WindowModule from '../../../electron/main/window';
import type * as ShellModule from '../../../electron/main/desktop-shell';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import { createFakeElectron, installFakeElectron, type FakeBrowserWindow } from '../../fakes/electron';

const fake = createFakeElectron('/nonexistent');
const uninstall = installFakeElectron(fake);
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only after the fake is installed
const { createMainWindow } = require('../../../electron/main/window') as typeof WindowModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only after the fake is installed
const { mainWindowStart } = require('../../../electron/main/desktop-shell') as typeof ShellModule;

after(() => uninstall());

test('start minimised: to the tray when its icon is on, else to the taskbar; shown otherwise', () => {
  assert.equal(mainWindowStart(DEFAULT_SETTINGS), 'shown');
  assert.equal(mainWindowStart({ ...DEFAULT_SETTINGS, startMinimised: true }), 'minimised');
  assert.equal(mainWindowStart({ ...DEFAULT_SETTINGS, startMinimised: true, trayIcon: true }), 'hidden');
  assert.equal(mainWindowStart({ ...DEFAULT_SETTINGS, trayIcon: true }), 'shown');
});

test('the main window shows itself when ready, or only minimises, or stays hidden for the tray', () => {
  const options = { preloadPath: '/p.cjs', pageUrl: 'app://mailbag/index.html', openExternal: () => undefined, translate: () => createTranslator('en').t };
  const calls = (start: WindowModule.WindowStart) => {
    const window = createMainWindow(options, start) as unknown as FakeBrowserWindow;
    assert.equal(window.options['show'], false, 'never shown before its page is ready');
    window.emit('ready-to-show');
    return window.showCalls;
  };
  assert.deepEqual(calls('shown'), ['show']);
  assert.deepEqual(calls('minimised'), ['minimize']);
  assert.deepEqual(calls('hidden'), []);
});
