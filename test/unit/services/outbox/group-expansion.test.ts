/** The members a contact group adds when a message is sent, and the header fields they are written into. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addRecipientHeaders, expandGroups } from '../../../../electron/services/outbox/group-expansion';
import { MailbagError } from '../../../../shared/errors';
import { checkAddress, type MailAddress, type ParsedAddress } from '../../../../shared/mail/address';
import { firstHeaderValue } from '../../../../shared/mail/header-section';

function parsed(address: MailAddress): ParsedAddress {
  const checked = checkAddress(address);
  assert.ok(checked.ok);
  return checked.value;
}

const BOOK: Record<number, MailAddress[]> = {
  1: [{ name: 'Zoë', address: 'zoe@example.com' }, { address: 'BOB@Example.com' }, { address: 'jörg@bücher.example' }],
  2: [{ name: 'Zoë again', address: 'ZOE@example.com' }, { address: 'carol@example.com' }],
  3: [],
};
const lookup = (groupId: number): MailAddress[] | null => BOOK[groupId] ?? null;

test('members are added once each, after the recipients already there, to the field their group was in', () => {
  const expansion = expandGroups(
    [
      { field: 'to', groupId: 1, name: 'Team' },
      { field: 'bcc', groupId: 2, name: 'Board' },
    ],
    ['bob@example.com'],
    lookup,
  );
  assert.deepEqual(expansion.envelope, ['bob@example.com', 'zoe@example.com', 'jörg@xn--bcher-kva.example', 'carol@example.com']);
  assert.deepEqual(
    expansion.to.map((item) => item.address),
    ['zoe@example.com', 'jörg@bücher.example'],
  );
  assert.deepEqual(expansion.cc, [], 'a Bcc group is in the envelope only');
  assert.equal(expansion.needsSmtpUtf8, true, 'a non-ASCII local part needs SMTPUTF8');
});

test('a deleted or empty group stops the expansion with GROUP_UNAVAILABLE naming each; a bad member address is refused', () => {
  assert.throws(
    () =>
      expandGroups(
        [
          { field: 'to', groupId: 9, name: 'Gone' },
          { field: 'to', groupId: 1, name: 'Team' },
          { field: 'cc', groupId: 3, name: 'Empty' },
        ],
        [],
        lookup,
      ),
    (error: unknown) =>
      error instanceof MailbagError && error.code === 'GROUP_UNAVAILABLE' && /“Gone”, “Empty”/.test(error.message) && !/Team/.test(error.message),
  );
  assert.throws(
    () => expandGroups([{ field: 'to', groupId: 1, name: 'Team' }], [], () => [{ address: 'not an address' }]),
    (error: unknown) => error instanceof MailbagError && error.code === 'VALIDATION' && /Team/.test(error.message),
  );
});

test('members go at the end of a folded To field and into a new Cc field; the body and other fields are kept', () => {
  const message = [
    'From: Ann <ann@example.com>',
    'To: Bob <bob@example.com>,',
    ' Carol <carol@example.com>',
    'Subject: Hi',
    'Message-ID: <1@example.com>',
    '',
    'To: not a header',
    '',
  ].join('\r\n');
  const result = addRecipientHeaders(Buffer.from(message, 'utf8'), {
    to: [parsed({ name: 'Zoë "Z" Ünal', address: 'zoe@example.com' }), parsed({ name: 'Dan, Jr.', address: 'dan@example.com' })],
    cc: [parsed({ address: 'jörg@bücher.example' })],
  }).toString('utf8');
  const header = result.slice(0, result.indexOf('\r\n\r\n') + 2);
  assert.equal(
    firstHeaderValue(header, 'to'),
    'Bob <bob@example.com>, Carol <carol@example.com>, =?UTF-8?Q?Zo=C3=AB_=22Z=22_=C3=9Cnal?= <zoe@example.com>, "Dan, Jr." <dan@example.com>',
  );
  assert.equal(firstHeaderValue(header, 'cc'), '<jörg@bücher.example>');
  assert.equal(firstHeaderValue(header, 'message-id'), '<1@example.com>');
  assert.ok(result.endsWith('\r\n\r\nTo: not a header\r\n'), 'the body is untouched');
  assert.doesNotMatch(result, /[^\r]\n/, 'every line ends with CRLF');

  const untouched = addRecipientHeaders(Buffer.from(message, 'utf8'), { to: [], cc: [] }).toString('utf8');
  assert.equal(untouched, message);
});
