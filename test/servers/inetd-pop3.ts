/**
 * Real POP3 servers Debian ships besides Dovecot, each run per connection by the test inetd inside a
 * private view of the system (see private-system.ts): GNU Mailutils pop3d (installed as a package; it
 * does not conflict with Dovecot), and popa3d and Solid POP3, whose packages conflict with Dovecot's
 * and are therefore unpacked with `dpkg-deb -x` (test/servers/unpack-debian-servers.sh) and run from
 * there, as is Courier POP3 (with its authentication daemon), laid over /usr and /etc in the private
 * view because it looks for its libraries and configuration at their built-in paths. All sign in
 * system users through PAM and read the user's mbox in /var/mail (Courier: ~/Maildir).
 */
import { accessSync, existsSync, constants as fsConstants } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startInetd } from './inetd';
import { createPrivateSystem, type PrivateUser, type ServiceAccount } from './private-system';
import { claimDirectory, removeAbandonedServers, startServerProcess, type ServerProcess } from './server-process';

/** Where unpack-debian-servers.sh puts packages that cannot be installed beside Dovecot and Postfix. */
export const UNPACKED_SERVERS_DIRECTORY = process.env['MAILBAG_UNPACKED_SERVERS'] ?? '/opt/mailbag-test-servers';
/** Name prefix of each server's temporary directory. */
const DIRECTORY_PREFIX = 'mailbag-inetd-pop3-';
/** The test user's name and password unless a test asks for others. */
export const INETD_POP3_USER = 'mbtest';
export const INETD_POP3_PASSWORD = 'Correct horse 42';
/** User and service ids inside the private view; they only name files in the test's own folders. */
const TEST_UID = 64_011;

/** The servers this module starts. */
export type InetdPop3Kind = 'mailutils' | 'popa3d' | 'solid-pop3d' | 'courier';

interface Definition {
  /** The Debian package(s), for the message when they are missing. */
  readonly debianPackage: string;
  /** Installed by apt (undefined) or unpacked into this folder of UNPACKED_SERVERS_DIRECTORY. */
  readonly unpacked?: string;
  /** The program run per connection (inside the private view when `overlay` is set). */
  readonly binary: string;
  readonly args: readonly string[];
  readonly services: readonly ServiceAccount[];
  readonly mailbox: 'mbox' | 'maildir';
  /** Lay the unpacked package over /usr and /etc, so its programs find their files at built-in paths. */
  readonly overlay?: boolean;
  /** A helper that runs for the server's lifetime (Courier's authentication daemon), and the socket it makes. */
  readonly daemon?: { readonly binary: string; readonly socket: string };
  readonly run?: readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
}

const DEFINITIONS: Readonly<Record<InetdPop3Kind, Definition>> = {
  mailutils: { debianPackage: 'mailutils-pop3d', binary: '/usr/sbin/pop3d', args: ['--inetd', '--no-config'], services: [], mailbox: 'mbox' },
  popa3d: {
    debianPackage: 'popa3d',
    unpacked: 'popa3d',
    binary: 'usr/sbin/popa3d',
    args: [],
    // Privilege separation: an unprivileged user chrooted into /var/lib/popa3d.
    services: [{ name: 'popa3d', uid: TEST_UID - 1, gid: TEST_UID - 1, varLibFolders: ['popa3d'] }],
    mailbox: 'mbox',
  },
  'solid-pop3d': {
    debianPackage: 'solid-pop3d',
    unpacked: 'solid-pop3d',
    binary: 'usr/sbin/solid-pop3d',
    args: ['-f', path.join(UNPACKED_SERVERS_DIRECTORY, 'solid-pop3d', 'etc', 'spop3d.conf')],
    services: [{ name: 'spop3d', uid: TEST_UID + 1, gid: TEST_UID + 1, varLibFolders: ['solid-pop3d/bulletins'] }],
    mailbox: 'mbox',
  },
  // pop3login signs in through authdaemond (PAM here), then runs pop3d on ~/Maildir, as couriertcpd would.
  courier: {
    debianPackage: 'courier-pop courier-base courier-authlib courier-authdaemon libcourier-unicode4',
    unpacked: 'courier',
    binary: '/usr/lib/courier/courier/courierpop3login',
    args: ['/usr/lib/courier/courier/courierpop3d', 'Maildir'],
    services: [],
    mailbox: 'maildir',
    overlay: true,
    daemon: { binary: '/usr/lib/courier/courier-authlib/authdaemond', socket: 'courier/authdaemon/socket' },
    run: ['courier/authdaemon'],
    environment: {
      TCPREMOTEIP: '127.0.0.1',
      TCPREMOTEPORT: '0',
      TCPLOCALIP: '127.0.0.1',
      TCPLOCALPORT: '110',
      POP3AUTH: '',
      MAILDIRPATH: 'Maildir',
      MIME_UNICODE_MESSAGE_TYPE: 'message/global',
    },
  },
};

