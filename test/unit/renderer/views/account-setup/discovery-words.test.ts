import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DiscoveredServer, DiscoveryOutcome } from '../../../../../shared/discovery';
import { createTranslator } from '../../../../../shared/i18n/catalogs';
import { answeringSource, describeSourceStatus } from '../../../../../renderer/views/account-setup/discovery-words';

const en = createTranslator('en').t;

test('each discovery source’s state reads in plain words', () => {
  assert.equal(describeSourceStatus(en, undefined), 'Checking…');
  assert.equal(describeSourceStatus(en, { state: 'nothing' }), 'Nothing found');
  assert.equal(describeSourceStatus(en, { state: 'answered', incoming: 2, outgoing: 1 }), 'Found 2 incoming and 1 outgoing server');
  assert.equal(describeSourceStatus(en, { state: 'failed', reason: 'timed out' }), 'Did not answer (timed out)');
  assert.equal(
    describeSourceStatus(createTranslator('de').t, { state: 'answered', incoming: 2, outgoing: 1 }),
    '2 Posteingangs- und 1 Postausgangsserver gefunden',
  );
});

test('the source that answered is the one whose server is recommended', () => {
  const server: DiscoveredServer = {
    protocol: 'pop3',
    source: 'autoconfig',
    host: 'pop.example.com',
    port: 995,
    security: 'tls',
    username: 'email-address',
    needsPlaintextConsent: false,
    notes: [],
  };
  const nothing = { state: 'nothing' } as const;
  const outcome: DiscoveryOutcome = {
    domain: 'example.com',
    incoming: [server],
    outgoing: [],
    recommended: { incoming: server, outgoing: undefined },
    sources: { 'provider-table': nothing, autoconfig: { state: 'answered', incoming: 1, outgoing: 0 }, srv: nothing, mx: nothing, guess: nothing },
  };
  assert.equal(answeringSource(outcome), 'autoconfig');
  assert.equal(answeringSource({ ...outcome, recommended: { incoming: undefined, outgoing: undefined } }), undefined);
});
