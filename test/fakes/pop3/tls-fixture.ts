/**
 * Throwaway certificates for TLS tests, made with the `openssl` command into a temporary folder:
 * a test CA, a server certificate for localhost/127.0.0.1 signed by it, one for another host name,
 * and a self-signed one. Generated once per test process.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A key pair with its certificate (PEM) and SHA-256 fingerprint. */
export interface TestCertificate {
  readonly key: string;
  readonly cert: string;
  readonly fingerprint256: string;
}

/** Everything a TLS test needs. */
export interface TlsFixture {
  /** The test CA's certificate, to pass as the client's extra CA. */
  readonly ca: string;
  /** Valid for DNS:localhost and IP:127.0.0.1, signed by the test CA. */
  readonly server: TestCertificate;
  /** Signed by the test CA but only for `other.invalid`. */
  readonly wrongHost: TestCertificate;
  /** Self-signed for localhost and 127.0.0.1. */
  readonly selfSigned: TestCertificate;
}

/** The arguments of `openssl req` for a new P-256 key without a passphrase, as every test certificate has. */
export const NEW_EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

let cached: TlsFixture | undefined;

function openssl(directory: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: directory, stdio: 'pipe' });
}

function certificate(directory: string, name: string): TestCertificate {
  const cert = readFileSync(path.join(directory, `${name}.pem`), 'utf8');
  return { key: readFileSync(path.join(directory, `${name}.key`), 'utf8'), cert, fingerprint256: new X509Certificate(cert).fingerprint256 };
}

function signed(directory: string, name: string, subjectAltName: string): void {
  openssl(directory, ['req', ...NEW_EC_KEY, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`]);
  writeFileSync(path.join(directory, `${name}.ext`), `subjectAltName=${subjectAltName}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
  openssl(directory, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    `${name}.pem`,
    '-days',
    '2',
    '-extfile',
    `${name}.ext`,
  ]);
}

/** Returns the fixture, generating it on first use. */
export function tlsFixture(): TlsFixture {
  if (cached !== undefined) return cached;
  const directory = mkdtempSync(path.join(tmpdir(), 'mailbag-pop3-tls-'));
  try {
    openssl(directory, [
      'req',
      '-x509',
      ...NEW_EC_KEY,
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=Mailbag Test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    signed(directory, 'server', 'DNS:localhost,IP:127.0.0.1');
    signed(directory, 'wrong', 'DNS:other.invalid');
    openssl(directory, [
      'req',
      '-x509',
      ...NEW_EC_KEY,
      '-keyout',
      'self.key',
      '-out',
      'self.pem',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ]);
    cached = {
      ca: readFileSync(path.join(directory, 'ca.pem'), 'utf8'),
      server: certificate(directory, 'server'),
      wrongHost: certificate(directory, 'wrong'),
      selfSigned: certificate(directory, 'self'),
    };
    return cached;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
