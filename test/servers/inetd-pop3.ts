/**
 * Real POP3 servers Debian ships besides Dovecot, each run per connection by the test inetd inside a
 * private view of the system (see private-system.ts): GNU Mailutils pop3d (installed as a package; it
 * does not conflict with Dovecot), and popa3d and Solid POP3, whose packages conflict with Dovecot's
 * and are therefore unpacked with `dpkg-deb -x` (test/servers/unpack-debian-servers.sh) and run from
 * there. All three sign in system users through PAM and read the user's mbox in /var/mail.
 */
import { accessSync, constants as fsConstants } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startInetd } from './inetd';
import { createPrivateSystem, type PrivateUser, type ServiceAccount } from './private-system';
import { claimDirectory, removeAbandonedServers } from './server-process';

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
export type InetdPop3Kind = 'mailutils' | 'popa3d' | 'solid-pop3d';

interface Definition {
  /** The Debian package, for the message when it is missing. */
  readonly debianPackage: string;
  /** Installed by apt (true) or unpacked into UNPACKED_SERVERS_DIRECTORY (false). */
  readonly installed: boolean;
  readonly binary: string;
  readonly args: (directory: string) => string[];
  readonly services: readonly ServiceAccount[];
}

const DEFINITIONS: Readonly<Record<InetdPop3Kind, Definition>> = {
  mailutils: { debianPackage: 'mailutils-pop3d', installed: true, binary: '/usr/sbin/pop3d', args: () => ['--inetd', '--no-config'], services: [] },
  popa3d: {
    debianPackage: 'popa3d',
    installed: false,
    binary: 'usr/sbin/popa3d',
    args: () => [],
    // Privilege separation: an unprivileged user chrooted into /var/lib/popa3d.
    services: [{ name: 'popa3d', uid: TEST_UID - 1, gid: TEST_UID - 1, varLibFolders: ['popa3d'] }],
  },
  'solid-pop3d': {
    debianPackage: 'solid-pop3d',
    installed: false,
    binary: 'usr/sbin/solid-pop3d',
    args: () => ['-f', path.join(UNPACKED_SERVERS_DIRECTORY, 'solid-pop3d', 'etc', 'spop3d.conf')],
    services: [{ name: 'spop3d', uid: TEST_UID + 1, gid: TEST_UID + 1, varLibFolders: ['solid-pop3d/bulletins'] }],
  },
};

/** A running server of one of these kinds, with its user's mbox. */
export interface InetdPop3Server {
  readonly kind: InetdPop3Kind;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** Replaces the user's maildrop with these messages (mbox; the server sends them with CRLF). */
  setMessages(messages: readonly Buffer[]): Promise<void>;
  /** The mbox as it is now (to see what the server deleted). */
  readMbox(): Promise<Buffer>;
  /** What the per-connection servers wrote to stderr. */
  stderr(): string;
  stop(): Promise<void>;
}

/** The server's program, or an error that says how to get it. */
export function inetdPop3Binary(kind: InetdPop3Kind): string {
  const definition = DEFINITIONS[kind];
  const binary = definition.installed ? definition.binary : path.join(UNPACKED_SERVERS_DIRECTORY, definition.debianPackage, definition.binary);
  try {
    accessSync(binary, fsConstants.X_OK);
  } catch {
    throw new Error(
      definition.installed
        ? `${binary} is missing: apt-get install ${definition.debianPackage}`
        : `${binary} is missing: run test/servers/unpack-debian-servers.sh (it unpacks ${definition.debianPackage} into ${UNPACKED_SERVERS_DIRECTORY})`,
    );
  }
  return binary;
}

/** Starts one of the servers on a free loopback port with an empty maildrop for the test user. */
export async function startInetdPop3(kind: InetdPop3Kind): Promise<InetdPop3Server> {
  const definition = DEFINITIONS[kind];
  const binary = inetdPop3Binary(kind);
  if (process.getuid?.() !== 0) throw new Error('The unpacked POP3 servers need root (a private mount namespace and PAM).');
  removeAbandonedServers(DIRECTORY_PREFIX);
  const directory = await mkdtemp(path.join(os.tmpdir(), DIRECTORY_PREFIX));
  await claimDirectory(directory);
  const user: PrivateUser = { name: INETD_POP3_USER, password: INETD_POP3_PASSWORD, uid: TEST_UID, gid: TEST_UID };
  try {
    const system = await createPrivateSystem(directory, [user], definition.services);
    await system.writeMbox(user, []);
    const wrapped = system.wrap(binary, definition.args(directory));
    const inetd = await startInetd(wrapped.command, wrapped.args);
    let stopped = false;
    return {
      kind,
      host: inetd.host,
      port: inetd.port,
      user: user.name,
      password: user.password,
      setMessages: (messages) => system.writeMbox(user, messages),
      readMbox: () => readFile(path.join(system.spool, user.name)),
      stderr: () => inetd.stderr(),
      async stop() {
        if (stopped) return;
        stopped = true;
        await inetd.close();
        await rm(directory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}
