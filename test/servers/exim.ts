/**
 * Exim 4 as a test SMTP server. Its Debian package replaces Postfix, so test/servers/unpack-debian-
 * servers.sh unpacks it instead, and the test inetd runs `exim4 -bs` per connection inside a private
 * view of the system (the Debian-exim user, and /usr/sbin/exim4, which Exim re-executes to deliver).
 * Every message is delivered into a maildir of the server's own folder, where tests read it.
 */
import { accessSync, constants as fsConstants } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startInetd } from './inetd';
import { waitForDeliveries, type TestSmtpServer } from './maildir-deliveries';
import { UNPACKED_SERVERS_DIRECTORY } from './inetd-pop3';
import { createPrivateSystem } from './private-system';
import { claimDirectory, removeAbandonedServers } from './server-process';
import { createTestCertificates, DEFAULT_SERVER_NAMES, type TestCertificates } from './test-certificates';

/** Name prefix of each server's temporary directory. */
const DIRECTORY_PREFIX = 'mailbag-exim-';
/** The Exim user inside the private view; its id only names files in the server's own folder. */
const EXIM_UID = 64_013;
export const EXIM_USER = 'sender';
export const EXIM_PASSWORD = 'Exim test 7 password';

/** What the server offers. */
export interface EximOptions {
  /** Announce 8BITMIME and SMTPUTF8 (Exim's default); false for a strict 7-bit server. */
  readonly eightBit: boolean;
  /** Offer AUTH PLAIN and LOGIN (after STARTTLS only) for EXIM_USER; false for a relay that needs no sign-in. */
  readonly auth: boolean;
}

/** The exim4 program, or an error that says how to get it. */
export function eximBinary(): string {
  const binary = path.join(UNPACKED_SERVERS_DIRECTORY, 'exim4-daemon-light', 'usr', 'sbin', 'exim4');
  try {
    accessSync(binary, fsConstants.X_OK);
  } catch {
    throw new Error(`${binary} is missing: run test/servers/unpack-debian-servers.sh (it unpacks exim4-daemon-light into ${UNPACKED_SERVERS_DIRECTORY})`);
  }
  return binary;
}

function configuration(directory: string, certificates: TestCertificates, options: EximOptions): string {
  const authenticators = options.auth
    ? `begin authenticators
plain:
  driver = plaintext
  public_name = PLAIN
  server_prompts = :
  server_condition = \${if and {{eq{$auth2}{${EXIM_USER}}}{eq{$auth3}{${EXIM_PASSWORD}}}}}
  server_set_id = $auth2
login:
  driver = plaintext
  public_name = LOGIN
  server_prompts = Username:: : Password::
  server_condition = \${if and {{eq{$auth1}{${EXIM_USER}}}{eq{$auth2}{${EXIM_PASSWORD}}}}}
  server_set_id = $auth1
`
    : '';
  return `# Generated for one test; see test/servers/exim.ts.
primary_hostname = mailbag-test.invalid
exim_user = Debian-exim
exim_group = Debian-exim
spool_directory = ${directory}/spool
log_file_path = ${directory}/log/%slog
keep_environment =
tls_advertise_hosts = *
tls_certificate = ${certificates.serverCertificatePath}
tls_privatekey = ${certificates.serverKeyPath}
accept_8bitmime = ${options.eightBit ? 'true' : 'false'}
smtputf8_advertise_hosts = ${options.eightBit ? '*' : ''}
auth_advertise_hosts = \${if eq{$tls_in_cipher}{}{}{*}}
acl_smtp_rcpt = check_recipient

begin acl
check_recipient:
  ${options.auth ? 'require authenticated = *\n  ' : ''}accept

begin routers
everyone:
  driver = accept
  transport = into_maildir

begin transports
into_maildir:
  driver = appendfile
  directory = ${directory}/delivered
  maildir_format = true
  user = Debian-exim
  group = Debian-exim
  mode = 0644

${authenticators}`;
}

/** Starts Exim on a free loopback port, STARTTLS with a test certificate, as `options` say. */
export async function startExim(options: EximOptions): Promise<TestSmtpServer> {
  const binary = eximBinary();
  if (process.getuid?.() !== 0) throw new Error('The unpacked Exim needs root (a private mount namespace).');
  removeAbandonedServers(DIRECTORY_PREFIX);
  const directory = await mkdtemp(path.join(os.tmpdir(), DIRECTORY_PREFIX));
  await claimDirectory(directory);
  try {
    await chmod(directory, 0o755);
    for (const folder of ['spool', 'log', 'delivered']) {
      await mkdir(path.join(directory, folder), { recursive: true });
      await chmod(path.join(directory, folder), 0o777);
    }
    const certificates = await createTestCertificates(path.join(directory, 'tls'), DEFAULT_SERVER_NAMES);
    // Exim reads the key after giving up root for the -C configuration: a test key may be world-readable.
    await chmod(path.dirname(certificates.serverKeyPath), 0o755);
    await chmod(certificates.serverKeyPath, 0o644);
    const configPath = path.join(directory, 'exim.conf');
    await writeFile(configPath, configuration(directory, certificates, options));
    const system = await createPrivateSystem(path.join(directory, 'system'), [], [{ name: 'Debian-exim', uid: EXIM_UID, gid: EXIM_UID }], {
      sbin: { exim4: binary },
    });
    const wrapped = system.wrap(binary, ['-C', configPath, '-bs']);
    const inetd = await startInetd(wrapped.command, wrapped.args);
    const readLog = async (): Promise<string> => {
      const parts: string[] = [];
      for (const name of ['mainlog', 'paniclog']) parts.push(await readFile(path.join(directory, 'log', name), 'utf8').catch(() => ''));
      return `${parts.join('\n')}\n${inetd.stderr()}`;
    };
    let stopped = false;
    return {
      host: inetd.host,
      port: inetd.port,
      certificates,
      user: EXIM_USER,
      password: EXIM_PASSWORD,
      waitForMessages: (count) => waitForDeliveries(path.join(directory, 'delivered'), count, readLog),
      readLog,
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
