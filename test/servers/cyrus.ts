/**
 * Cyrus IMAP's POP3 server as a test server. Its Debian package conflicts with Dovecot's, so
 * test/servers/unpack-debian-servers.sh unpacks cyrus-common and cyrus-pop3d (and sasl2-bin for
 * saslpasswd2), and Cyrus' own master process runs in the foreground inside a private view of the
 * system (the package laid over /usr and /etc, the `cyrus` user), with a configuration, mail spool and
 * SASL password database of the server's own folder. It listens on a free loopback port for POP3 and
 * on a socket of that folder for LMTP, and messages reach the user's INBOX the way a mail server
 * delivers them: Cyrus' `deliver` over LMTP. Sign-in goes through Cyrus SASL's sasldb, so besides
 * USER/PASS and APOP the server offers SCRAM, CRAM-MD5, PLAIN and LOGIN.
 */
import { execFile } from 'node:child_process';
import { accessSync, existsSync, constants as fsConstants } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findFreePorts, LOOPBACK } from './free-port';
import { INETD_POP3_PASSWORD, INETD_POP3_USER, UNPACKED_SERVERS_DIRECTORY, type InetdPop3Server } from './inetd-pop3';
import { createPrivateSystem, type PrivateSystem } from './private-system';
import { claimDirectory, removeAbandonedServers, startServerProcess, waitUntilAnswering, type ServerProcess } from './server-process';

/** Name prefix of each server's temporary directory. */
const DIRECTORY_PREFIX = 'mailbag-cyrus-';
/** The server's name, which is also the SASL realm its users' passwords are stored under. */
const SERVER_NAME = 'mailbag-test';
/** The `cyrus` user inside the private view; its id only names files in the server's own folder. */
const CYRUS_UID = 64_030;
/** Where Cyrus' programs are, inside the private view. */
const CYRUS_BIN = '/usr/lib/cyrus/bin';
/** How long the master process may take to answer on its port and create the LMTP socket. */
const STARTUP_TIMEOUT_MS = 15_000;
const SOCKET_POLL_MS = 50;
/** How long one delivery or purge may take. */
const TOOL_TIMEOUT_MS = 30_000;
/** Attempts with a fresh port when another process took the chosen one first. */
const START_ATTEMPTS = 3;

/** A running Cyrus POP3 server, shaped like the other real POP3 servers of the interoperability matrix. */
export type CyrusPop3Server = Omit<InetdPop3Server, 'kind'> & { readonly kind: 'cyrus' };

function packageRoot(): string {
  const root = path.join(UNPACKED_SERVERS_DIRECTORY, 'cyrus');
  try {
    for (const program of ['lib/cyrus/bin/pop3d', 'sbin/saslpasswd2']) accessSync(path.join(root, 'usr', program), fsConstants.X_OK);
  } catch {
    throw new Error(
      `${root}/usr/lib/cyrus/bin/pop3d or usr/sbin/saslpasswd2 is missing: run test/servers/unpack-debian-servers.sh (it unpacks cyrus-common, cyrus-pop3d and sasl2-bin into ${root})`,
    );
  }
  return root;
}

function run(command: string, args: readonly string[], input?: Buffer | string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, [...args], { timeout: TOOL_TIMEOUT_MS, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed: ${error.message}\n${stdout}${stderr}`, { cause: error }));
      else resolve(stdout);
    });
    child.stdin?.end(input);
  });
}

function imapdConf(directory: string): string {
  return `# Generated for one test; see test/servers/cyrus.ts.
servername: ${SERVER_NAME}
configdirectory: ${directory}/config
partition-default: ${directory}/spool
defaultpartition: default
sievedir: ${directory}/sieve
lmtpsocket: ${directory}/socket/lmtp
idlesocket: ${directory}/socket/idle
notifysocket: ${directory}/socket/notify
unixhierarchysep: yes
admins: cyrus
allowplaintext: yes
sasl_pwcheck_method: auxprop
sasl_auxprop_plugin: sasldb
sasl_sasldb_path: ${directory}/sasldb2
sasl_mech_list: SCRAM-SHA-256 SCRAM-SHA-1 CRAM-MD5 PLAIN LOGIN
# The INBOX is made by the first delivery; no quota.
autocreate_post: yes
autocreate_quota: 0
# Keep UTF-8 in headers as sent (by default Cyrus turns 8-bit header bytes into X), and deliver a
# message again when a test puts it back.
munge8bit: no
duplicatesuppression: no
`;
}

function cyrusConf(configPath: string, directory: string, port: number): string {
  return `# Generated for one test; see test/servers/cyrus.ts.
START {
}
SERVICES {
  pop3 cmd="pop3d -C ${configPath}" listen="${LOOPBACK}:${port}" prefork=0
  lmtpunix cmd="lmtpd -C ${configPath}" listen="${directory}/socket/lmtp" prefork=0
}
EVENTS {
}
`;
}

async function waitForSocket(file: string, master: ServerProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (!existsSync(file)) {
    if (master.hasExited() || Date.now() > deadline) throw new Error(`Cyrus did not create ${file}: ${master.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, SOCKET_POLL_MS));
  }
}

