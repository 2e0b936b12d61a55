/**
 * OpenSMTPD as a test SMTP server. Its Debian package replaces Postfix, so test/servers/unpack-debian-
 * servers.sh unpacks it, and it runs in the foreground (`smtpd -d`) inside a private view of the
 * system: the package laid over /usr and /etc, its privilege-separation users, an empty spool and
 * /run. It listens on a free loopback port as a plaintext relay without AUTH, and delivers every
 * message into a maildir of its own folder, where tests read it.
 *
 * Why no STARTTLS (and so no AUTH, which OpenSMTPD offers only inside TLS): Debian 12's OpenSMTPD 6.8
 * cannot complete a TLS handshake with Debian 12's OpenSSL 3, whatever the key, certificate, `pki`
 * lines, ciphers or file modes. Its network process holds only the public key and forwards private-key
 * operations to its "ca" process through an RSA_METHOD / EC_KEY_METHOD that finds the key by ex_data
 * index 0; OpenSSL 3 copies the key into its provider form without that ex_data, so the forwarding
 * method falls back to the default one, which has no private key. With RSA that fails both the TLS 1.3
 * signature (rsae_priv_enc) and TLS 1.2's RSA key exchange (rsae_priv_dec), with ECDSA the signature:
 * "missing private key", then "EVP lib" or "decryption failed". OpenSMTPD 7 no longer does this.
 */
import { accessSync, constants as fsConstants } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findFreePorts, LOOPBACK } from './free-port';
import { UNPACKED_SERVERS_DIRECTORY } from './inetd-pop3';
import { waitForDeliveries, type TestSmtpServer } from './maildir-deliveries';
import { createPrivateSystem } from './private-system';
import { claimDirectory, removeAbandonedServers, startServerProcess, waitUntilAnswering } from './server-process';

const DIRECTORY_PREFIX = 'mailbag-opensmtpd-';
/** How long OpenSMTPD may take to answer on its port. */
const STARTUP_TIMEOUT_MS = 15_000;
/** Attempts with a fresh port when another process took the chosen one first. */
const START_ATTEMPTS = 3;
/** Ids of the users inside the private view; they only name files in the server's own folder. */
const FIRST_UID = 64_020;

function packageRoot(): string {
  const root = path.join(UNPACKED_SERVERS_DIRECTORY, 'opensmtpd');
  try {
    accessSync(path.join(root, 'usr', 'sbin', 'smtpd'), fsConstants.X_OK);
  } catch {
    throw new Error(`${root}/usr/sbin/smtpd is missing: run test/servers/unpack-debian-servers.sh (it unpacks opensmtpd into ${root})`);
  }
  return root;
}

/** Starts OpenSMTPD on a free loopback port. */
export async function startOpenSmtpd(): Promise<TestSmtpServer> {
  const root = packageRoot();
  if (process.getuid?.() !== 0) throw new Error('The unpacked OpenSMTPD needs root (a private mount namespace).');
  removeAbandonedServers(DIRECTORY_PREFIX);
  const directory = await mkdtemp(path.join(os.tmpdir(), DIRECTORY_PREFIX));
  await claimDirectory(directory);
  try {
    await chmod(directory, 0o755);
    const delivered = path.join(directory, 'delivered');
    await mkdir(delivered, { recursive: true });
    await chmod(delivered, 0o777);
    // Every recipient is delivered as the one mail user.
    await writeFile(path.join(directory, 'recipients'), '@ mailbox\n', { mode: 0o644 });
    const logPath = path.join(directory, 'smtpd.log');
    const system = await createPrivateSystem(
      path.join(directory, 'system'),
      [{ name: 'mailbox', password: 'not used', uid: FIRST_UID + 2, gid: FIRST_UID + 2 }],
      [
        { name: 'opensmtpd', uid: FIRST_UID, gid: FIRST_UID, varLibFolders: ['opensmtpd/empty'] },
        { name: 'opensmtpq', uid: FIRST_UID + 1, gid: FIRST_UID + 1 },
      ],
      { packageRoots: [root], run: ['opensmtpd'] },
    );
    let lastError: unknown;
    for (let attempt = 1; attempt <= START_ATTEMPTS; attempt += 1) {
      const [port] = await findFreePorts(1);
      if (port === undefined) throw new Error('No free loopback port');
      const configPath = path.join(directory, 'smtpd.conf');
      await writeFile(
        configPath,
        `# Generated for one test; see test/servers/opensmtpd.ts.
table recipients file:${directory}/recipients
listen on ${LOOPBACK} port ${port}
action "deliver" maildir "${delivered}" virtual <recipients>
match from any for any action "deliver"
`,
      );
      // The queue lives under /var/spool/smtpd: an empty one of its own.
      const wrapped = system.wrap('/bin/sh', ['-c', `mount -t tmpfs tmpfs /var/spool && exec /usr/sbin/smtpd -d -f "$0" 2>>"$1"`, configPath, logPath]);
      const server = await startServerProcess(wrapped.command, wrapped.args, directory);
      const readLog = async (): Promise<string> => `${await readFile(logPath, 'utf8').catch(() => '')}${server.stderr()}`;
      try {
        await waitUntilAnswering(server, 'OpenSMTPD', [{ port, greeting: '220' }], STARTUP_TIMEOUT_MS);
      } catch (error) {
        await server.stop();
        const log = await readLog();
        lastError = new Error(`${(error as Error).message}\n${log}`, { cause: error });
        if (/Address already in use/.test(log)) continue;
        throw lastError;
      }
      let stopped = false;
      return {
        host: LOOPBACK,
        port,
        certificates: { caPem: '' },
        user: '',
        password: '',
        waitForMessages: (count) => waitForDeliveries(delivered, count, readLog),
        readLog,
        async stop() {
          if (stopped) return;
          stopped = true;
          await server.stop();
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
