import assert from 'node:assert/strict';
import { test } from 'node:test';
import { command, commandLine, redactedCommandLine, saslResponse, secret } from '../../../../electron/protocols/pop3/transcript';
import { record, REDACTED, type TranscriptEntry } from '../../../../electron/protocols/transcript';

test('sensitive arguments reach the wire but never the transcript', () => {
  const pass = command('PASS', secret('hunter2'));
  assert.equal(commandLine(pass), 'PASS hunter2');
  assert.equal(redactedCommandLine(pass), `PASS ${REDACTED}`);
  const apop = command('APOP', 'mrose', secret('c4c9334bac560ecc979e58001b3e22fb'));
  assert.equal(redactedCommandLine(apop), `APOP mrose ${REDACTED}`);
  const response = saslResponse('dXNlcgBwYXNz');
  assert.equal(commandLine(response), 'dXNlcgBwYXNz');
  assert.equal(redactedCommandLine(response), REDACTED);
  assert.equal(redactedCommandLine(command('RETR', '1')), 'RETR 1');
});

test('a failing transcript sink never disturbs the session', () => {
  assert.doesNotThrow(() =>
    record(
      () => {
        throw new Error('log full');
      },
      'client',
      'NOOP',
    ),
  );
  const entries: TranscriptEntry[] = [];
  record((entry) => entries.push(entry), 'server', '+OK');
  assert.equal(entries[0]?.direction, 'server');
  assert.equal(typeof entries[0]?.time, 'number');
});
