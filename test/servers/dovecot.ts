import { spawn } from 'node:child_process';
import { accessSync, constants as fsConstants } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findFreePorts, LOOPBACK } from './free-port';
import { generateMessages, listMaildir, type GenerateOptions, type GeneratedMessage, type MaildirEntry } from './maildir';
import { claimDirectory, releaseDirectory, removeAbandonedServers, startServerProcess, waitUntilAnswering } from './server-process';
import { currentAccount, findFirstAccount, groupName, type SystemAccount } from './system-accounts';
import { createOAuth2Issuer, trustOAuth2Provider, type OAuth2Issuer, type TokenOptions, type TrustedOAuth2Provider } from './oauth2-tokens';
import { createTestCertificates, DEFAULT_SERVER_NAMES, type TestCertificates } from './test-certificates';

/** Debian packages a machine needs for {@link startDovecot}. */
export const DOVECOT_PACKAGES = ['dovecot-core', 'dovecot-pop3d', 'openssl'] as const;
/**
 * Every SASL mechanism (plus APOP) Dovecot offers that works from a stored plaintext password. XOAUTH2
 * and OAUTHBEARER are added by the `oauth2` option; GSSAPI would need a KDC, EXTERNAL client certificates.
 */
export const DOVECOT_AUTH_MECHANISMS: readonly string[] = ['plain', 'login', 'cram-md5', 'digest-md5', 'scram-sha-1', 'scram-sha-256', 'apop'];
/** The test account's credentials unless a test asks for others. */
export const DEFAULT_USER = 'test';
export const DEFAULT_PASSWORD = 'correct horse battery staple';

/** How long Dovecot may take from spawn to a POP3 greeting on its port. */
const STARTUP_TIMEOUT_MS = 15_000;
/** Attempts to start with fresh ports when another process took a port between choosing and binding. */
const START_ATTEMPTS = 4;
/** Keep the server's directory (config, log, maildir) after stop, for debugging a failure. */
const KEEP_ENVIRONMENT_VARIABLE = 'MAILBAG_KEEP_TEST_SERVERS';
/** Name prefix of each server's temporary directory. */
const DIRECTORY_PREFIX = 'mailbag-dovecot-';

/** Options for {@link startDovecot}. */
export interface DovecotOptions {
  /** Dovecot's auth_mechanisms (lower case); default {@link DOVECOT_AUTH_MECHANISMS}. */
  readonly authMechanisms?: readonly string[];
  readonly user?: string;
  readonly password?: string;
  /** pop3_uidl_format; default `%f`, which makes every UIDL the maildir base name of its file. */
  readonly uidlFormat?: string;
  /** pop3_lock_session: a second session on the mailbox gets `-ERR [IN-USE]` (after Dovecot's 10 s wait). */
  readonly lockSession?: boolean;
  /** Names in the server certificate (default 127.0.0.1 and localhost). */
  readonly serverNames?: readonly string[];
  /** auth_debug and mail_debug into the log. */
  readonly debug?: boolean;
  /**
   * Also offer XOAUTH2 and OAUTHBEARER, verified by Dovecot itself (local JWT validation with a key of
   * this server's own); tokens come from {@link DovecotServer.issueOAuth2Token}.
   */
  readonly oauth2?: boolean;
  /** Also offer XOAUTH2 and OAUTHBEARER for the access tokens of this authorization server. */
  readonly trustedOAuth2Provider?: TrustedOAuth2Provider;
  /** Extra configuration lines appended to dovecot.conf. */
  readonly extraConfig?: string;
}

/** A running Dovecot POP3 server on 127.0.0.1 with its own configuration, certificates, log and maildir. */
export interface DovecotServer {
  readonly host: string;
  /** Plain POP3 port (STLS offered). */
  readonly port: number;
  /** Implicit-TLS POP3 port. */
  readonly tlsPort: number;
  readonly user: string;
  readonly password: string;
  readonly certificates: TestCertificates;
  /** The temporary directory holding everything of this server. */
  readonly directory: string;
  readonly maildir: string;
  readonly configPath: string;
  readonly logPath: string;
  readonly version: string;
  /** Writes generated messages into the mailbox, readable by Dovecot's mail user. */
  generateMessages(options: Omit<GenerateOptions, 'owner'>): Promise<GeneratedMessage[]>;
  /** The message files the mailbox holds now. */
  listMessages(): Promise<MaildirEntry[]>;
  /** A signed access token for XOAUTH2/OAUTHBEARER (servers started with `oauth2: true` only). */
  issueOAuth2Token(options?: TokenOptions): string;
  /** Dovecot's log so far (attach it to a failing assertion). */
  readLog(): Promise<string>;
  /**
   * Ends Dovecot abruptly (SIGKILL to all of its processes), as a crash or a cut connection would; its
   * files stay until {@link stop}.
   */
  kill(): Promise<void>;
  /** Stops Dovecot and every process it started, then removes the directory. Safe to call twice. */
  stop(): Promise<void>;
}

