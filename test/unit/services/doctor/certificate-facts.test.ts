/**
 * The certificate question's facts and reason in the user's language: the doctor words "Chain trusted"
 * and "Name matches" and the reason a certificate is not trusted with the translator it was given
 * (German and Arabic here, against a real TLS handshake with a self-signed certificate), English
 * without one; a server without STLS reports TLS_REQUIRED with the table's own sentence.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { certificateReasonWords } from '../../../../shared/certificate-reasons';
import { ERROR_CODES } from '../../../../shared/errors';
import { createTranslator } from '../../../../shared/i18n/catalogs';
import { FakePop3Server } from '../../../fakes/pop3-server';
import { tlsFixture } from '../../../fakes/pop3/tls-fixture';
import { doctor, incoming } from './doctor-harness';

const TEST_TIMEOUT_MS = 60_000;
const SELF_SIGNED = { reason: 'selfSigned', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' } as const;

test('a self-signed certificate: the reason and the facts in German and Arabic, English without a translator', { timeout: TEST_TIMEOUT_MS }, async () => {
  const fixture = tlsFixture();
  const server = await FakePop3Server.start({ tls: fixture.selfSigned, implicitTls: true, users: { ann: 'pw' } });
  try {
    for (const locale of ['de', 'ar'] as const) {
      const { t } = createTranslator(locale);
      const result = await doctor({ settings: incoming(server.host, server.port, 'tls', 'ann'), pop3Password: 'pw', t });
      const tls = result.steps.get('pop3-tls');
      assert.equal(tls?.status, 'failed');
      assert.equal(tls?.summary, t('doctor.cert.untrustedWhy', { reason: certificateReasonWords(t, SELF_SIGNED) }));
      const fact = (name: string) => tls?.facts.find((entry) => entry.name === name)?.value;
      assert.equal(fact('Chain trusted'), t('doctor.fact.noBecause', { reason: certificateReasonWords(t, SELF_SIGNED) }));
      assert.equal(fact('Name matches'), t('doctor.fact.yes'));
    }
    const { t: de } = createTranslator('de');
    const german = await doctor({ settings: incoming(server.host, server.port, 'tls', 'ann'), pop3Password: 'pw', t: de });
    const facts = german.steps.get('pop3-tls')?.facts ?? [];
    assert.equal(facts.find((entry) => entry.name === 'Chain trusted')?.value, 'nein (es ist selbst signiert)');
    const english = await doctor({ settings: incoming(server.host, server.port, 'tls', 'ann'), pop3Password: 'pw' });
    const englishFacts = english.steps.get('pop3-tls')?.facts ?? [];
    assert.equal(englishFacts.find((entry) => entry.name === 'Chain trusted')?.value, 'no (it is self-signed)');
    assert.equal(english.steps.get('pop3-tls')?.summary, 'The certificate is not signed by an authority this computer trusts (it is self-signed).');
  } finally {
    await server.close();
  }
});

test('a certificate for another name: "Name matches" is no in the user’s language', { timeout: TEST_TIMEOUT_MS }, async () => {
  const fixture = tlsFixture();
  const server = await FakePop3Server.start({ tls: fixture.wrongHost, implicitTls: true, users: { ann: 'pw' } });
  try {
    const { t } = createTranslator('ar');
    const result = await doctor({ settings: incoming(server.host, server.port, 'tls', 'ann', { caPem: fixture.ca }), pop3Password: 'pw', t });
    const facts = result.steps.get('pop3-tls')?.facts ?? [];
    assert.equal(facts.find((entry) => entry.name === 'Name matches')?.value, 'لا');
    assert.equal(
      facts.find((entry) => entry.name === 'Chain trusted')?.value,
      t('doctor.fact.noBecause', { reason: t('tls.reason', { reason: 'wrongName', code: 'ERR_TLS_CERT_ALTNAME_INVALID' }) }),
    );
  } finally {
    await server.close();
  }
});

test('STARTTLS asked for but not offered: TLS_REQUIRED with the table’s sentence', { timeout: TEST_TIMEOUT_MS }, async () => {
  const server = await FakePop3Server.start({ users: { ann: 'pw' } });
  try {
    const result = await doctor({ settings: incoming(server.host, server.port, 'starttls', 'ann'), pop3Password: 'pw', t: createTranslator('de').t });
    const tls = result.steps.get('pop3-tls');
    assert.equal(tls?.status, 'failed');
    assert.deepEqual(tls?.error, { code: 'TLS_REQUIRED', message: ERROR_CODES.TLS_REQUIRED.message });
  } finally {
    await server.close();
  }
});
