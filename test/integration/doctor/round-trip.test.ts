/**
 * The doctor's round trip against a real Postfix (SASL by Dovecot, delivery by LMTP) and the Dovecot
 * whose maildir POP3 serves: the test message goes out, arrives, is found by its Message-ID and deleted,
 * and the mailbox is left exactly as it was. A wrong SMTP password stops it at the SMTP step.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { accountSettingsSchema, type AccountSettings } from '../../../shared/accounts';
import type { DoctorReport, DoctorStep, DoctorStepId } from '../../../shared/doctor';
import { runDoctor } from '../../../electron/services/doctor';
import { headerMessageId } from '../../../electron/services/doctor/round-trip';
import { sampleSettings } from '../../fakes/account-settings';
import { startPostfix, TEST_DOMAIN, type PostfixServer } from '../../servers/postfix';
import { POSTFIX_TEST_TIMEOUT_MS } from '../smtp/support';

/** Bound on each network phase of the doctor here. */
const DOCTOR_TIMEOUT_MS = 10_000;
/** How long the round trip may wait for Postfix to deliver. */
const ROUND_TRIP_WAIT_MS = 30_000;
const ROUND_TRIP_POLL_MS = 250;

function settingsFor(server: PostfixServer, smtpCredentials: 'same' | 'separate'): AccountSettings {
  const address = `${server.user}@${TEST_DOMAIN}`;
  return accountSettingsSchema.parse(
    sampleSettings({
      address,
      identities: [],
      incoming: { host: server.host, port: server.dovecot.tlsPort, security: 'tls', username: server.user, auth: 'auto', caPem: server.caPem },
      outgoing: {
        host: server.host,
        port: server.submissionPort,
        security: 'starttls',
        username: server.user,
        credentials: smtpCredentials,
        caPem: server.caPem,
      },
    }),
  );
}

function stepsOf(report: DoctorReport): Map<DoctorStepId, DoctorStep> {
  return new Map(report.steps.map((step) => [step.id, step]));
}

async function maildirNames(server: PostfixServer): Promise<string[]> {
  return (await server.dovecot.listMessages()).map((entry) => entry.baseName).sort();
}

describe('the doctor’s round trip through Postfix and Dovecot', { timeout: POSTFIX_TEST_TIMEOUT_MS }, () => {
  let server: PostfixServer;
  before(async () => {
    server = await startPostfix();
    await server.dovecot.generateMessages({ count: 3, seed: 66 });
  });
  after(() => server?.stop());

  test('sends a message to the own address, finds it by Message-ID, deletes it, and leaves the mailbox as it was', async () => {
    const before = await maildirNames(server);
    assert.equal(before.length, 3);
    const streamed: DoctorStepId[] = [];
    const report = await runDoctor({
      settings: settingsFor(server, 'same'),
      pop3Password: server.password,
      roundTrip: true,
      roundTripWaitMs: ROUND_TRIP_WAIT_MS,
      roundTripPollMs: ROUND_TRIP_POLL_MS,
      timeoutMs: DOCTOR_TIMEOUT_MS,
      onStep: (step) => streamed.push(step.id),
    });
    const transcript = report.transcript.join('\n');
    const steps = stepsOf(report);
    assert.equal(report.ok, true, `${transcript}\n${await server.readLogs()}`);
    assert.equal(steps.get('round-trip-send')?.status, 'ok', JSON.stringify(report.steps.map((step) => [step.id, step.status, step.summary])));
    assert.equal(steps.get('round-trip-receive')?.status, 'ok');
    assert.deepEqual(streamed.slice(-2), ['round-trip-send', 'round-trip-receive']);
    const messageId = steps.get('round-trip-send')?.facts.find((fact) => fact.name === 'Message-ID')?.value ?? '';
    assert.match(messageId, /^<mailbag-round-trip\.[0-9a-f-]{36}@example\.test>$/);

    // Delivered (Postfix logged it), then deleted: the maildir holds exactly the messages it had before.
    assert.match(await server.readLogs(), /status=sent/);
    assert.deepEqual(await maildirNames(server), before);
    for (const entry of await server.dovecot.listMessages()) {
      assert.notEqual(headerMessageId(await readFile(entry.path, 'latin1')), messageId);
    }
    // Exactly one DELE, after a TOP of the same message number, then QUIT.
    const dele = report.transcript.filter((line) => /^C: DELE /.test(line));
    assert.equal(dele.length, 1, transcript);
    const number = dele[0]?.slice('C: DELE '.length);
    assert.ok(report.transcript.includes(`C: TOP ${number ?? ''} 0`), transcript);
    for (const form of [server.password, Buffer.from(server.password).toString('base64'), Buffer.from(server.password).toString('hex')]) {
      assert.ok(!transcript.includes(form), 'the transcript holds the password');
    }
  });

  test('a wrong SMTP password fails the SMTP step with advice; nothing is sent and the mailbox is untouched', async () => {
    const before = await maildirNames(server);
    const report = await runDoctor({
      settings: settingsFor(server, 'separate'),
      pop3Password: server.password,
      smtpPassword: 'not the smtp password',
      roundTrip: true,
      roundTripWaitMs: ROUND_TRIP_WAIT_MS,
      timeoutMs: DOCTOR_TIMEOUT_MS,
    });
    const steps = stepsOf(report);
    assert.equal(report.ok, false);
    assert.equal(steps.get('pop3-login')?.status, 'ok');
    const smtp = steps.get('smtp-session');
    assert.equal(smtp?.status, 'failed');
    assert.equal(smtp?.error?.code, 'AUTH_FAILED');
    assert.match(smtp?.advice ?? '', /refused the user name or password/);
    assert.equal(steps.get('round-trip-send')?.status, 'skipped');
    assert.equal(steps.get('round-trip-receive')?.status, 'skipped');
    assert.ok(!report.transcript.some((line) => /^C: (MAIL FROM|DELE)/.test(line)), report.transcript.join('\n'));
    assert.deepEqual(await maildirNames(server), before);
  });
});