/** Finds the dovecot binary (sbin folders are often missing from a test runner's PATH). */
export function findDovecotBinary(): string {
  const folders = [...(process.env['PATH'] ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  for (const folder of folders) {
    if (folder === '') continue;
    const candidate = path.join(folder, 'dovecot');
    try {
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // Try the next folder.
    }
  }
  throw new Error(`The dovecot binary was not found. Install the Debian packages: apt-get install ${DOVECOT_PACKAGES.join(' ')}`);
}

async function dovecotVersion(binary: string): Promise<string> {
  const child = spawn(binary, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  await new Promise((resolve) => child.once('close', resolve));
  return output.trim();
}

interface Accounts {
  readonly internal: SystemAccount;
  readonly login: SystemAccount;
  readonly mail: SystemAccount;
}

/**
 * Dovecot refuses root for login processes and for mail access. As root, login processes run as
 * dovenull (nobody where that is missing) and mail is read as nobody; otherwise all run as the caller.
 */
function chooseAccounts(): Accounts {
  const self = currentAccount();
  if (self.uid !== 0) return { internal: self, login: self, mail: self };
  const login = findFirstAccount(['dovenull', 'nobody']);
  const mail = findFirstAccount(['nobody']);
  if (login === undefined || mail === undefined) throw new Error('Neither dovenull nor nobody exists in /etc/passwd');
  return { internal: self, login, mail };
}

interface ConfigInput {
  readonly directory: string;
  readonly port: number;
  readonly tlsPort: number;
  readonly accounts: Accounts;
  readonly certificates: TestCertificates;
  readonly maildir: string;
  readonly usersPath: string;
  readonly logPath: string;
  readonly options: DovecotOptions;
  readonly oauth2: OAuth2Issuer | undefined;
  /** The passdb of {@link DovecotOptions.trustedOAuth2Provider}. */
  readonly trustedOAuth2: string | undefined;
}

function configuration(input: ConfigInput): string {
  const { directory, accounts, options } = input;
  const mechanisms = [
    ...(options.authMechanisms ?? DOVECOT_AUTH_MECHANISMS),
    ...(input.oauth2 === undefined && input.trustedOAuth2 === undefined ? [] : ['xoauth2', 'oauthbearer']),
  ];
  const debug = options.debug === true ? 'yes' : 'no';
  // Without root nothing can chroot; Dovecot then runs every process as the caller.
  const unprivileged = accounts.internal.uid !== 0;
  return `# Generated for one test; see test/servers/dovecot.ts.
instance_name = mailbag-test-${path.basename(directory)}
base_dir = ${directory}/run
state_dir = ${directory}/state
protocols = pop3
listen = ${LOOPBACK}
shutdown_clients = yes

log_path = ${input.logPath}
info_log_path = ${input.logPath}
debug_log_path = ${input.logPath}
auth_verbose = yes
auth_debug = ${debug}
mail_debug = ${debug}

default_internal_user = ${accounts.internal.name}
default_internal_group = ${groupName(accounts.internal.gid)}
default_login_user = ${accounts.login.name}
first_valid_uid = ${Math.min(accounts.mail.uid, 1)}
first_valid_gid = ${Math.min(accounts.mail.gid, 1)}

ssl = yes
ssl_cert = <${input.certificates.serverCertificatePath}
ssl_key = <${input.certificates.serverKeyPath}
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = no

auth_mechanisms = ${mechanisms.join(' ')}
auth_failure_delay = 0
auth_cache_size = 0
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${input.usersPath}
}
${input.oauth2?.dovecotConfig ?? ''}${input.trustedOAuth2 ?? ''}userdb {
  driver = static
  args = uid=${accounts.mail.uid} gid=${accounts.mail.gid} home=${directory}/home
}

mail_location = maildir:${input.maildir}
mail_max_lock_timeout = 5s
pop3_uidl_format = ${options.uidlFormat ?? '%f'}
pop3_lock_session = ${options.lockSession === false ? 'no' : 'yes'}
# Leave message files where they are (no new/ to cur/ moves, no \\Seen renames) so tests can find them.
pop3_no_flag_updates = yes

${unprivileged ? 'service anvil {\n  chroot =\n}\n' : ''}service pop3-login {
${unprivileged ? '  chroot =\n' : ''}  inet_listener pop3 {
    address = ${LOOPBACK}
    port = ${input.port}
  }
  inet_listener pop3s {
    address = ${LOOPBACK}
    port = ${input.tlsPort}
    ssl = yes
  }
}
${options.extraConfig ?? ''}
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
 * Starts a real Dovecot POP3 server for one test: its own configuration in a new temporary directory,
 * a test CA and server certificate, a passwd-file with one user whose password is stored `{PLAIN}` (so
 * APOP, CRAM-MD5, DIGEST-MD5 and SCRAM work besides USER/PASS, PLAIN and LOGIN), a maildir, a log file,
 * and free ports on 127.0.0.1 for plain/STLS and implicit TLS. Runs in the foreground of a process group
 * of its own, so {@link DovecotServer.stop} (and the exit of this process) ends all of it.
 */
export async function startDovecot(options: DovecotOptions = {}): Promise<DovecotServer> {
  const binary = findDovecotBinary();
  const version = await dovecotVersion(binary);
  const user = options.user ?? DEFAULT_USER;
  const password = options.password ?? DEFAULT_PASSWORD;
  if (/[:\n]/.test(user + password)) throw new Error('The test user name and password may not contain ":" or a newline');

  const accounts = chooseAccounts();
  removeAbandonedServers(DIRECTORY_PREFIX);
  const directory = await mkdtemp(path.join(os.tmpdir(), DIRECTORY_PREFIX));
  await claimDirectory(directory);
  // Dovecot's mail and login users must be able to walk into the directory.
  await chmod(directory, 0o711);
  const maildir = path.join(directory, 'Maildir');
  const logPath = path.join(directory, 'dovecot.log');
  const configPath = path.join(directory, 'dovecot.conf');
  const usersPath = path.join(directory, 'users');
  const owner = { uid: accounts.mail.uid, gid: accounts.mail.gid };
  const keep = process.env[KEEP_ENVIRONMENT_VARIABLE] === '1';

  try {
    const certificates = await createTestCertificates(path.join(directory, 'tls'), options.serverNames ?? DEFAULT_SERVER_NAMES);
    const oauth2 = options.oauth2 === true ? await createOAuth2Issuer(path.join(directory, 'oauth2')) : undefined;
    const trustedOAuth2 =
      options.trustedOAuth2Provider === undefined
        ? undefined
        : await trustOAuth2Provider(path.join(directory, 'oauth2-provider'), options.trustedOAuth2Provider);
    await writeFile(usersPath, `${user}:{PLAIN}${password}::::::\n`, { mode: 0o600 });
    for (const folder of ['home', 'Maildir', 'Maildir/cur', 'Maildir/new', 'Maildir/tmp']) {
      await mkdir(path.join(directory, folder), { recursive: true });
      await chown(path.join(directory, folder), owner.uid, owner.gid);
    }

    let lastError: unknown;
    for (let attempt = 1; attempt <= START_ATTEMPTS; attempt += 1) {
      const [port, tlsPort] = await findFreePorts(2);
      if (port === undefined || tlsPort === undefined) throw new Error('No free loopback ports');
      await writeFile(
        configPath,
        configuration({ directory, port, tlsPort, accounts, certificates, maildir, usersPath, logPath, options, oauth2, trustedOAuth2 }),
      );
      const server = await startServerProcess(binary, ['-F', '-c', configPath], directory);
      try {
        await waitUntilAnswering(
          server,
          'dovecot',
          [
            { port, greeting: '+OK' },
            { port: tlsPort, greeting: null },
          ],
          STARTUP_TIMEOUT_MS,
        );
      } catch (error) {
        await server.stop();
        const log = await readText(logPath);
        lastError = new Error(`${(error as Error).message}\n--- stderr ---\n${server.stderr()}\n--- ${logPath} ---\n${log}`, { cause: error });
        if (/Address already in use/.test(server.stderr() + log)) continue;
        throw lastError;
      }
      let stopped = false;
      return {
        host: LOOPBACK,
        port,
        tlsPort,
        user,
        password,
        certificates,
        directory,
        maildir,
        configPath,
        logPath,
        version,
        generateMessages: (generate) => generateMessages(maildir, { ...generate, owner }),
        listMessages: () => listMaildir(maildir),
        issueOAuth2Token(tokenOptions) {
          if (oauth2 === undefined) throw new Error('This Dovecot was started without oauth2: true');
          return oauth2.issueToken(user, tokenOptions);
        },
        readLog: () => readText(logPath),
        kill: () => server.kill(),
        async stop() {
          if (stopped) return;
          stopped = true;
          await server.stop();
          if (keep) releaseDirectory(directory);
          else await rm(directory, { recursive: true, force: true });
        },
      };
    }
    throw lastError;
  } catch (error) {
    if (keep) releaseDirectory(directory);
    else await rm(directory, { recursive: true, force: true });
    throw error;
  }
}
