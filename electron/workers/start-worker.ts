import { existsSync } from 'node:fs';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import path from 'node:path';

/** The built file beside the bundles that runs a bundle from V8's code cache (electron/cli/code-cache.ts). */
const CODE_CACHE_RUNNER = 'code-cache.cjs';

/**
 * Starts a worker thread from its entry file. Built bundles (`.cjs`) start from V8's code cache under
 * Node (the command line and the browser bridge), so a worker does not compile its bundle again each
 * time; Electron starts them directly (its files are read-only, where no cache could be written).
 * TypeScript sources (tests, `npm run cli` from a checkout) start through tsx's require hook, because
 * Node 20 does not apply `--import` loader hooks to a worker's entry module.
 */
export function startWorker(entryFile: string, options: WorkerOptions = {}): Worker {
  if (!entryFile.endsWith('.ts')) {
    const runner = path.join(path.dirname(entryFile), CODE_CACHE_RUNNER);
    if (process.versions['electron'] !== undefined || !existsSync(runner)) return new Worker(entryFile, options);
    const source = `require(${JSON.stringify(runner)}).runWithCodeCache(${JSON.stringify(entryFile)});`;
    return new Worker(source, { ...options, eval: true });
  }
  const source = `require('tsx/cjs/api').register(); require(${JSON.stringify(entryFile)});`;
  return new Worker(source, { ...options, eval: true });
}

/**
 * The entry file of a worker by base name (for example `smtp-worker`). Worker sources sit in
 * electron/workers/ beside this module, and the build writes each worker bundle next to the bundle
 * that includes this module, so one rule finds both.
 */
export function workerEntryFile(baseName: string): string {
  return path.join(__dirname, `${baseName}${path.extname(__filename) === '.ts' ? '.ts' : '.cjs'}`);
}
