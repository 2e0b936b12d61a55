import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NEW_EC_KEY } from './pop3/tls-fixture';

/** Bound on each openssl run. */
const OPENSSL_TIMEOUT_MS = 20_000;

/**
 * A self-signed certificate for 127.0.0.1 and localhost that expired long ago (valid January 2020
 * only), made with `openssl ca`, the one openssl tool that takes explicit start and end dates.
 */
export function expiredCertificate(): { readonly key: string; readonly cert: string } {
  const directory = mkdtempSync(path.join(tmpdir(), 'mailbag-expired-cert-'));
  try {
    mkdirSync(path.join(directory, 'db'));
    writeFileSync(path.join(directory, 'db', 'index.txt'), '');
    writeFileSync(path.join(directory, 'db', 'serial'), '01\n');
    writeFileSync(
      path.join(directory, 'ca.cnf'),
      [
        '[ca]',
        'default_ca = local',
        '[local]',
        'database = db/index.txt',
        'serial = db/serial',
        'new_certs_dir = db',
        'default_md = sha256',
        'policy = any',
        'email_in_dn = no',
        'copy_extensions = copy',
        '[any]',
        'commonName = supplied',
        '',
      ].join('\n'),
    );
    const run = (args: string[]): void => void execFileSync('openssl', args, { cwd: directory, stdio: 'pipe', timeout: OPENSSL_TIMEOUT_MS });
    run([
      'req',
      '-new',
      ...NEW_EC_KEY,
      '-keyout',
      'key.pem',
      '-out',
      'request.csr',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ]);
    run([
      'ca',
      '-batch',
      '-config',
      'ca.cnf',
      '-selfsign',
      '-keyfile',
      'key.pem',
      '-in',
      'request.csr',
      '-out',
      'cert.pem',
      '-startdate',
      '20200101000000Z',
      '-enddate',
      '20200201000000Z',
      '-notext',
    ]);
    return { key: readFileSync(path.join(directory, 'key.pem'), 'utf8'), cert: readFileSync(path.join(directory, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
