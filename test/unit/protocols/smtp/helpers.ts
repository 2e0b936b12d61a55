/** Shared pieces of the SMTP engine's unit tests. */
import { composeMessage, type ComposedMessage, type SmtpConnectOptions, type TranscriptEntry } from '../../../../electron/protocols/smtp';
import type { OutgoingMessage } from '../../../../shared/mail/outgoing';
import type { FakeSmtpServer } from '../../../fakes/smtp-server';

/** Bound on every test here: fakes answer at once, so anything slower is a hang. */
export const UNIT_TEST_TIMEOUT_MS = 20_000;
/** Short reply timeout so stall tests finish quickly. */
export const SHORT_REPLY_TIMEOUT_MS = 500;

/** A small valid message. */
export function sampleMessage(overrides: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return {
    from: { name: 'Alice', address: 'alice@example.test' },
    to: [{ address: 'bob@example.test' }],
    subject: 'Hello',
    text: 'Hello Bob.\n',
    ...overrides,
  };
}

/** Composes `sampleMessage(overrides)`. */
export function composeSample(overrides: Partial<OutgoingMessage> = {}): Promise<ComposedMessage> {
  return composeMessage(sampleMessage(overrides));
}

/** Connect options for a fake server, collecting the transcript into `transcript`. */
export function fakeConnection(server: FakeSmtpServer, transcript: TranscriptEntry[] = [], overrides: Partial<SmtpConnectOptions> = {}): SmtpConnectOptions {
  return {
    host: '127.0.0.1',
    port: server.port,
    security: 'none',
    transcript: (entry) => transcript.push(entry),
    timeouts: { connect: 2_000, greeting: 2_000, reply: 2_000 },
    ...overrides,
  };
}
