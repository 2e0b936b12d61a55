import { Worker, type WorkerOptions } from 'node:worker_threads';
import path from 'node:path';

/**
 * Starts a worker thread from its entry file. Built bundles (`.cjs`) start directly; TypeScript sources
 * (tests, `npm run cli` from a checkout) start through tsx's require hook, because Node 20 does not
 * apply `--import` loader hooks to a worker's entry module.
 */
export function startWorker(entryFile: string, options: WorkerOptions = {}): Worker {
  if (!entryFile.endsWith('.ts')) return new Worker(entryFile, options);
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
