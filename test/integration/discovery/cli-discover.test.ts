/**
 * `mailbag account add --discover` end to end: the command line gets a local discovery network (an
 * autoconfig web server on 127.0.0.1 and routed probes), fills in both servers from what answered,
 * says which source that was, signs in to the real Dovecot and Postfix, and saves the account.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CliServices } from '../../../electron/cli/run';
import type { Account } from '../../../shared/accounts';
import { startPostfix, TEST_DOMAIN, type PostfixServer } from '../../servers/postfix';
import { POSTFIX_TEST_TIMEOUT_MS } from '../smtp/support';
import { DISCOVERY_SERVER_NAMES, startLocalDiscovery, type LocalDiscovery } from './support';
import { runMailbag } from '../../support/cli';

function run(profile: string, args: readonly string[], services: CliServices, input = ''): Promise<{ code: number; out: string; err: string }> {
  return runMailbag(['--profile', profile, ...args], { input, services });
}

describe('mailbag account add --discover', { timeout: POSTFIX_TEST_TIMEOUT_MS }, () => {
  let server: PostfixServer;
  let local: LocalDiscovery | undefined;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-discover-'));
  const caFile = path.join(scratch, 'ca.pem');

  before(async () => {
    server = await startPostfix({ serverNames: DISCOVERY_SERVER_NAMES });
    writeFileSync(caFile, server.caPem);
    const document = `<?xml version="1.0"?><clientConfig version="1.1"><emailProvider id="${TEST_DOMAIN}">
      <incomingServer type="pop3"><hostname>127.0.0.1</hostname><port>${server.dovecot.tlsPort}</port><socketType>SSL</socketType><username>%EMAILLOCALPART%</username><authentication>password-cleartext</authentication></incomingServer>
      <outgoingServer type="smtp"><hostname>127.0.0.1</hostname><port>${server.submissionPort}</port><socketType>STARTTLS</socketType><username>%EMAILLOCALPART%</username><authentication>password-cleartext</authentication></outgoingServer>
    </emailProvider></clientConfig>`;
    // No probe routes: every guess is refused, so only the autoconfig document can answer.
    local = await startLocalDiscovery({ certificates: server.dovecot.certificates, routes: {}, autoconfig: { domain: TEST_DOMAIN, document } });
  });
  after(async () => {
    await local?.close();
    await server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  test('fills in both servers from autoconfig, names the source, checks the sign-ins and saves the account', async () => {
    assert.ok(local !== undefined);
    const services: CliServices = { discoveryNetwork: local.network };
    const profile = path.join(scratch, 'profile');
    const address = `${server.user}@${TEST_DOMAIN}`;
    const add = await run(
      profile,
      ['account', 'add', '--name', 'Home', '--email', address, '--discover', '--ca', caFile, '--leave-on-server', 'forever', '--password-stdin'],
      services,
      `${server.password}\n`,
    );
    assert.equal(add.code, 0, add.err);
    assert.match(add.err, /discovery: autoconfig: answered/);
    assert.match(add.err, /discovery: guess: nothing/);
    assert.match(add.err, new RegExp(`Found POP3 127\\.0\\.0\\.1:${server.dovecot.tlsPort} \\(tls\\) by autoconfig\\.`));
    assert.match(add.err, new RegExp(`Found SMTP 127\\.0\\.0\\.1:${server.submissionPort} \\(starttls\\) by autoconfig\\.`));
    assert.match(add.out, /Account "Home" added/);
    assert.match(add.out, /signed in as test\./);
    assert.match(add.out, /Outgoing: SMTP .*\(starttls\), sign-in checked\./);
    assert.ok(
      local.fetched.some((url) => url.startsWith(`autoconfig.${TEST_DOMAIN}/mail/config-v1.1.xml`)),
      local.fetched.join('\n'),
    );
    assert.ok(!(add.out + add.err).includes(server.password));

    const list = await run(profile, ['--json', 'account', 'list'], services);
    const [account] = JSON.parse(list.out) as Account[];
    const settings = account?.settings;
    assert.deepEqual(
      [settings?.incoming.host, settings?.incoming.port, settings?.incoming.security, settings?.incoming.username],
      ['127.0.0.1', server.dovecot.tlsPort, 'tls', server.user],
    );
    assert.deepEqual(
      [settings?.outgoing.host, settings?.outgoing.port, settings?.outgoing.security, settings?.outgoing.username, settings?.outgoing.credentials],
      ['127.0.0.1', server.submissionPort, 'starttls', server.user, 'same'],
    );
  });

  test('without an answer from any source, --discover leaves the servers missing: a usage error, nothing saved', async () => {
    assert.ok(local !== undefined);
    const profile = path.join(scratch, 'empty-profile');
    const add = await run(
      profile,
      ['account', 'add', '--name', 'Other', '--email', 'someone@nowhere.test', '--discover', '--password-stdin'],
      { discoveryNetwork: local.network },
      'whatever\n',
    );
    assert.equal(add.code, 2, add.err);
    assert.match(add.err, /Missing --pop3, --smtp/);
    const list = await run(profile, ['--json', 'account', 'list'], {});
    assert.deepEqual(JSON.parse(list.out), []);
  });
});
