/** The Bcc recipients and contact groups a stored draft keeps in its header. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { composeCheckedMessage } from '../../../../electron/protocols/smtp';
import { composeDraft, draftBcc, draftGroups } from '../../../../electron/services/compose/drafts';

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

test('a draft gives back the contact groups of its header, one entry each, and leaves out a field it cannot read', () => {
  const header = [
    'X-Mailbag-Group: to 12 Team · צוות',
    'x-mailbag-group: bcc 3 Board of 2026',
    'X-Mailbag-Group: from 4 Nobody',
    'X-Mailbag-Group: cc 0 Zero',
    'X-Mailbag-Group: cc 5',
    'Subject: s',
  ].join('\r\n');
  assert.deepEqual(draftGroups(bytes(`${header}\r\n\r\nX-Mailbag-Group: to 7 In the body\r\n`)), [
    { field: 'to', groupId: 12, name: 'Team · צוות' },
    { field: 'bcc', groupId: 3, name: 'Board of 2026' },
  ]);
  assert.deepEqual(draftGroups(bytes('Subject: none\r\n\r\n')), []);
});

test('a saved draft writes each contact group as one header field that reads back the same', async () => {
  const raw = await composeDraft(
    {
      from: { address: 'ann@example.com' },
      to: [],
      groups: [
        { field: 'cc', groupId: 8, name: 'Choir · جوقة' },
        { field: 'to', groupId: 9, name: 'Team' },
      ],
      subject: 'Rehearsal',
      text: 'Soon.',
    },
    composeCheckedMessage,
  );
  assert.deepEqual(draftGroups(raw), [
    { field: 'cc', groupId: 8, name: 'Choir · جوقة' },
    { field: 'to', groupId: 9, name: 'Team' },
  ]);
  assert.doesNotMatch(raw.toString('utf8'), /^(To|Cc):/m, 'no member and no group syntax is written before sending');
});
