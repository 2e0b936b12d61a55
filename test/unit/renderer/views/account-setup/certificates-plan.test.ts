/**
 * One question per certificate: a certificate trusted for the same host and port in another account is
 * pinned without asking, one both servers present is asked about once and pinned for both, and a pin
 * that did not help is asked about again. Dates are shown in the user's locale; fingerprints by byte.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Account, PinnedCertificate } from '../../../../../shared/accounts';
import { accountSettingsSchema } from '../../../../../shared/accounts';
import {
  alreadyTrusted,
  planCertificates,
  trustedElsewhere,
  trustEverywhere,
  type CertificateProblem,
} from '../../../../../renderer/views/account-setup/certificates';
import { emptyForm } from '../../../../../renderer/views/account-setup/setup-form';
import { certificateFactValue, fingerprintBytes } from '../../../../../renderer/state/certificate-words';
import { sampleSettings } from '../../../../fakes/account-settings';

const FINGERPRINT = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';
const OTHER = FINGERPRINT.replace(/^AB/, '00');
const PLAIN = FINGERPRINT.replace(/:/g, '');

function problem(side: 'incoming' | 'outgoing', port: number, fingerprint256 = FINGERPRINT): CertificateProblem {
  return { side, host: 'mail.example.test', port, fingerprint256, summary: 'self-signed', facts: [] };
}

test('a certificate another account trusts for the same host and port is pinned without a question', () => {
  const pins: PinnedCertificate[] = [{ host: 'mail.example.test', port: 995, fingerprint256: PLAIN }];
  const plan = planCertificates(emptyForm(), [problem('incoming', 995), problem('outgoing', 587, OTHER)], pins);
  assert.deepEqual(plan.form.pins.incoming, pins[0]);
  assert.deepEqual(
    plan.trustedBefore.map((item) => item.side),
    ['incoming'],
  );
  assert.deepEqual(
    plan.questions.map((item) => item.side),
    ['outgoing'],
    'a different certificate is still asked about',
  );
  assert.equal(alreadyTrusted(problem('incoming', 996), pins), false, 'another port is another question');
  assert.equal(alreadyTrusted(problem('incoming', 995, OTHER), pins), false, 'another certificate is another question');
});

test('a certificate both servers present is one question, and trusting it pins both', () => {
  const problems = [problem('incoming', 995), problem('outgoing', 465)];
  const plan = planCertificates(emptyForm(), problems, []);
  assert.equal(plan.questions.length, 1);
  const first = plan.questions[0];
  assert.ok(first !== undefined);
  const trusted = trustEverywhere(plan.form, first, problems);
  assert.deepEqual(trusted.pins.incoming, { host: 'mail.example.test', port: 995, fingerprint256: PLAIN });
  assert.deepEqual(trusted.pins.outgoing, { host: 'mail.example.test', port: 465, fingerprint256: PLAIN });
});

test('a pin the form already holds that still fails is asked about again, not pinned in a loop', () => {
  const form = { ...emptyForm(), pins: { incoming: { host: 'mail.example.test', port: 995, fingerprint256: PLAIN } } };
  const plan = planCertificates(form, [problem('incoming', 995)], [{ host: 'mail.example.test', port: 995, fingerprint256: PLAIN }]);
  assert.equal(plan.trustedBefore.length, 0);
  assert.equal(plan.questions.length, 1);
});

test('pins of other accounts are collected, not those of the account being edited', () => {
  const settings = accountSettingsSchema.parse(sampleSettings());
  const pinned = {
    ...settings,
    incoming: { ...settings.incoming, pinnedCertificate: { host: settings.incoming.host, port: settings.incoming.port, fingerprint256: PLAIN } },
  };
  const account = (id: string): Account => ({ id, name: id, address: settings.address, settings: pinned, messageCount: 0, createdAt: 1, updatedAt: 1 });
  assert.equal(trustedElsewhere([account('a'), account('b')], 'a').length, 1);
  assert.equal(trustedElsewhere([account('a'), account('b')]).length, 2);
});

test('"Valid until" is a date in the user locale and time zone; a fingerprint is split by byte', () => {
  assert.equal(certificateFactValue('Valid until', '2027-03-01T12:00:00.000Z', 'en-GB', 'UTC'), '1 March 2027 at 12:00');
  assert.equal(certificateFactValue('Valid until', '2027-03-01T12:00:00.000Z', 'de-DE', 'Europe/Berlin'), '1. März 2027 um 13:00');
  assert.equal(certificateFactValue('Valid until', 'not a date'), 'not a date');
  assert.equal(certificateFactValue('Issued by', '2027-03-01T12:00:00.000Z'), '2027-03-01T12:00:00.000Z');
  assert.deepEqual(fingerprintBytes('ab:cd:0f'), ['AB', 'CD', '0F']);
  assert.equal(fingerprintBytes(FINGERPRINT).length, 32);
});
