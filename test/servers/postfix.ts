import { accessSync, constants as fsConstants } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startDovecot, type DovecotServer } from './dovecot';
import type { TrustedOAuth2Provider } from './oauth2-tokens';
import { findFreePorts, LOOPBACK } from './free-port';
import { listMaildir, type MaildirEntry } from './maildir';
import { claimDirectory, releaseDirectory, removeAbandonedServers, startServerProcess, waitUntilAnswering } from './server-process';
import { readMasterPid, stopAbandonedMasters, stopMaster, trackMaster } from './postfix-master';
import { currentAccount, findFirstAccount } from './system-accounts';

/** Debian packages a machine needs for {@link startPostfix} (Dovecot provides SASL and LMTP delivery). */
export const POSTFIX_PACKAGES = ['postfix', 'dovecot-core', 'dovecot-pop3d', 'dovecot-lmtpd', 'openssl'] as const;
/** The mail domain Postfix accepts mail for (RFC 2606 reserves .test). */
export const TEST_DOMAIN = 'example.test';
/** Mailboxes that exist; every one is delivered into the Dovecot test user's maildir. */
export const DEFAULT_MAILBOXES: readonly string[] = ['alice', 'bob', 'carol', 'dave', 'test'];
/** A recipient Postfix refuses at RCPT with 550 through its access map. */
export const REJECTED_RECIPIENT = `reject@${TEST_DOMAIN}`;
/** message_size_limit unless a test asks for another (also what EHLO announces as SIZE, RFC 1870). */
export const DEFAULT_MESSAGE_SIZE_LIMIT = 1_000_000;

/** How long Postfix may take from spawn to an SMTP greeting on every port. */
const STARTUP_TIMEOUT_MS = 20_000;
/** Attempts with fresh ports when another process took a port between choosing and binding. */
const START_ATTEMPTS = 4;
const KEEP_ENVIRONMENT_VARIABLE = 'MAILBAG_KEEP_TEST_SERVERS';
const DIRECTORY_PREFIX = 'mailbag-postfix-';
const DELIVERY_POLL_MS = 50;

/** Options for {@link startPostfix}. */
export interface PostfixOptions {
  /** message_size_limit in bytes; default {@link DEFAULT_MESSAGE_SIZE_LIMIT}. */
  readonly messageSizeLimit?: number;
  /** Local parts of the mailboxes that exist; default {@link DEFAULT_MAILBOXES}. */
  readonly mailboxes?: readonly string[];
  /** Dovecot's auth mechanisms offered through Postfix (lower case); default Dovecot's harness list. */
  readonly authMechanisms?: readonly string[];
  /** Extra main.cf lines. */
  readonly extraMainConfig?: string;
  /** Names in the certificate Postfix and Dovecot share (default 127.0.0.1 and localhost). */
  readonly serverNames?: readonly string[];
  /** The test account's password (SASL and POP3); default Dovecot's harness password. */
  readonly password?: string;
  /** Dovecot (and so Postfix) also accepts this authorization server's access tokens. */
  readonly trustedOAuth2Provider?: TrustedOAuth2Provider;
}

