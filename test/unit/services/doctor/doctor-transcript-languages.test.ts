/**
 * The doctor's own transcript notes (which server it checks, connecting, TLS, each step's outcome) in
 * the reader's language, while the server's and the client's protocol lines stay as sent and received;
 * without a translator the notes are the English that `--json` has always shown.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { accountSettingsSchema, type AccountSettings } from '../../../../shared/accounts';
import { createTranslator, type Translate } from '../../../../shared/i18n/catalogs';
import { tlsFixture } from '../../../fakes/pop3/tls-fixture';
import { FakePop3Server } from '../../../fakes/pop3-server';
import { startFakeSmtpServer } from '../../../fakes/smtp-server';
import { doctor, incoming } from './doctor-harness';

const TEST_TIMEOUT_MS = 60_000;

/** Runs the whole doctor against a POP3 server with TLS and an SMTP server with STARTTLS, in the language of `t`. */
async function transcriptIn(t: Translate | undefined): Promise<{ transcript: string; pop3Port: number; smtpPort: number }> {
  const fixture = tlsFixture();
  const pop3 = await FakePop3Server.start({ tls: fixture.server, implicitTls: true, users: { ann: 'pw' } });
  const smtp = await startFakeSmtpServer({ tls: 'starttls', certificate: fixture.server, auth: { user: 'ann', password: 'pw' } });
  try {
    const base = incoming('127.0.0.1', pop3.port, 'tls', 'ann', { caPem: fixture.ca });
    const settings: AccountSettings = accountSettingsSchema.parse({
      ...base,
      outgoing: { host: '127.0.0.1', port: smtp.port, security: 'starttls', username: 'ann', credentials: 'same', caPem: fixture.ca },
    });
    const result = await doctor({ settings, pop3Password: 'pw', scope: 'all', ...(t === undefined ? {} : { t }) });
    assert.equal(result.ok, true, result.transcript);
    return { transcript: result.transcript, pop3Port: pop3.port, smtpPort: smtp.port };
  } finally {
    await smtp.close();
    await pop3.close();
  }
}

/** The transcript's lines. */
function linesOf(transcript: string): string[] {
  return transcript.split('\n');
}

describe('the doctor’s transcript', { timeout: TEST_TIMEOUT_MS }, () => {
  test('de: the doctor’s notes are German; the protocol lines stay as sent and received', async () => {
    const { t } = createTranslator('de');
    const { transcript, pop3Port, smtpPort } = await transcriptIn(t);
    const lines = linesOf(transcript);
    const port = String(pop3Port);
    assert.ok(lines.includes(`* ${t('doctor.transcript.checking', { protocol: 'POP3', host: '127.0.0.1', port, security: 'tls' })}`), transcript);
    assert.ok(lines.includes('* Prüfe POP3-Server 127.0.0.1, Port ' + port + ' (TLS)'), transcript);
    assert.ok(lines.includes(`* Prüfe SMTP-Server 127.0.0.1, Port ${smtpPort} (STARTTLS)`), transcript);
    assert.ok(lines.includes(`* Verbinde mit 127.0.0.1:${port} (TLS)`), transcript);
    assert.ok(lines.includes(`* Verbinde mit 127.0.0.1:${smtpPort} (STARTTLS)`), transcript);
    assert.ok(lines.includes('* TLS-Verbindung hergestellt'), transcript);
    assert.ok(
      lines.some((line) => /^\* Verschlüsselt mit TLSv1\.[23]$/.test(line)),
      transcript,
    );
    assert.ok(
      lines.some((line) => /^\* TLS TLSv1\.[23], Zertifikat für .+, ausgestellt von .+, gültig bis /.test(line)),
      transcript,
    );
    const tcpStep = lines.find((line) => line.startsWith(`* ${t('doctor.title.pop3Tcp')}: `));
    assert.equal(tcpStep, `* ${t('doctor.title.pop3Tcp')}: bestanden — ${t('doctor.tcp.ok', { port, host: '127.0.0.1', address: '127.0.0.1' })}`);
    // Nothing of the doctor's own words is left in English.
    for (const english of [/^\* Checking /, /^\* Connecting to /, /^\* TLS established/, /^\* Encrypted with /, /: ok — /, /certificate for/]) {
      assert.ok(!lines.some((line) => english.test(line)), `${english} in\n${transcript}`);
    }
    // The servers' own words stay as they came.
    assert.ok(
      lines.some((line) => /^S: \+OK/.test(line)),
      transcript,
    );
    assert.ok(
      lines.some((line) => /^S: 2\d\d[ -]/.test(line)),
      transcript,
    );
    assert.ok(
      lines.some((line) => /^C: (CAPA|USER|AUTH)/.test(line)),
      transcript,
    );
  });

  test('without a translator the notes are the English that --json shows', async () => {
    const { transcript, pop3Port, smtpPort } = await transcriptIn(undefined);
    const lines = linesOf(transcript);
    assert.ok(lines.includes(`* Checking POP3 server 127.0.0.1 port ${pop3Port} (tls)`), transcript);
    assert.ok(lines.includes(`* Checking SMTP server 127.0.0.1 port ${smtpPort} (starttls)`), transcript);
    assert.ok(lines.includes(`* Connecting to 127.0.0.1:${pop3Port} (tls)`), transcript);
    assert.ok(lines.includes('* TLS established'), transcript);
    assert.ok(
      lines.some((line) => /^\* Encrypted with TLSv1\.[23]$/.test(line)),
      transcript,
    );
    assert.ok(
      lines.some((line) => /^\* TLS TLSv1\.[23], certificate for .+, issued by .+, valid until /.test(line)),
      transcript,
    );
    assert.ok(
      lines.some((line) => /^\* Incoming server connection \(TCP\): ok — Port \d+ of 127\.0\.0\.1/.test(line)),
      transcript,
    );
  });
});