/** How long a helper daemon may take to create its socket. */
const DAEMON_START_TIMEOUT_MS = 10_000;
const DAEMON_POLL_MS = 50;

/** A running server of one of these kinds, with its user's mbox. */
export interface InetdPop3Server {
  readonly kind: InetdPop3Kind;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** Replaces the user's maildrop with these messages (mbox or Maildir, whichever the server reads). */
  setMessages(messages: readonly Buffer[]): Promise<void>;
  /** What the per-connection servers wrote to stderr. */
  stderr(): string;
  stop(): Promise<void>;
}

/** The server's program (as the host sees it), or an error that says how to get it. */
export function inetdPop3Binary(kind: InetdPop3Kind): string {
  const definition = DEFINITIONS[kind];
  const root = definition.unpacked === undefined ? '/' : path.join(UNPACKED_SERVERS_DIRECTORY, definition.unpacked);
  const binary = path.join(root, definition.binary);
  try {
    accessSync(binary, fsConstants.X_OK);
  } catch {
    throw new Error(
      definition.unpacked === undefined
        ? `${binary} is missing: apt-get install ${definition.debianPackage}`
        : `${binary} is missing: run test/servers/unpack-debian-servers.sh (it unpacks ${definition.debianPackage} into ${root})`,
    );
  }
  return binary;
}

async function waitForFile(file: string, what: () => string): Promise<void> {
  const deadline = Date.now() + DAEMON_START_TIMEOUT_MS;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${file} did not appear: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, DAEMON_POLL_MS));
  }
}

/** Starts one of the servers on a free loopback port with an empty maildrop for the test user. */
export async function startInetdPop3(kind: InetdPop3Kind): Promise<InetdPop3Server> {
  const definition = DEFINITIONS[kind];
  const hostBinary = inetdPop3Binary(kind);
  // With the package laid over /usr, its programs are run by their built-in paths.
  const binary = definition.overlay === true ? definition.binary : hostBinary;
  if (process.getuid?.() !== 0) throw new Error('The unpacked POP3 servers need root (a private mount namespace and PAM).');
  removeAbandonedServers(DIRECTORY_PREFIX);
  const directory = await mkdtemp(path.join(os.tmpdir(), DIRECTORY_PREFIX));
  await claimDirectory(directory);
  const user: PrivateUser = { name: INETD_POP3_USER, password: INETD_POP3_PASSWORD, uid: TEST_UID, gid: TEST_UID };
  let daemon: ServerProcess | undefined;
  try {
    const system = await createPrivateSystem(directory, [user], definition.services, {
      ...(definition.overlay === true && definition.unpacked !== undefined
        ? { packageRoots: [path.join(UNPACKED_SERVERS_DIRECTORY, definition.unpacked)] }
        : {}),
      ...(definition.run === undefined ? {} : { run: definition.run }),
    });
    const setMessages = (messages: readonly Buffer[]): Promise<void> =>
      definition.mailbox === 'mbox' ? system.writeMbox(user, messages) : system.writeMaildir(user, messages);
    await setMessages([]);
    if (definition.daemon !== undefined) {
      const wrappedDaemon = system.wrap(definition.daemon.binary, []);
      const started = await startServerProcess(wrappedDaemon.command, wrappedDaemon.args, directory);
      daemon = started;
      await waitForFile(path.join(directory, 'run', definition.daemon.socket), () => started.stderr());
    }
    const wrapped = system.wrap(binary, definition.args);
    const inetd = await startInetd(wrapped.command, wrapped.args, { ...process.env, ...definition.environment });
    let stopped = false;
    return {
      kind,
      host: inetd.host,
      port: inetd.port,
      user: user.name,
      password: user.password,
      setMessages,
      stderr: () => `${inetd.stderr()}${daemon?.stderr() ?? ''}`,
      async stop() {
        if (stopped) return;
        stopped = true;
        await inetd.close();
        await daemon?.stop();
        await rm(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await daemon?.stop();
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}
