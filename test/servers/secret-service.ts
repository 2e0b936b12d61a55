import { execFile } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { claimDirectory, removeAbandonedServers, startServerProcess, type ServerProcess } from './server-process';

const run = promisify(execFile);

/** Debian packages a machine needs for {@link startSecretService}. */
export const SECRET_SERVICE_PACKAGES = ['dbus', 'dbus-x11', 'gnome-keyring', 'libsecret-1-dev'] as const;
/** How long the bus and the keyring daemon may take to come up. */
const STARTUP_TIMEOUT_MS = 15_000;
/** Interval between readiness checks. */
const STARTUP_POLL_MS = 50;
/** Bound on one `dbus-send` readiness query. */
const QUERY_TIMEOUT_MS = 2_000;
/** Name prefix of each instance's temporary directory. */
const DIRECTORY_PREFIX = 'mailbag-secret-service-';
/** The password that unlocks the test's login keyring (it only protects a throw-away keyring). */
const UNLOCK_PASSWORD = 'mailbag-test-keyring';
/** The well-known bus name of the freedesktop.org Secret Service API. */
const SECRET_SERVICE_NAME = 'org.freedesktop.secrets';

/**
 * A private D-Bus session bus with gnome-keyring's Secret Service on it, its login keyring created and
 * unlocked. Nothing on the machine's own session is touched: a child process that should use it gets
 * {@link SecretService.env} (keytar, through libsecret, connects to DBUS_SESSION_BUS_ADDRESS once per
 * process and keeps that connection, so each scenario runs in a process of its own).
 */
export interface SecretService {
  /** DBUS_SESSION_BUS_ADDRESS of the private bus. */
  readonly address: string;
  /** Environment for a child process that uses this Secret Service. */
  readonly env: NodeJS.ProcessEnv;
  /** Where gnome-keyring keeps its keyring files (to check for leaked secrets). */
  readonly keyringDir: string;
  readonly directory: string;
  stop(): Promise<void>;
}

function requireTool(tool: string): void {
  const found = (process.env['PATH'] ?? '').split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, tool), fsConstants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!found) {
    throw new Error(`${tool} was not found: the keychain tests need the Debian packages ${SECRET_SERVICE_PACKAGES.join(', ')}.`);
  }
}

/** A bus configuration with no service activation: only the daemons the test starts exist on it. */
function busConfig(socketPath: string): string {
  return `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=${socketPath}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;
}

async function nameHasOwner(address: string, name: string): Promise<boolean> {
  try {
    const { stdout } = await run(
      'dbus-send',
      [`--bus=${address}`, '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus.NameHasOwner', `string:${name}`],
      { timeout: QUERY_TIMEOUT_MS },
    );
    return /boolean true/.test(stdout);
  } catch {
    return false;
  }
}

async function waitFor(what: string, ready: () => Promise<boolean>, server: ServerProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await ready()) return;
    if (server.hasExited()) throw new Error(`${what} exited during startup: ${server.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, STARTUP_POLL_MS));
  }
  throw new Error(`${what} was not ready within ${STARTUP_TIMEOUT_MS} ms: ${server.stderr()}`);
}

function canConnect(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(socketPath);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts a private session bus (`dbus-daemon --nofork` with a configuration of its own) and
 * `gnome-keyring-daemon --foreground --unlock --components=secrets` on it, reading the unlock password
 * from a file on standard input; the login keyring is created in the instance's own data directory.
 * Ready when the bus accepts connections and `org.freedesktop.secrets` has an owner.
 */
export async function startSecretService(): Promise<SecretService> {
  for (const tool of ['dbus-daemon', 'dbus-send', 'gnome-keyring-daemon']) requireTool(tool);
  removeAbandonedServers(DIRECTORY_PREFIX);
  const directory = await mkdtemp(path.join(os.tmpdir(), DIRECTORY_PREFIX));
  await claimDirectory(directory);
  const socketPath = path.join(directory, 'bus');
  const address = `unix:path=${socketPath}`;
  const home = path.join(directory, 'home');
  const runtimeDir = path.join(directory, 'run');
  const keyringDir = path.join(home, 'data');
  await mkdir(runtimeDir, { recursive: true, mode: 0o700 });
  await mkdir(keyringDir, { recursive: true, mode: 0o700 });
  const configPath = path.join(directory, 'bus.conf');
  const passwordPath = path.join(directory, 'unlock');
  await writeFile(configPath, busConfig(socketPath));
  await writeFile(passwordPath, UNLOCK_PASSWORD, { mode: 0o600 });

  const env = { DBUS_SESSION_BUS_ADDRESS: address, HOME: home, XDG_DATA_HOME: keyringDir, XDG_RUNTIME_DIR: runtimeDir };
  // Both daemons in one process group (the shell's), so stopping it, or a later run's clean-up after a
  // crash, ends both. The keyring daemon starts once the bus socket exists.
  const script = [
    'dbus-daemon --nofork --config-file="$1" &',
    'while [ ! -S "$2" ]; do sleep 0.05; done',
    'exec env DBUS_SESSION_BUS_ADDRESS="$3" HOME="$4" XDG_DATA_HOME="$5" XDG_RUNTIME_DIR="$6" \\',
    '  gnome-keyring-daemon --foreground --unlock --components=secrets <"$7" >/dev/null',
  ].join('\n');
  let server: ServerProcess | undefined;
  const stop = async (): Promise<void> => {
    await server?.stop();
    await rm(directory, { recursive: true, force: true });
  };
  try {
    server = await startServerProcess(
      'sh',
      ['-c', script, 'secret-service', configPath, socketPath, address, home, keyringDir, runtimeDir, passwordPath],
      directory,
    );
    const started = server;
    await waitFor('The Secret Service', async () => (await canConnect(socketPath)) && nameHasOwner(address, SECRET_SERVICE_NAME), started);
    return { address, env: { ...process.env, ...env }, keyringDir, directory, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
