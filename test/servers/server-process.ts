import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { LOOPBACK } from './free-port';

/** How long a server may take to exit after SIGTERM before it is killed. */
const STOP_TIMEOUT_MS = 5_000;
/** Files in a server's directory that say which test process started it and what its pid is. */
const OWNER_FILE = 'owner.pid';
const SERVER_PID_FILE = 'server.pid';
const TERMINATING_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

const running = new Set<ChildProcess>();
let hooksInstalled = false;

/**
 * A real server started in the foreground, in a process group of its own, so that stopping it ends
 * every process it forked, and nothing it does reaches the test's own process group.
 */
export interface ServerProcess {
  readonly pid: number;
  /** Resolves when the server's main process has exited. */
  readonly exited: Promise<unknown>;
  /** Whether the main process has exited. */
  hasExited(): boolean;
  /** Everything the server wrote to stderr so far. */
  stderr(): string;
  /** SIGTERM to the group, SIGKILL after a grace period, then SIGKILL to any process left in the group. */
  stop(): Promise<void>;
  /** SIGKILL to the whole group at once; resolves when the main process has exited. */
  kill(): Promise<void>;
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}

/** Ends every running server when this process exits or is told to stop by a signal. */
function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  const killAll = (): void => {
    for (const child of running) if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8'));
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Records, in a server's directory, that this process owns it (see {@link removeAbandonedServers}). */
export async function claimDirectory(directory: string): Promise<void> {
  await writeFile(path.join(directory, OWNER_FILE), String(process.pid));
}

/** Gives up ownership of a directory that is kept for debugging, so later runs leave it alone. */
export function releaseDirectory(directory: string): void {
  rmSync(path.join(directory, OWNER_FILE), { force: true });
}

/**
 * Ends the servers of earlier test processes that died without stopping them (SIGKILL, a crash) and
 * removes their directories: those in the temporary folder named `prefix*` whose owner process is
 * gone. A server is only killed if its command line names its own directory, so a reused pid is safe.
 */
export function removeAbandonedServers(prefix: string): void {
  let names: string[];
  try {
    names = readdirSync(os.tmpdir()).filter((name) => name.startsWith(prefix));
  } catch {
    return;
  }
  for (const name of names) {
    const directory = path.join(os.tmpdir(), name);
    const owner = readPid(path.join(directory, OWNER_FILE));
    if (owner === undefined || isAlive(owner)) continue;
    const server = readPid(path.join(directory, SERVER_PID_FILE));
    if (server !== undefined) {
      try {
        if (readFileSync(`/proc/${server}/cmdline`, 'utf8').includes(directory)) killGroup(server, 'SIGKILL');
      } catch {
        // The process is gone.
      }
    }
    rmSync(directory, { recursive: true, force: true });
  }
}

/** Starts `command` in the foreground of a new process group and records its pid in `directory`. */
export async function startServerProcess(command: string, args: readonly string[], directory: string): Promise<ServerProcess> {
  installHooks();
  const child = spawn(command, [...args], { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  const pid = child.pid;
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<unknown>((resolve) => {
    child.once('exit', resolve);
    child.once('error', (error) => {
      stderr += String(error);
      resolve(error);
    });
  });
  if (pid === undefined) {
    await exited;
    throw new Error(`${command} could not be started: ${stderr}`);
  }
  running.add(child);
  await writeFile(path.join(directory, SERVER_PID_FILE), String(pid));
  const hasExited = (): boolean => child.exitCode !== null || child.signalCode !== null;
  return {
    pid,
    exited,
    hasExited,
    stderr: () => stderr,
    async stop() {
      if (!hasExited()) {
        killGroup(pid, 'SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, STOP_TIMEOUT_MS).unref())]);
        if (!hasExited()) {
          killGroup(pid, 'SIGKILL');
          await exited;
        }
      }
      // Whatever the server left behind is still in its process group.
      killGroup(pid, 'SIGKILL');
      running.delete(child);
    },
    async kill() {
      killGroup(pid, 'SIGKILL');
      await exited;
    },
  };
}

/** How long one readiness probe waits for a port to answer. */
const PROBE_TIMEOUT_MS = 2_000;
/** Pause between readiness probes. */
const READY_POLL_MS = 50;

/** A port a starting server must answer on: with a greeting line starting `greeting`, or (null) by accepting a connection (implicit TLS). */
export interface ReadinessCheck {
  readonly port: number;
  readonly greeting: string | null;
}

/** Whether the port answers as `check` expects, right now. */
function probe(check: ReadinessCheck): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: LOOPBACK, port: check.port });
    let received = '';
    const finish = (ready: boolean): void => {
      socket.destroy();
      resolve(ready);
    };
    socket.setTimeout(PROBE_TIMEOUT_MS, () => finish(false));
    socket.once('error', () => finish(false));
    socket.once('connect', () => {
      if (check.greeting === null) finish(true);
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.includes('\r\n')) finish(check.greeting !== null && received.startsWith(check.greeting));
    });
  });
}

/** Waits until every port answers as expected; fails early when the server exits, or after `timeoutMs`. */
export async function waitUntilAnswering(server: ServerProcess, name: string, checks: readonly ReadinessCheck[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.hasExited()) throw new Error(`${name} exited during startup`);
    let ready = true;
    for (const check of checks) {
      if (!(await probe(check))) {
        ready = false;
        break;
      }
    }
    if (ready) return;
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
  }
  throw new Error(`${name} did not greet on ${LOOPBACK}:${checks.map((check) => check.port).join(',')} within ${timeoutMs} ms`);
}
