import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fetchAutoconfig, parseAutoconfig } from '../../../../electron/services/discovery/autoconfig';
import { createHttpsGet } from '../../../../electron/services/discovery/https-get';
import { parseXml } from '../../../../electron/services/discovery/xml';
import { LOOPBACK } from '../../../servers/free-port';
import { createTestCertificates, type TestCertificates } from '../../../servers/test-certificates';

const DOCUMENT = `<?xml version="1.0" encoding="UTF-8"?>
<!-- served by the provider -->
<clientConfig version="1.1">
  <emailProvider id="example.test">
    <domain>example.test</domain>
    <incomingServer type="imap"><hostname>imap.example.test</hostname><port>993</port><socketType>SSL</socketType><username>%EMAILADDRESS%</username></incomingServer>
    <incomingServer type="pop3">
      <hostname>pop.%EMAILDOMAIN%</hostname><port>995</port><socketType>SSL</socketType>
      <username>%EMAILLOCALPART%</username><authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="pop3"><hostname>pop.example.test</hostname><port>110</port><socketType>plain</socketType><username>%EMAILADDRESS%</username></incomingServer>
    <outgoingServer type="smtp"><hostname>smtp.example.test</hostname><port>587</port><socketType>STARTTLS</socketType><username>%EMAILADDRESS%</username></outgoingServer>
    <outgoingServer type="smtp"><hostname>odd.example.test</hostname><port>25</port><socketType>SSL</socketType><username>%REALNAME%</username></outgoingServer>
  </emailProvider>
</clientConfig>`;

test('POP3 and SMTP servers are read from a Thunderbird autoconfig document', () => {
  const found = parseAutoconfig(DOCUMENT, 'example.test');
  assert.deepEqual(
    found.incoming.map((c) => [c.host, c.port, c.security, c.username, c.needsPlaintextConsent]),
    [
      ['pop.example.test', 995, 'tls', 'local-part', false],
      ['pop.example.test', 110, 'none', 'email-address', true],
    ],
  );
  assert.deepEqual(
    found.outgoing.map((c) => [c.host, c.port, c.security, c.source]),
    [['smtp.example.test', 587, 'starttls', 'autoconfig']],
  );
});

test('the XML reader refuses document types, mismatched tags and oversized input', () => {
  assert.throws(() => parseXml('<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'), SyntaxError);
  assert.throws(() => parseXml('<a><b></a></b>'), SyntaxError);
  assert.throws(() => parseXml(`<a>${'x'.repeat(300 * 1024)}</a>`), SyntaxError);
  assert.throws(() => parseAutoconfig('<html></html>', 'example.test'), { code: 'PROTOCOL_ERROR' });
  assert.equal(parseXml('<a x="1 &amp; 2"><![CDATA[<raw>]]>&#65;</a>').text, '<raw>A');
});

let certificates: TestCertificates;
let server: https.Server;
let port = 0;
const requests: string[] = [];
const directory = mkdtempSync(path.join(os.tmpdir(), 'mailbag-autoconfig-'));

before(async () => {
  certificates = await createTestCertificates(directory, [
    'autoconfig.example.test',
    'example.test',
    'broken.test',
    'autoconfig.broken.test',
    'known.test',
    'autoconfig.known.test',
    'missing.test',
    'autoconfig.missing.test',
  ]);
  server = https.createServer(
    { key: readFileSync(certificates.serverKeyPath), cert: readFileSync(certificates.serverCertificatePath) },
    (request, response) => {
      requests.push(`${request.headers.host ?? ''}${request.url ?? ''}`);
      if (request.headers.host === 'autoconfig.example.test' && request.url?.startsWith('/mail/config-v1.1.xml?emailaddress=')) {
        response.writeHead(200, { 'content-type': 'application/xml' }).end(DOCUMENT);
      } else if (request.headers.host === 'known.test' && request.url === '/.well-known/autoconfig/mail/config-v1.1.xml') {
        response.writeHead(200, { 'content-type': 'application/xml' }).end(DOCUMENT.replace(/example\.test/g, 'known.test'));
      } else if (request.headers.host === 'broken.test') {
        response.writeHead(200).end('<clientConfig><oops></clientConfig>');
      } else {
        response.writeHead(404).end();
      }
    },
  );
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  port = (server.address() as AddressInfo).port;
});
after(() => {
  server.close();
  rmSync(directory, { recursive: true, force: true });
});

test('both autoconfig locations are asked over https, and the first document found is used', async () => {
  const httpsGet = createHttpsGet({ ca: certificates.caPem, connectTo: { host: LOOPBACK, port } });
  const found = await fetchAutoconfig(httpsGet, 'example.test', 'jo@example.test', AbortSignal.timeout(10_000));
  assert.equal(found.incoming[0]?.host, 'pop.example.test');
  assert.ok(requests.includes('autoconfig.example.test/mail/config-v1.1.xml?emailaddress=jo%40example.test'));
  const known = await fetchAutoconfig(httpsGet, 'known.test', 'jo@known.test', AbortSignal.timeout(10_000));
  assert.equal(known.outgoing[0]?.host, 'smtp.known.test');
  assert.ok(requests.includes('known.test/.well-known/autoconfig/mail/config-v1.1.xml'));
});

test('404 everywhere is “nothing”; a broken document or an untrusted certificate is a failure', async () => {
  const httpsGet = createHttpsGet({ ca: certificates.caPem, connectTo: { host: LOOPBACK, port } });
  assert.deepEqual(await fetchAutoconfig(httpsGet, 'missing.test', 'a@missing.test', AbortSignal.timeout(10_000)), { incoming: [], outgoing: [] });
  await assert.rejects(
    fetchAutoconfig(httpsGet, 'elsewhere.test', 'a@elsewhere.test', AbortSignal.timeout(10_000)),
    /altnames|certificate/i,
    'a host name outside the certificate fails verification',
  );
  await assert.rejects(fetchAutoconfig(httpsGet, 'broken.test', 'a@broken.test', AbortSignal.timeout(10_000)), /not valid XML/);
  const untrusting = createHttpsGet({ ca: certificates.otherCaPem, connectTo: { host: LOOPBACK, port } });
  await assert.rejects(fetchAutoconfig(untrusting, 'example.test', 'a@example.test', AbortSignal.timeout(10_000)), /certificate/);
  const plain = createHttpsGet();
  await assert.rejects(plain('http://127.0.0.1/', { signal: AbortSignal.timeout(1_000), maxBytes: 10, timeoutMs: 1_000 }), { code: 'VALIDATION' });
});
