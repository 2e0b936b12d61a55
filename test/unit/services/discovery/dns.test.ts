import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lookupMxProvider, lookupSrv, type DnsResolver } from '../../../../electron/services/discovery/dns';
import { fakeResolver } from '../../../fakes/dns-resolver';

test('SRV records of RFC 6186 and RFC 8314 become candidates, best priority first, "." meaning not offered', async () => {
  const resolver = fakeResolver(
    {
      '_pop3s._tcp.example.test': [
        { name: 'pop-backup.example.test', port: 995, priority: 20, weight: 0 },
        { name: 'POP.example.test.', port: 995, priority: 10, weight: 0 },
      ],
      '_pop3._tcp.example.test': [{ name: '.', port: 0, priority: 0, weight: 0 }],
      '_submissions._tcp.example.test': [{ name: 'smtp.example.test', port: 465, priority: 0, weight: 1 }],
    },
    {},
  );
  const found = await lookupSrv(resolver, 'example.test');
  assert.deepEqual(
    found.incoming.map((c) => `${c.host}:${c.port}:${c.security}`),
    ['pop.example.test:995:tls', 'pop-backup.example.test:995:tls'],
  );
  assert.deepEqual(
    found.outgoing.map((c) => `${c.host}:${c.port}:${c.security}:${c.source}`),
    ['smtp.example.test:465:tls:srv'],
  );
  assert.deepEqual(resolver.asked.sort(), [
    'SRV _pop3._tcp.example.test',
    'SRV _pop3s._tcp.example.test',
    'SRV _submission._tcp.example.test',
    'SRV _submissions._tcp.example.test',
  ]);
});

test('a resolver failure other than "no such record" is passed on', async () => {
  const resolver: DnsResolver = {
    resolveSrv: async () => {
      throw Object.assign(new Error('queryX ETIMEOUT'), { code: 'ETIMEOUT' });
    },
    resolveMx: async () => [],
  };
  await assert.rejects(lookupSrv(resolver, 'example.test'), /ETIMEOUT/);
});

test('the most preferred MX host the table knows names the provider', async () => {
  const resolver = fakeResolver(
    {},
    {
      'custom.test': [
        { exchange: 'alt1.aspmx.l.google.com', priority: 5 },
        { exchange: 'backup.custom.test', priority: 1 },
        { exchange: 'in1-smtp.messagingengine.com', priority: 10 },
      ],
    },
  );
  const match = await lookupMxProvider(resolver, 'custom.test');
  assert.equal(match?.provider.id, 'gmail');
  assert.equal(await lookupMxProvider(resolver, 'unknown.test'), undefined);
});
