/**
 * The transcript logger redacts on its own, whatever nodemailer already masked: an AUTH command keeps
 * only its mechanism, and any client line answering a 334 challenge is replaced.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTranscriptLogger } from '../../../../electron/protocols/smtp/transcript';
import { REDACTED, type TranscriptEntry } from '../../../../electron/protocols/transcript';

describe('transcript', () => {
  test('AUTH payloads and SASL continuation lines never reach the sink', () => {
    const entries: TranscriptEntry[] = [];
    const logger = createTranscriptLogger((entry) => entries.push(entry));
    const client = (text: string): void => logger['debug']?.({ tnx: 'client' }, text);
    const server = (text: string): void => logger['debug']?.({ tnx: 'server' }, text);
    client('AUTH PLAIN AHVzZXIAc2VjcmV0');
    server('334 VXNlcm5hbWU6');
    client('dXNlcg==');
    server('334 UGFzc3dvcmQ6');
    client('c2VjcmV0');
    server('235 2.7.0 Accepted');
    client('MAIL FROM:<a@example.test>');
    logger['info']?.({ tnx: 'network' }, 'Connected to %s:%s', '127.0.0.1', 25);
    assert.deepEqual(
      entries.map((entry) => [entry.direction, entry.text]),
      [
        ['client', `AUTH PLAIN ${REDACTED}`],
        ['server', '334 VXNlcm5hbWU6'],
        ['client', REDACTED],
        ['server', '334 UGFzc3dvcmQ6'],
        ['client', REDACTED],
        ['server', '235 2.7.0 Accepted'],
        ['client', 'MAIL FROM:<a@example.test>'],
        ['info', 'Connected to 127.0.0.1:25'],
      ],
    );
  });

  test('a sink that throws does not disturb the session', () => {
    const logger = createTranscriptLogger(() => {
      throw new Error('broken sink');
    });
    assert.doesNotThrow(() => logger['debug']?.({ tnx: 'client' }, 'EHLO x'));
  });
});
