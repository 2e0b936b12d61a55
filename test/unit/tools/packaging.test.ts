import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
  build: {
    asar: boolean;
    files: string[];
    npmRebuild: boolean;
    electronFuses: Record<string, boolean>;
    extraResources: { from: string; to: string }[];
    directories: { buildResources: string; output: string };
    linux: { target: string[]; mimeTypes?: string[]; executableArgs?: string[] };
    win: { target: string[] };
    mac: { target: string[]; protocols?: { name: string; schemes: string[] }[] };
    protocols?: unknown;
  };
};

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(path.join(root, file));
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${file} is not a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('Electron fuses are set to their safe values and the app ships as an asar', () => {
  assert.equal(manifest.build.asar, true);
  assert.deepEqual(manifest.build.electronFuses, {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  });
});

test('packaging never rebuilds node_modules in place and ships the Electron build of SQLite where main loads it', () => {
  assert.equal(manifest.build.npmRebuild, false);
  assert.deepEqual(manifest.build.extraResources, [{ from: 'out/native-electron/better_sqlite3.node', to: 'native/better_sqlite3.node' }]);
  const main = readFileSync(path.join(root, 'electron', 'main', 'index.ts'), 'utf8');
  assert.match(main, /path\.join\(process\.resourcesPath, 'native', SQLITE_ADDON\)/);
  assert.equal(manifest.main, 'out/electron/main.cjs');
});

test('all four platforms’ installers are configured, with output outside build/', () => {
  assert.deepEqual(manifest.build.linux.target, ['AppImage', 'deb']);
  assert.deepEqual(manifest.build.win.target, ['nsis']);
  assert.deepEqual(manifest.build.mac.target, ['dmg']);
  assert.equal(manifest.build.directories.buildResources, 'build');
  assert.notEqual(manifest.build.directories.output, 'build');
  assert.match(manifest.scripts['dist'] ?? '', /electron-builder/);
});

test('the app icon exists at 512 and 256 pixels', () => {
  assert.deepEqual(pngSize('build/icons/512x512.png'), { width: 512, height: 512 });
  assert.deepEqual(pngSize('build/icons/256x256.png'), { width: 256, height: 256 });
  assert.deepEqual(pngSize('build/icon.png'), { width: 512, height: 512 });
});

test('the installed app handles mailto: links: the Linux .desktop file and the macOS bundle say so, and main registers it', () => {
  // electron-builder writes linux.mimeTypes into the .desktop file's MimeType, and its Exec ends in %U
  // (the link as an argument) as long as no executableArgs replace it.
  assert.deepEqual(manifest.build.linux.mimeTypes, ['x-scheme-handler/mailto']);
  assert.equal(manifest.build.linux.executableArgs, undefined);
  assert.deepEqual(
    manifest.build.mac.protocols?.flatMap((protocol) => protocol.schemes),
    ['mailto'],
  );
  // Top-level protocols would add a second x-scheme-handler/mailto to the .desktop file.
  assert.equal(manifest.build.protocols, undefined);
  const main = readFileSync(path.join(root, 'electron', 'main', 'index.ts'), 'utf8');
  assert.match(main, /app\.setAsDefaultProtocolClient\(MAILTO_SCHEME\)/);
});

test('the package ships the icons main loads: the window’s and the tray’s', () => {
  assert.ok(manifest.build.files.includes('build/icons/512x512.png'));
  assert.ok(manifest.build.files.includes('build/icons/32x32.png'));
  assert.deepEqual(pngSize('build/icons/32x32.png'), { width: 32, height: 32 });
  const shell = readFileSync(path.join(root, 'electron', 'main', 'desktop-shell.ts'), 'utf8');
  assert.match(shell, /const TRAY_ICON_FILE = '32x32\.png'/);
});