/** A real Postfix on 127.0.0.1, authenticating through and delivering (LMTP) into a test Dovecot. */
export interface PostfixServer {
  readonly host: string;
  /** Port-25 style: no STARTTLS offered, AUTH over plaintext allowed (only for explicit insecure tests). */
  readonly plainPort: number;
  /** Submission (RFC 6409) style: STARTTLS required before AUTH and MAIL. */
  readonly submissionPort: number;
  /** Implicit TLS submission (RFC 8314). */
  readonly smtpsPort: number;
  readonly domain: string;
  readonly messageSizeLimit: number;
  /** SASL user and password (the Dovecot test account). */
  readonly user: string;
  readonly password: string;
  /** The CA PEM the server certificate chains to, and an unrelated CA's PEM. */
  readonly caPem: string;
  readonly otherCaPem: string;
  readonly dovecot: DovecotServer;
  readonly directory: string;
  readonly logPath: string;
  /** Files delivered into the shared maildir so far, oldest delivery first. */
  listDelivered(): Promise<MaildirEntry[]>;
  /** Waits until at least `count` messages were delivered, then returns their bytes in maildir order. */
  waitForDeliveries(count: number, timeoutMs?: number): Promise<Buffer[]>;
  /** Postfix's log followed by Dovecot's (attach to a failing assertion). */
  readLogs(): Promise<string>;
  /** Stops Postfix and Dovecot and removes their directories. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Sorts delivered maildir files by when Dovecot wrote them. Their names start `<seconds>.M<micro>P…`
 * with the microseconds not zero-padded, so plain name order is wrong within one second.
 */
function inDeliveryOrder(entries: MaildirEntry[]): MaildirEntry[] {
  const key = (entry: MaildirEntry): [number, number] => {
    const match = /^(\d+)\.M(\d+)P/.exec(entry.baseName);
    return match === null ? [Number.MAX_SAFE_INTEGER, 0] : [Number(match[1]), Number(match[2])];
  };
  return [...entries].sort((left, right) => {
    const [leftSeconds, leftMicros] = key(left);
    const [rightSeconds, rightMicros] = key(right);
    return leftSeconds - rightSeconds || leftMicros - rightMicros || (left.baseName < right.baseName ? -1 : 1);
  });
}

/** Finds the postfix command (sbin folders are often missing from a test runner's PATH). */
export function findPostfixBinary(): string {
  const folders = [...(process.env['PATH'] ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  for (const folder of folders) {
    if (folder === '') continue;
    const candidate = path.join(folder, 'postfix');
    try {
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // Try the next folder.
    }
  }
  throw new Error(`The postfix binary was not found. Install the Debian packages: apt-get install ${POSTFIX_PACKAGES.join(' ')}`);
}

interface MainConfigInput {
  readonly directory: string;
  readonly ports: readonly [number, number, number];
  readonly certificatePath: string;
  readonly keyPath: string;
  readonly authSocket: string;
  readonly lmtpSocket: string;
  readonly messageSizeLimit: number;
  readonly extra: string;
}

function mainConfig(input: MainConfigInput): string {
  const { directory } = input;
  return `# Generated for one test; see test/servers/postfix.ts.
compatibility_level = 3.6
queue_directory = ${directory}/queue
data_directory = ${directory}/data
mail_owner = postfix
setgid_group = postdrop
maillog_file_prefixes = ${directory}
maillog_file = ${directory}/maillog
inet_interfaces = ${LOOPBACK}
inet_protocols = ipv4
myhostname = mail.${TEST_DOMAIN}
mydomain = ${TEST_DOMAIN}
myorigin = ${TEST_DOMAIN}
mydestination =
mynetworks = 127.0.0.0/8
relayhost =
alias_maps =
alias_database =
biff = no
smtpd_peername_lookup = no
smtp_dns_support_level = disabled
lmtp_dns_support_level = disabled
smtputf8_enable = yes
message_size_limit = ${input.messageSizeLimit}
mailbox_size_limit = 0
virtual_mailbox_limit = 0

virtual_mailbox_domains = ${TEST_DOMAIN}
virtual_mailbox_maps = texthash:${directory}/mailboxes
virtual_transport = lmtp:unix:${input.lmtpSocket}

smtpd_sasl_type = dovecot
smtpd_sasl_path = ${input.authSocket}
smtpd_sasl_auth_enable = no
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
smtpd_recipient_restrictions = check_recipient_access texthash:${directory}/recipient-access
access_map_reject_code = 550

smtpd_tls_cert_file = ${input.certificatePath}
smtpd_tls_key_file = ${input.keyPath}
smtpd_tls_security_level = may
smtpd_tls_protocols = >=TLSv1.2
smtpd_tls_mandatory_protocols = >=TLSv1.2
smtpd_tls_session_cache_database =
${input.extra}
`;
}

function masterConfig(ports: readonly [number, number, number]): string {
  const [plain, submission, smtps] = ports;
  return `# Generated for one test; see test/servers/postfix.ts. Nothing is chrooted.
${LOOPBACK}:${plain} inet n - n - - smtpd
  -o smtpd_tls_security_level=none
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_auth_only=no
${LOOPBACK}:${submission} inet n - n - - smtpd
  -o smtpd_tls_security_level=encrypt
  -o smtpd_sasl_auth_enable=yes
  -o smtpd_tls_auth_only=yes
${LOOPBACK}:${smtps} inet n - n - - smtpd
  -o smtpd_tls_wrappermode=yes
  -o smtpd_sasl_auth_enable=yes
pickup    unix  n - n 60 1 pickup
cleanup   unix  n - n - 0 cleanup
qmgr      unix  n - n 300 1 qmgr
tlsmgr    unix  - - n 1000? 1 tlsmgr
rewrite   unix  - - n - - trivial-rewrite
bounce    unix  - - n - 0 bounce
defer     unix  - - n - 0 bounce
trace     unix  - - n - 0 bounce
verify    unix  - - n - 1 verify
flush     unix  n - n 1000? 0 flush
proxymap  unix  - - n - - proxymap
proxywrite unix - - n - 1 proxymap
smtp      unix  - - n - - smtp
relay     unix  - - n - - smtp
showq     unix  n - n - - showq
error     unix  - - n - - error
retry     unix  - - n - - error
discard   unix  - - n - - discard
lmtp      unix  - - n - - lmtp
anvil     unix  - - n - 1 anvil
scache    unix  - - n - 1 scache
postlog   unix-dgram n - n - 1 postlogd
`;
}

/** Extra Dovecot configuration: LMTP, a socket each for Postfix's SASL and LMTP clients, any recipient accepted. */
function dovecotExtraConfig(home: string): string {
  const self = currentAccount();
  const mail = self.uid === 0 ? findFirstAccount(['nobody']) : self;
  if (mail === undefined) throw new Error('The account nobody does not exist in /etc/passwd');
  return `
protocols = pop3 lmtp
userdb {
  driver = static
  args = uid=${mail.uid} gid=${mail.gid} home=${home} allow_all_users=yes
}
service auth {
  unix_listener auth-postfix {
    mode = 0666
  }
}
service lmtp {
  unix_listener lmtp-postfix {
    mode = 0666
  }
}
`;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return '';
  }
}

/**
 * Starts a real Postfix for one test from a configuration directory of its own (a new temporary
 * directory holding main.cf, master.cf, queue, data and log), in the foreground (`postfix start-fg`)
 * of a process group of its own, so stopping it ends every Postfix process. A test Dovecot (the
 * Dovecot harness in dovecot.ts, plus LMTP and two sockets) checks SASL passwords and receives every delivery.
 */
export async function startPostfix(options: PostfixOptions = {}): Promise<PostfixServer> {
  const binary = findPostfixBinary();
  stopAbandonedMasters(DIRECTORY_PREFIX);
  removeAbandonedServers(DIRECTORY_PREFIX);
  const directory = await mkdtemp(path.join(os.tmpdir(), DIRECTORY_PREFIX));
  await claimDirectory(directory);
  // Postfix's unprivileged daemons and Dovecot's mail user must be able to walk into the directory.
  await chmod(directory, 0o755);
  const keep = process.env[KEEP_ENVIRONMENT_VARIABLE] === '1';
  const logPath = path.join(directory, 'maillog');
  const messageSizeLimit = options.messageSizeLimit ?? DEFAULT_MESSAGE_SIZE_LIMIT;
  let dovecot: DovecotServer | undefined;
  const removeDirectory = async (): Promise<void> => {
    if (keep) releaseDirectory(directory);
    else await rm(directory, { recursive: true, force: true });
  };
  try {
    const home = path.join(directory, 'home');
    await mkdir(home, { mode: 0o777 });
    await chmod(home, 0o777);
    // post-install creates the queue's subdirectories; the queue itself must exist and belong to root.
    await mkdir(path.join(directory, 'queue'), { mode: 0o755 });
    await mkdir(path.join(directory, 'data'), { mode: 0o700 });
    const owner = findFirstAccount(['postfix']);
    if (owner === undefined) throw new Error(`The account postfix does not exist. Install: apt-get install ${POSTFIX_PACKAGES.join(' ')}`);
    await chown(path.join(directory, 'data'), owner.uid, owner.gid);
    dovecot = await startDovecot({
      ...(options.authMechanisms === undefined ? {} : { authMechanisms: options.authMechanisms }),
      ...(options.serverNames === undefined ? {} : { serverNames: options.serverNames }),
      ...(options.password === undefined ? {} : { password: options.password }),
      ...(options.trustedOAuth2Provider === undefined ? {} : { trustedOAuth2Provider: options.trustedOAuth2Provider }),
      extraConfig: dovecotExtraConfig(home),
    });
    const mailboxes = (options.mailboxes ?? DEFAULT_MAILBOXES).map((name) => `${name}@${TEST_DOMAIN} OK`).join('\n');
    await writeFile(path.join(directory, 'mailboxes'), `${mailboxes}\n`);
    await writeFile(path.join(directory, 'recipient-access'), `${REJECTED_RECIPIENT} REJECT 5.7.1 Recipient refused by test policy\n`);

    let lastError: unknown;
    for (let attempt = 1; attempt <= START_ATTEMPTS; attempt += 1) {
      const [plain, submission, smtps] = await findFreePorts(3);
      if (plain === undefined || submission === undefined || smtps === undefined) throw new Error('No free loopback ports');
      const ports = [plain, submission, smtps] as const;
      await writeFile(
        path.join(directory, 'main.cf'),
        mainConfig({
          directory,
          ports,
          certificatePath: dovecot.certificates.serverCertificatePath,
          keyPath: dovecot.certificates.serverKeyPath,
          authSocket: path.join(dovecot.directory, 'run', 'auth-postfix'),
          lmtpSocket: path.join(dovecot.directory, 'run', 'lmtp-postfix'),
          messageSizeLimit,
          extra: options.extraMainConfig ?? '',
        }),
      );
      await writeFile(path.join(directory, 'master.cf'), masterConfig(ports));
      const server = await startServerProcess(binary, ['-c', directory, 'start-fg'], directory);
      const queue = path.join(directory, 'queue');
      // The master leaves the process group of `server` (setsid), so it is stopped by its pid file.
      let master: number | undefined;
      const stopServer = async (): Promise<void> => {
        master ??= readMasterPid(queue);
        if (master !== undefined) await stopMaster(master);
        await server.stop();
      };
      try {
        await waitUntilAnswering(
          server,
          'postfix',
          [
            { port: ports[0], greeting: '220' },
            { port: ports[1], greeting: '220' },
            { port: ports[2], greeting: null },
          ],
          STARTUP_TIMEOUT_MS,
        );
        master = readMasterPid(queue);
        if (master === undefined) throw new Error(`postfix wrote no ${queue}/pid/master.pid`);
        trackMaster(master);
      } catch (error) {
        await stopServer();
        const log = await readText(logPath);
        lastError = new Error(`${(error as Error).message}\n--- stderr ---\n${server.stderr()}\n--- ${logPath} ---\n${log}`, { cause: error });
        if (/Address already in use/.test(server.stderr() + log)) continue;
        throw lastError;
      }
      const started = dovecot;
      let stopped = false;
      const listDelivered = async (): Promise<MaildirEntry[]> => inDeliveryOrder(await listMaildir(started.maildir));
      return {
        host: LOOPBACK,
        plainPort: plain,
        submissionPort: submission,
        smtpsPort: smtps,
        domain: TEST_DOMAIN,
        messageSizeLimit,
        user: started.user,
        password: started.password,
        caPem: started.certificates.caPem,
        otherCaPem: started.certificates.otherCaPem,
        dovecot: started,
        directory,
        logPath,
        listDelivered,
        async waitForDeliveries(count, timeoutMs = 10_000) {
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            const entries = await listDelivered();
            if (entries.length >= count) return Promise.all(entries.map((entry) => readFile(entry.path)));
            if (Date.now() > deadline) {
              throw new Error(`${entries.length} of ${count} messages were delivered within ${timeoutMs} ms\n${await readText(logPath)}`);
            }
            await new Promise((resolve) => setTimeout(resolve, DELIVERY_POLL_MS));
          }
        },
        async readLogs() {
          return `--- postfix ${logPath} ---\n${await readText(logPath)}\n--- dovecot ---\n${await started.readLog()}`;
        },
        async stop() {
          if (stopped) return;
          stopped = true;
          await stopServer();
          await started.stop();
          await removeDirectory();
        },
      };
    }
    throw lastError;
  } catch (error) {
    await dovecot?.stop();
    await removeDirectory();
    throw error;
  }
}
