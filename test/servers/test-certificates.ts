import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** How long the generated certificates are valid; a test run never gets near it. */
const CERTIFICATE_DAYS = 2;
/** Bound on each `openssl` invocation. */
const OPENSSL_TIMEOUT_MS = 20_000;
/** Names a test server's certificate is issued for unless a test asks for others. */
export const DEFAULT_SERVER_NAMES: readonly string[] = ['127.0.0.1', 'localhost'];

/** PEM files of a throw-away certificate authority and a server certificate it signed. */
export interface TestCertificates {
  /** The CA certificate (PEM) a client must trust to accept the server. */
  readonly caPem: string;
  readonly caPath: string;
  /** A second, unrelated CA (PEM): trusting only this one must make verification fail. */
  readonly otherCaPem: string;
  readonly otherCaPath: string;
  readonly serverCertificatePath: string;
  readonly serverKeyPath: string;
  /** The names (IP addresses or DNS names) in the server certificate's subjectAltName. */
  readonly serverNames: readonly string[];
}

function opensslConfig(commonName: string, serverNames: readonly string[]): string {
  const alternativeNames = serverNames.map((name) => (net.isIP(name) ? `IP:${name}` : `DNS:${name}`)).join(', ');
  return [
    '[req]',
    'distinguished_name = subject',
    'prompt = no',
    '[subject]',
    `CN = ${commonName}`,
    '[ca_extensions]',
    'basicConstraints = critical, CA:TRUE',
    'keyUsage = critical, keyCertSign, cRLSign',
    'subjectKeyIdentifier = hash',
    '[server_extensions]',
    'basicConstraints = critical, CA:FALSE',
    'keyUsage = critical, digitalSignature, keyEncipherment',
    'extendedKeyUsage = serverAuth',
    ...(alternativeNames === '' ? [] : [`subjectAltName = ${alternativeNames}`]),
    'authorityKeyIdentifier = keyid',
    '',
  ].join('\n');
}

async function openssl(args: readonly string[], cwd: string): Promise<void> {
  try {
    await run('openssl', [...args], { cwd, timeout: OPENSSL_TIMEOUT_MS });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`openssl ${args[0] ?? ''} failed (is the Debian package "openssl" installed?): ${detail}`, { cause: error });
  }
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function createAuthority(directory: string, name: string, commonName: string): Promise<string> {
  const configPath = path.join(directory, `${name}.cnf`);
  await writeFile(configPath, opensslConfig(commonName, []));
  await openssl(
    [
      'req',
      '-x509',
      '-new',
      ...EC_KEY,
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.pem`,
      '-days',
      String(CERTIFICATE_DAYS),
      '-config',
      configPath,
      '-extensions',
      'ca_extensions',
    ],
    directory,
  );
  return path.join(directory, `${name}.pem`);
}

/**
 * Creates, with the `openssl` command-line tool, a test CA, a server certificate signed by it for
 * `serverNames` (subjectAltName entries; IP addresses become IP entries), and an unrelated second CA,
 * all under `directory`. Keys are P-256 so that generation is fast.
 */
export async function createTestCertificates(directory: string, serverNames: readonly string[] = DEFAULT_SERVER_NAMES): Promise<TestCertificates> {
  await mkdir(directory, { recursive: true });
  const [caPath, otherCaPath] = await Promise.all([
    createAuthority(directory, 'ca', 'Mailbag Test CA'),
    createAuthority(directory, 'other-ca', 'Unrelated Test CA'),
  ]);
  const serverConfigPath = path.join(directory, 'server.cnf');
  await writeFile(serverConfigPath, opensslConfig(serverNames[0] ?? 'mailbag-test-server', serverNames));
  await openssl(['req', '-new', ...EC_KEY, '-keyout', 'server.key', '-out', 'server.csr', '-config', serverConfigPath], directory);
  await openssl(
    [
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      caPath,
      '-CAkey',
      'ca.key',
      '-set_serial',
      `0x${randomBytes(8).toString('hex')}`,
      '-days',
      String(CERTIFICATE_DAYS),
      '-out',
      'server.pem',
      '-extfile',
      serverConfigPath,
      '-extensions',
      'server_extensions',
    ],
    directory,
  );
  const [caPem, otherCaPem] = await Promise.all([readFile(caPath, 'utf8'), readFile(otherCaPath, 'utf8')]);
  return {
    caPem,
    caPath,
    otherCaPem,
    otherCaPath,
    serverCertificatePath: path.join(directory, 'server.pem'),
    serverKeyPath: path.join(directory, 'server.key'),
    serverNames: [...serverNames],
  };
}
