/**
 * The SMTP worker end to end: compose and send run in a worker thread, results and transcript come back
 * as sequenced data, a validation error comes back as data, and a cancel after the final "." is
 * reported as ambiguous.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { composeInWorker, probeInWorker, sendInWorker, type SmtpJobEvent } from '../../../electron/workers/smtp-client';
import { startFakeSmtpServer } from '../../fakes/smtp-server';
import { sampleMessage } from '../protocols/smtp/helpers';

/** Worker start-up under tsx takes a moment; this bounds each test. */
const WORKER_TEST_TIMEOUT_MS = 60_000;

describe('SMTP worker', { timeout: WORKER_TEST_TIMEOUT_MS }, () => {
  test('composes in the worker and sends the kept bytes, with a transcript', async () => {
    const server = await startFakeSmtpServer({ extensions: ['SIZE 1000000', '8BITMIME'] });
    try {
      const composed = await composeInWorker(sampleMessage({ bcc: [{ address: 'dave@example.test' }] }));
      assert.ok('composed' in composed, JSON.stringify(composed));
      const events: SmtpJobEvent[] = [];
      const outcome = await sendInWorker(
        { connection: { host: '127.0.0.1', port: server.port, security: 'none' }, message: composed.composed, transcript: true },
        { onEvent: (event) => events.push(event) },
      );
      assert.equal(outcome.kind, 'sent');
      assert.equal(outcome.server?.maxMessageSize, 1_000_000);
      assert.deepEqual(server.transactions[0]?.recipients, ['bob@example.test', 'dave@example.test']);
      assert.deepEqual(server.transactions[0]?.data, Buffer.from(composed.composed.raw));
      assert.ok(events.some((event) => event.type === 'transcript' && event.entry.text.startsWith('MAIL FROM:')));
    } finally {
      await server.close();
    }
  });

  test('a message with an injected header comes back as VALIDATION data', async () => {
    const result = await composeInWorker(sampleMessage({ subject: 'x\r\nBcc: victim@example.test' }));
    assert.ok('error' in result);
    assert.equal(result.error.code, 'VALIDATION');
  });

  test('cancelling after the final "." gives an ambiguous outcome', async () => {
    const controller = new AbortController();
    const server = await startFakeSmtpServer({
      onData: () => {
        setTimeout(() => controller.abort(), 50);
      },
    });
    try {
      const composed = await composeInWorker(sampleMessage());
      assert.ok('composed' in composed);
      const outcome = await sendInWorker(
        { connection: { host: '127.0.0.1', port: server.port, security: 'none' }, message: composed.composed },
        { signal: controller.signal },
      );
      assert.equal(outcome.kind, 'ambiguous');
      assert.deepEqual(
        outcome.recipients.map((recipient) => recipient.status),
        ['uncertain'],
      );
    } finally {
      await server.close();
    }
  });

  test('probing reports what EHLO announced', async () => {
    const server = await startFakeSmtpServer({ extensions: ['SIZE 4096', 'SMTPUTF8'] });
    try {
      const outcome = await probeInWorker({ host: '127.0.0.1', port: server.port, security: 'none' });
      assert.ok(outcome.ok);
      assert.equal(outcome.server.maxMessageSize, 4096);
      assert.ok(outcome.server.extensions.includes('SMTPUTF8'));
    } finally {
      await server.close();
    }
  });
});