/** Starts Cyrus on a free loopback port with an empty INBOX for the test user (password in sasldb). */
export async function startCyrusPop3(): Promise<CyrusPop3Server> {
  const root = packageRoot();
  if (process.getuid?.() !== 0) throw new Error('The unpacked Cyrus needs root (a private mount namespace).');
  removeAbandonedServers(DIRECTORY_PREFIX);
  const directory = await mkdtemp(path.join(os.tmpdir(), DIRECTORY_PREFIX));
  await claimDirectory(directory);
  try {
    await chmod(directory, 0o755);
    for (const folder of ['config', 'spool', 'sieve', 'socket']) {
      await mkdir(path.join(directory, folder), { recursive: true });
      await chown(path.join(directory, folder), CYRUS_UID, CYRUS_UID);
    }
    const configPath = path.join(directory, 'imapd.conf');
    await writeFile(configPath, imapdConf(directory), { mode: 0o644 });
    const sasldb = path.join(directory, 'sasldb2');
    // saslpasswd2 comes from the unpacked sasl2-bin: installing it would add a saslauthd service.
    await run(path.join(root, 'usr', 'sbin', 'saslpasswd2'), ['-c', '-p', '-f', sasldb, '-u', SERVER_NAME, INETD_POP3_USER], INETD_POP3_PASSWORD);
    await chown(sasldb, CYRUS_UID, CYRUS_UID);
    const system: PrivateSystem = await createPrivateSystem(path.join(directory, 'system'), [], [{ name: 'cyrus', uid: CYRUS_UID, gid: CYRUS_UID }], {
      packageRoots: [root],
    });
    const cyrusTool = (program: string, args: readonly string[], input?: Buffer): Promise<string> => {
      const wrapped = system.wrap(path.join(CYRUS_BIN, program), ['-C', configPath, ...args]);
      return run(wrapped.command, wrapped.args, input);
    };
    let lastError: unknown;
    for (let attempt = 1; attempt <= START_ATTEMPTS; attempt += 1) {
      const [port] = await findFreePorts(1);
      if (port === undefined) throw new Error('No free loopback port');
      const masterConfig = path.join(directory, 'cyrus.conf');
      await writeFile(masterConfig, cyrusConf(configPath, directory, port), { mode: 0o644 });
      const wrapped = system.wrap(path.join(CYRUS_BIN, 'master'), ['-C', configPath, '-M', masterConfig, '-p', path.join(directory, 'master.pid'), '-D']);
      const master = await startServerProcess(wrapped.command, wrapped.args, directory);
      try {
        await waitUntilAnswering(master, 'Cyrus', [{ port, greeting: '+OK' }], STARTUP_TIMEOUT_MS);
        await waitForSocket(path.join(directory, 'socket', 'lmtp'), master);
      } catch (error) {
        // A port another process took first makes the master exit; anything else is final.
        const exitedEarly = master.hasExited();
        await master.stop();
        lastError = new Error(`${(error as Error).message}\n${master.stderr()}`, { cause: error });
        if (exitedEarly && attempt < START_ATTEMPTS) continue;
        throw lastError;
      }
      let delivered = false;
      let stopped = false;
      return {
        kind: 'cyrus',
        host: LOOPBACK,
        port,
        user: INETD_POP3_USER,
        password: INETD_POP3_PASSWORD,
        async setMessages(messages) {
          if (delivered) await cyrusTool('ipurge', ['-f', '-b', '0', `user/${INETD_POP3_USER}`]);
          for (const message of messages) {
            await cyrusTool('deliver', ['-r', 'sender@example.org', INETD_POP3_USER], message);
            delivered = true;
          }
        },
        stderr: () => master.stderr(),
        async stop() {
          if (stopped) return;
          stopped = true;
          await master.stop();
          await rm(directory, { recursive: true, force: true });
        },
      };
    }
    throw lastError;
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}
