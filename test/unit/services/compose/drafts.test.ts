/** The Bcc recipients a stored draft keeps in its header. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { draftBcc } from '../../../../electron/services/compose/drafts';

const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));

test('a draft gives back the Bcc recipients of its header, not of its body', () => {
  assert.deepEqual(draftBcc(bytes('Bcc: a@example.com, b@example.com\r\nSubject: s\r\n\r\nBcc: body@example.com\r\n')), [
    { address: 'a@example.com' },
    { address: 'b@example.com' },
  ]);
  assert.deepEqual(draftBcc(bytes('Subject: s\r\n\r\nBcc: body@example.com\r\n')), []);
  assert.deepEqual(draftBcc(bytes('bcc: ü@exämple.com\nSubject: bare LF\n\nbody')), [{ address: 'ü@exämple.com' }]);
  assert.deepEqual(draftBcc(bytes('Bcc: not an address <\r\n\r\n')), []);
});
