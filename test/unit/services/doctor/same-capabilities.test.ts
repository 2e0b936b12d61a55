/**
 * The doctor and the engines read the same capability answer: wherever Send/Receive negotiates
 * STARTTLS (STLS for POP3), the doctor's encryption step passes too, and the other way round.
 */
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { accountSettingsSchema, type AccountSettings } from '../../../../shared/accounts';
import { runDoctor } from '../../../../electron/services/doctor';
import { connectPop3 } from '../../../../electron/protocols/pop3';
import { connectSmtp } from '../../../../electron/protocols/smtp';
import { sampleSettings } from '../../../fakes/account-settings';
import { FakePop3Server } from '../../../fakes/pop3-server';
import { tlsFixture } from '../../../fakes/pop3/tls-fixture';
import { startFakeSmtpServer, type FakeSmtpServer } from '../../../fakes/smtp-server';
import { FAST_TIMEOUTS } from '../../protocols/pop3/helpers';

const DOCTOR_TIMEOUT_MS = 5_000;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

function pop3Settings(port: number): AccountSettings {
  return accountSettingsSchema.parse(
    sampleSettings({ incoming: { host: '127.0.0.1', port, security: 'starttls', username: 'ann', auth: 'auto', caPem: tlsFixture().ca } }),
  );
}

async function pop3Agreement(server: FakePop3Server): Promise<{ engine: boolean; doctor: string | undefined }> {
  const session = await connectPop3({ host: server.host, port: server.port, security: 'starttls', ca: tlsFixture().ca, timeouts: FAST_TIMEOUTS });
  const engine = session.encrypted;
  session.close();
  const report = await runDoctor({ settings: pop3Settings(server.port), scope: 'incoming', timeoutMs: DOCTOR_TIMEOUT_MS });
  return { engine, doctor: report.steps.find((step) => step.id === 'pop3-tls')?.status };
}

test('POP3: a CAPA listing that spells STLS in lower case with a trailing space', async () => {
  const server = await FakePop3Server.start({
    tls: tlsFixture().server,
    users: { ann: 'pw' },
    capabilities: (lines) => lines.map((line) => (line === 'STLS' ? 'stls ' : line)),
  });
  closers.push(() => server.close());
  assert.deepEqual(await pop3Agreement(server), { engine: true, doctor: 'ok' });
});

test('POP3: a server that does not answer CAPA but does STLS', async () => {
  const server = await FakePop3Server.start({ tls: tlsFixture().server, users: { ann: 'pw' } });
  closers.push(() => server.close());
  server.remove('CAPA');
  assert.deepEqual(await pop3Agreement(server), { engine: true, doctor: 'ok' });
});

test('SMTP: a server that does STARTTLS without listing it in EHLO', async () => {
  const smtp: FakeSmtpServer = await startFakeSmtpServer({
    tls: 'starttls',
    certificate: tlsFixture().server,
    handlers: {
      EHLO(connection) {
        if (connection.encrypted) connection.reply('250 fake.test');
        else connection.reply('250-fake.test\r\n250 8BITMIME');
      },
    },
  });
  closers.push(() => smtp.close());
  const session = await connectSmtp({
    host: '127.0.0.1',
    port: smtp.port,
    security: 'starttls',
    ca: tlsFixture().ca,
    timeouts: { connect: 2_000, greeting: 2_000, reply: 2_000 },
  });
  const engine = session.facts.encrypted;
  session.close();
  const settings = accountSettingsSchema.parse(
    sampleSettings({
      outgoing: { host: '127.0.0.1', port: smtp.port, security: 'starttls', username: 'ann', credentials: 'separate', caPem: tlsFixture().ca },
    }),
  );
  const report = await runDoctor({ settings, scope: 'outgoing', timeoutMs: DOCTOR_TIMEOUT_MS });
  assert.deepEqual(
    { engine, doctor: report.steps.find((step) => step.id === 'smtp-tls')?.status },
    { engine: true, doctor: 'ok' },
    report.transcript.join('\n'),
  );
});
