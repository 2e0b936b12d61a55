/**
 * Plain, STLS and implicit TLS against a real Dovecot, with the test CA passed as an extra CA; a CA
 * that did not sign the certificate, or a certificate for another name, must stop the connection
 * with a certificate error before anything is sent.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { connectPop3, Pop3Error } from '../../../electron/protocols/pop3';
import { startDovecot, type DovecotServer } from '../../servers/dovecot';
import { connectToServer, openMailbox, SERVER_TEST_TIMEOUT_MS, type TestSecurity } from './support';

function isCertificateError(error: unknown): boolean {
  assert.ok(error instanceof Pop3Error, String(error));
  assert.equal(error.code, 'TLS_CERTIFICATE', `${error.code}: ${error.message}`);
  return true;
}

async function loginCount(server: DovecotServer): Promise<number> {
  return [...(await server.readLog()).matchAll(/Login: user=/g)].length;
}

describe('connection security against Dovecot', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  let server: DovecotServer;
  let fingerprint: string;
  before(async () => {
    server = await startDovecot();
    await server.generateMessages({ count: 5, seed: 21 });
    fingerprint = new X509Certificate(await readFile(server.certificates.serverCertificatePath)).fingerprint256;
  });
  after(() => server.stop());

  const expectations: ReadonlyArray<[TestSecurity, boolean]> = [
    ['none', false],
    ['starttls', true],
    ['tls', true],
  ];
  for (const [security, encrypted] of expectations) {
    test(`${security}: ${encrypted ? 'encrypted' : 'unencrypted'}, signs in and lists the mailbox`, async () => {
      const session = await openMailbox(server, security);
      try {
        assert.equal(session.encrypted, encrypted);
        assert.equal((await session.uidl()).entries.length, 5);
        if (security !== 'none') assert.equal(session.capabilities.stls, false, 'STLS is not offered once TLS is on');
      } finally {
        await session.quit();
      }
    });
  }

  test('after STLS the capabilities come from the CAPA asked over TLS', async () => {
    const plain = await connectToServer(server, 'none');
    const upgraded = await connectToServer(server, 'starttls');
    try {
      assert.equal(plain.capabilities.stls, true);
      assert.equal(upgraded.capabilities.stls, false);
      assert.ok(upgraded.capabilities.sasl.includes('SCRAM-SHA-256'));
    } finally {
      await plain.quit();
      await upgraded.quit();
    }
  });

  for (const security of ['starttls', 'tls'] as const) {
    test(`${security}: a CA that did not sign the server certificate is a certificate error`, async () => {
      const before = await loginCount(server);
      await assert.rejects(connectToServer(server, security, { ca: server.certificates.otherCaPem }), isCertificateError);
      assert.equal(await loginCount(server), before);
    });

    test(`${security}: without the test CA (system roots only) the certificate is refused`, async () => {
      const withoutCa = connectPop3({ host: server.host, port: security === 'tls' ? server.tlsPort : server.port, security });
      await assert.rejects(withoutCa, isCertificateError);
    });

    test(`${security}: a certificate for 127.0.0.1 is refused when another name is expected`, async () => {
      await assert.rejects(connectToServer(server, security, { servername: 'mail.example.org' }), isCertificateError);
    });

    test(`${security}: a pinned fingerprint accepts the certificate even without its CA`, async () => {
      const session = await connectToServer(server, security, { ca: server.certificates.otherCaPem, pinnedFingerprint256: fingerprint });
      try {
        assert.equal(session.encrypted, true);
      } finally {
        await session.quit();
      }
    });

    test(`${security}: a pinned fingerprint of another certificate is refused even with the right CA`, async () => {
      const wrong = fingerprint.replace(/^[0-9A-F]/, (digit) => (digit === '0' ? '1' : '0'));
      await assert.rejects(connectToServer(server, security, { pinnedFingerprint256: wrong }), isCertificateError);
    });
  }
});

describe('a server certificate issued for another host name', { timeout: SERVER_TEST_TIMEOUT_MS }, () => {
  let server: DovecotServer;
  before(async () => {
    server = await startDovecot({ serverNames: ['mail.example.org'] });
  });
  after(() => server.stop());

  for (const security of ['starttls', 'tls'] as const) {
    test(`${security}: connecting to 127.0.0.1 fails with a certificate error`, async () => {
      await assert.rejects(connectToServer(server, security), isCertificateError);
    });

    test(`${security}: connecting with the certificate's name (SNI and check) succeeds`, async () => {
      const session = await connectToServer(server, security, { servername: 'mail.example.org' });
      try {
        assert.equal(session.encrypted, true);
      } finally {
        await session.quit();
      }
    });
  }
});
