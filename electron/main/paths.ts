import path from 'node:path';

/**
 * The package root. Sources (electron/<folder>/) and bundles (out/electron/) both sit two levels below
 * it, so one relative path serves tests, the command line, the browser bridge and the packaged app.
 */
export function packageRoot(): string {
  return path.resolve(__dirname, '..', '..');
}

/** Where `npm run build` puts the renderer (served by Electron's app:// protocol and the bridge). */
export function builtRendererDir(): string {
  return path.join(packageRoot(), 'out', 'renderer');
}

/** Where `npm start` puts the better-sqlite3 addon rebuilt for Electron's ABI (see electron/tools). */
export function electronNativeDir(): string {
  return path.join(packageRoot(), 'out', 'native-electron');
}
