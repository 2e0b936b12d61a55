/**
 * The one place certificate trust is decided: a real TLS server on 127.0.0.1 with a test CA, reached
 * with Node's rejection deferred, and judged exactly as Node's verification (chain and host name) or an
 * explicit pin would judge it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { deferredVerificationOptions, judgeCertificate, normaliseFingerprint, type CertificateProblem } from '../../../electron/protocols/tls-trust';
import { createTestCertificates, type TestCertificates } from '../../servers/test-certificates';

let directory: string;
let certificates: TestCertificates;
let server: tls.Server;
let port: number;

before(async () => {
  directory = mkdtempSync(path.join(os.tmpdir(), 'mailbag-tls-trust-'));
  certificates = await createTestCertificates(directory);
  server = tls.createServer({ cert: readFileSync(certificates.serverCertificatePath), key: readFileSync(certificates.serverKeyPath) }, (socket) =>
    socket.end(),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});

after(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(directory, { recursive: true, force: true });
});

/** Connects as the engines do and returns the judgement and the fingerprint seen. */
async function judge(options: { extraCa?: string; host?: string; pinned?: string }): Promise<{ problem: CertificateProblem | undefined; seen: string }> {
  const host = options.host ?? '127.0.0.1';
  const socket = tls.connect({
    host: '127.0.0.1',
    port,
    ...deferredVerificationOptions({ extraCa: options.extraCa, servername: net.isIP(host) === 0 ? host : undefined }),
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('secureConnect', () => resolve());
      socket.once('error', reject);
    });
    const seen = socket.getPeerCertificate().fingerprint256;
    return { problem: judgeCertificate(socket, options.pinned), seen };
  } finally {
    socket.destroy();
  }
}

test('without the CA the certificate is not trusted, and the refusal carries the fingerprint presented', async () => {
  const { problem, seen } = await judge({});
  assert.equal(problem?.kind, 'unverified');
  assert.deepEqual(problem?.reason, { reason: 'unknownAuthority', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
  assert.equal(problem?.fingerprint256, seen);
});

test('with the CA and the right name it is trusted; the right CA with another name is not', async () => {
  assert.equal((await judge({ extraCa: certificates.caPem })).problem, undefined);
  const wrongName = await judge({ extraCa: certificates.caPem, host: 'mail.elsewhere.test' });
  assert.equal(wrongName.problem?.kind, 'unverified');
  assert.deepEqual(wrongName.problem?.reason, { reason: 'wrongName', code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  assert.equal((await judge({ extraCa: certificates.otherCaPem })).problem?.kind, 'unverified', 'an unrelated CA does not vouch for it');
});

test('a pin trusts exactly that certificate, in any spelling of the fingerprint, and nothing else', async () => {
  const { seen } = await judge({});
  assert.equal((await judge({ pinned: seen })).problem, undefined);
  assert.equal((await judge({ pinned: normaliseFingerprint(seen).toLowerCase() })).problem, undefined);
  const other = `${normaliseFingerprint(seen).slice(0, 63)}${normaliseFingerprint(seen).endsWith('0') ? '1' : '0'}`;
  const mismatch = await judge({ pinned: other, extraCa: certificates.caPem });
  assert.equal(mismatch.problem?.kind, 'pin-mismatch', 'a pin replaces the chain check: a wrong pin is refused even with the right CA');
  assert.equal(mismatch.problem?.fingerprint256, seen);
});

test("Node's own rejection is turned off only in tls-trust, and every connection that defers it judges the certificate", () => {
  const root = path.resolve(__dirname, '../../../electron');
  const sources = (directory: string): string[] =>
    readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? sources(path.join(directory, entry.name)) : entry.name.endsWith('.ts') ? [path.join(directory, entry.name)] : [],
    );
  const files = sources(root).map((file) => ({ file: path.relative(root, file), text: readFileSync(file, 'utf8') }));
  assert.deepEqual(
    files.filter(({ text }) => /rejectUnauthorized/.test(text)).map(({ file }) => file),
    [path.join('protocols', 'tls-trust.ts')],
  );
  // The doctor's inspection only reports what it saw and closes the socket before anything is sent.
  const inspectionOnly = new Set([path.join('services', 'doctor', 'network-checks.ts')]);
  const deferring = files.filter(({ file, text }) => file !== path.join('protocols', 'tls-trust.ts') && /deferredVerificationOptions\(/.test(text));
  assert.ok(deferring.length >= 2, 'the POP3 and SMTP engines defer verification');
  for (const { file, text } of deferring) {
    if (inspectionOnly.has(file)) continue;
    assert.match(text, /judgeCertificate\(/, `${file} defers verification and must judge the certificate itself`);
  }
});
