/**
 * Prepares the better-sqlite3 addon for Electron's ABI without touching node_modules, so the same
 * checkout runs both the app (`npm start`, Electron's ABI) and the tests, CLI and browser bridge
 * (Node's ABI) with no manual steps in between, in either order.
 *
 * A copy of the module is rebuilt with @electron/rebuild under out/native-electron/stage, and the
 * resulting addon is placed at out/native-electron/better_sqlite3.node, where the main process loads it
 * through better-sqlite3's `nativeBinding` option (electron-builder ships it as a resource). keytar
 * needs nothing of the kind: it is an N-API addon, whose ABI is the same in Node and Electron.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { electronNativeDir, packageRoot } from '../main/paths';

const MODULE = 'better-sqlite3';
const ADDON = 'better_sqlite3.node';

function versionOf(packageDir: string): string {
  return (JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
}

async function main(): Promise<void> {
  const root = packageRoot();
  const target = electronNativeDir();
  const moduleDir = path.join(root, 'node_modules', MODULE);
  const stamp = {
    electron: versionOf(path.join(root, 'node_modules', 'electron')),
    module: versionOf(moduleDir),
    platform: process.platform,
    arch: process.arch,
  };
  const stampFile = path.join(target, 'stamp.json');
  if (existsSync(path.join(target, ADDON)) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === JSON.stringify(stamp)) {
    return;
  }
  process.stdout.write(`Building ${MODULE} ${stamp.module} for Electron ${stamp.electron} (once per version)…\n`);
  const stage = path.join(target, 'stage');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(path.join(stage, 'node_modules'), { recursive: true });
  writeFileSync(path.join(stage, 'package.json'), JSON.stringify({ name: 'mailbag-native', private: true, dependencies: { [MODULE]: stamp.module } }));
  cpSync(moduleDir, path.join(stage, 'node_modules', MODULE), {
    recursive: true,
    filter: (source) => !source.startsWith(path.join(moduleDir, 'build')),
  });
  // A nodedir setting (npm config or environment) would make node-gyp use Node's headers and produce
  // an addon for the wrong ABI; Electron's own headers are required here.
  for (const key of Object.keys(process.env)) {
    if (key.toLowerCase() === 'npm_config_nodedir') delete process.env[key];
  }
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({ buildPath: stage, electronVersion: stamp.electron, onlyModules: [MODULE], force: true, mode: 'sequential' });
  copyFileSync(path.join(stage, 'node_modules', MODULE, 'build', 'Release', ADDON), path.join(target, ADDON));
  writeFileSync(stampFile, JSON.stringify(stamp));
  rmSync(stage, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Could not build ${MODULE} for Electron: ${error instanceof Error ? error.message : String(error)}\n` +
      'This needs a C++ toolchain (see README) and access to Electron’s headers.\n',
  );
  process.exit(1);
});
