import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findProviderByDomain, findProviderByMxHost, PROVIDER_NOTE_TEXT, PROVIDERS } from '../../../../shared/providers';
import { portForSecurity, securityForPort } from '../../../../shared/server-security';

test('the table knows the large providers by address domain', () => {
  assert.equal(findProviderByDomain('GMAIL.com')?.incoming?.host, 'pop.gmail.com');
  assert.equal(findProviderByDomain('hotmail.com')?.id, 'outlook');
  assert.ok(findProviderByDomain('hotmail.com')?.notes.includes('oauth-required'));
  assert.equal(findProviderByDomain('gmx.de')?.incoming?.host, 'pop.gmx.net');
  assert.equal(findProviderByDomain('icloud.com')?.incoming, undefined, 'iCloud has no POP3');
  assert.equal(findProviderByDomain('example.org'), undefined);
  for (const id of ['gmail', 'outlook', 'yahoo', 'aol', 'icloud', 'gmx-net', 'gmx-com', 'web-de', 'yandex', 'zoho', 'fastmail', 'mail-ru']) {
    assert.ok(
      PROVIDERS.some((provider) => provider.id === id),
      id,
    );
  }
});

test('every entry is encrypted, uses a plausible port, and has words for its notes', () => {
  const domains = new Set<string>();
  for (const provider of PROVIDERS) {
    for (const server of [provider.incoming, provider.outgoing]) {
      if (server === undefined) continue;
      assert.notEqual(server.security, 'none', provider.id);
      assert.ok([995, 110, 465, 587].includes(server.port), `${provider.id} ${server.port}`);
    }
    for (const note of provider.notes) assert.ok(PROVIDER_NOTE_TEXT[note].length > 0);
    for (const domain of provider.domains) {
      assert.ok(!domains.has(domain), `${domain} is listed twice`);
      domains.add(domain);
    }
  }
});

test('an MX host is matched by whole labels, the longest suffix winning', () => {
  assert.equal(findProviderByMxHost('aspmx.l.google.com.')?.id, 'gmail');
  assert.equal(findProviderByMxHost('example-com.mail.protection.outlook.com')?.id, 'microsoft365');
  assert.equal(findProviderByMxHost('mx-aol.mail.gm0.yahoodns.net')?.id, 'aol');
  assert.equal(findProviderByMxHost('mta5.am0.yahoodns.net')?.id, 'yahoo');
  assert.equal(findProviderByMxHost('in1-smtp.messagingengine.com')?.id, 'fastmail');
  assert.equal(findProviderByMxHost('notgoogle.com'), undefined);
});

test('changing the port switches the security to match, and back', () => {
  assert.equal(securityForPort('pop3', 110, 'tls'), 'starttls');
  assert.equal(securityForPort('pop3', 995, 'starttls'), 'tls');
  assert.equal(securityForPort('smtp', 587, 'tls'), 'starttls');
  assert.equal(securityForPort('smtp', 465, 'starttls'), 'tls');
  assert.equal(securityForPort('pop3', 1995, 'tls'), 'tls', 'a custom port keeps the choice');
  assert.equal(securityForPort('pop3', 110, 'none'), 'none', 'a deliberate plaintext choice stays');
  assert.equal(securityForPort('pop3', 995, 'none'), 'tls');
  assert.equal(portForSecurity('pop3', 995, 'tls', 'starttls'), 110);
  assert.equal(portForSecurity('pop3', 110, 'starttls', 'tls'), 995);
  assert.equal(portForSecurity('smtp', 465, 'tls', 'starttls'), 587);
  assert.equal(portForSecurity('smtp', 2525, 'starttls', 'tls'), 2525);
});
