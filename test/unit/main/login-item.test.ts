import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyStartAtLogin, AUTOSTART_FILE_NAME, autostartEntry } from '../../../electron/main/login-item';

test('on Linux, starting at login writes a desktop entry in the autostart folder and removes it again', async () => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'mailbag-autostart-'));
  try {
    const autostartDir = path.join(home, '.config', 'autostart');
    const calls: unknown[] = [];
    const target = {
      platform: 'linux' as const,
      setLoginItemSettings: (item: unknown) => void calls.push(item),
      autostartDir,
      command: ['/opt/Mailbag/mailbag'],
    };
    await applyStartAtLogin(true, target);
    const file = path.join(autostartDir, AUTOSTART_FILE_NAME);
    const entry = readFileSync(file, 'utf8');
    assert.match(entry, /^\[Desktop Entry\]\nType=Application\nName=Mailbag\nExec="\/opt\/Mailbag\/mailbag"\n/);
    assert.equal(statSync(file).mode & 0o077, 0, 'private to the user');
    await applyStartAtLogin(false, target);
    assert.equal(existsSync(file), false);
    await applyStartAtLogin(false, target);
    assert.deepEqual(calls, [], 'Linux keeps no login items through Electron');
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('a program path with spaces, quotes, dollars or percent signs cannot change the command; a line break is refused', () => {
  const line = autostartEntry(['/home/a b/My "Apps"/$HOME/100%/mail\\bag.AppImage']).split('\n')[3];
  assert.equal(line, 'Exec="/home/a b/My \\\\"Apps\\\\"/\\\\$HOME/100%%/mail\\\\\\\\bag.AppImage"');
  assert.throws(() => autostartEntry(['/tmp/x\nExec=rm -rf ~']), RangeError);
});

test('on Windows and macOS the system keeps the login item', async () => {
  for (const platform of ['win32', 'darwin'] as const) {
    const calls: unknown[] = [];
    const target = { platform, setLoginItemSettings: (item: unknown) => void calls.push(item), autostartDir: '/nonexistent/autostart', command: ['x'] };
    await applyStartAtLogin(true, target);
    await applyStartAtLogin(false, target);
    assert.deepEqual(calls, [{ openAtLogin: true }, { openAtLogin: false }]);
  }
});
