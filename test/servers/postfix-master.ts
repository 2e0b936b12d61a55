/**
 * Postfix's master daemon calls setsid(), so it leaves the process group that `startServerProcess`
 * stops. This module tracks each test Postfix's master by the pid file it writes into its queue
 * directory and ends it (and every daemon in its group) on stop, when this process exits or is
 * signalled, and — for runs that died without cleaning up — at the next start.
 */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** How long the master may take to end its daemons after SIGTERM. */
const MASTER_STOP_TIMEOUT_MS = 5_000;
const MASTER_POLL_MS = 50;
const TERMINATING_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

const running = new Set<number>();
let hooksInstalled = false;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Gone already.
  }
}

/** The master's pid from `<queue>/pid/master.pid`, if the file is there. */
export function readMasterPid(queueDirectory: string): number | undefined {
  try {
    const pid = Number(readFileSync(path.join(queueDirectory, 'pid', 'master.pid'), 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `pid` is a Postfix master working in `queueDirectory` (so a reused pid is never killed). */
function isMasterOf(pid: number, queueDirectory: string): boolean {
  try {
    const cwd = readlinkSync(`/proc/${pid}/cwd`).replace(/ \(deleted\)$/, '');
    return cwd === queueDirectory && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('master');
  } catch {
    return false;
  }
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  const killAll = (): void => {
    for (const pid of running) killGroup(pid, 'SIGKILL');
  };
  process.on('exit', killAll);
  for (const signal of TERMINATING_SIGNALS) {
    const onSignal = (): void => {
      killAll();
      process.off(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

/** Records a started master so it is ended even if the test never calls stop. */
export function trackMaster(pid: number): void {
  installHooks();
  running.add(pid);
}

/** SIGTERM to the master (it stops its daemons), SIGKILL to its group after a grace period. */
export async function stopMaster(pid: number): Promise<void> {
  if (isAlive(pid)) {
    killGroup(pid, 'SIGTERM');
    const deadline = Date.now() + MASTER_STOP_TIMEOUT_MS;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, MASTER_POLL_MS));
  }
  killGroup(pid, 'SIGKILL');
  running.delete(pid);
}

/**
 * Ends the masters of earlier test runs that died without stopping them: directories named `prefix*`
 * whose owner process (owner.pid, see server-process.ts) is gone.
 */
export function stopAbandonedMasters(prefix: string): void {
  let names: string[];
  try {
    names = readdirSync(os.tmpdir()).filter((name) => name.startsWith(prefix));
  } catch {
    return;
  }
  for (const name of names) {
    const directory = path.join(os.tmpdir(), name);
    let owner: number | undefined;
    try {
      owner = Number(readFileSync(path.join(directory, 'owner.pid'), 'utf8'));
    } catch {
      continue;
    }
    if (Number.isSafeInteger(owner) && owner > 0 && isAlive(owner)) continue;
    const queue = path.join(directory, 'queue');
    const master = readMasterPid(queue);
    if (master !== undefined && isMasterOf(master, queue)) killGroup(master, 'SIGKILL');
  }
}
