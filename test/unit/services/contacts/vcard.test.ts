/**
 * vCard files as address books write them: Thunderbird's and Apple's version 3 cards, Outlook-style
 * quoted-printable values with a charset, a version 4 card with folded lines and non-ASCII names, one
 * damaged card among good ones; and what Mailbag writes reads back the same in both versions.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readVCards, writeVCards } from '../../../../electron/services/contacts/vcard';
import type { Contact } from '../../../../shared/contacts';

const CRLF = '\r\n';

const THUNDERBIRD_3 = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'FN:Zoë Ünal',
  'N:Ünal;Zoë;;;',
  'NICKNAME:Zo',
  'EMAIL;TYPE=INTERNET:zoe@example.com',
  'EMAIL;TYPE=INTERNET;TYPE=PREF:zoe.unal@work.example',
  'TEL;TYPE=CELL:+33 6 12 34 56 78',
  'NOTE:Met at the conference\\, Lyon',
  'UID:7a9f0f06-4b7e-4a24-9c5a-3f8a1e0f1c2d',
  'END:VCARD',
].join(CRLF);

const APPLE_3 = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  'PRODID:-//Apple Inc.//macOS 14.0//EN',
  'N:כהן;שרה;;;',
  'FN:שרה כהן',
  'item1.EMAIL;type=INTERNET;type=HOME;type=pref:sara@example.org',
  'item1.X-ABLabel:_$!<Home>!$_',
  'TEL;type=CELL;type=VOICE;type=pref:+972 50 123 4567',
  'PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEx',
  ' 8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/',
  'END:VCARD',
].join(CRLF);

// Latin-1 bytes as quoted-printable, with a soft line break, as vCard 2.1-era exporters still write.
const QUOTED_PRINTABLE_21 = [
  'BEGIN:VCARD',
  'VERSION:2.1',
  'N;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen;;;',
  'FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:J=C3=BCrgen M=C3=BC=',
  'ller',
  'EMAIL;INTERNET;PREF:juergen@example.de',
  'NOTE;ENCODING=QUOTED-PRINTABLE:Line one=0D=0ALine two',
  'END:VCARD',
].join(CRLF);

const VERSION_4_FOLDED = [
  'BEGIN:VCARD',
  'VERSION:4.0',
  'FN:محمد عبد الرحمن الأنصاري من مكتب القاهرة للاستشارات الهندسية والت',
  ' صميم',
  'N:الأنصاري;محمد;;;',
  'EMAIL;PREF=1:mohamed@example.eg',
  'EMAIL;TYPE=work:m.ansari@very-long-domain-name-for-a-folded-line.exa',
  ' mple.com',
  'END:VCARD',
].join(CRLF);

const BROKEN = ['BEGIN:VCARD', 'VERSION:4.0', 'FN;=bad:Nobody', 'EMAIL:nobody@example.com', 'END:VCARD'].join(CRLF);

test('Thunderbird and Apple version 3 cards give names, every address (preferred first), phone and notes', () => {
  const { contacts, skipped } = readVCards(`${THUNDERBIRD_3}${CRLF}${APPLE_3}${CRLF}`);
  assert.deepEqual(skipped, []);
  const [zoe, sara] = contacts;
  assert.deepEqual(zoe, {
    displayName: 'Zoë Ünal',
    lastName: 'Ünal',
    firstName: 'Zoë',
    nickname: 'Zo',
    addresses: ['zoe.unal@work.example', 'zoe@example.com'],
    phone: '+33 6 12 34 56 78',
    notes: 'Met at the conference, Lyon',
  });
  assert.equal(sara?.displayName, 'שרה כהן');
  assert.equal(sara?.firstName, 'שרה');
  assert.deepEqual(sara?.addresses, ['sara@example.org']);
  assert.equal(sara?.phone, '+972 50 123 4567');
});

test('quoted-printable values are decoded in their charset, soft line breaks joined, bare types read', () => {
  const { contacts, skipped } = readVCards(QUOTED_PRINTABLE_21);
  assert.deepEqual(skipped, []);
  assert.deepEqual(contacts[0], {
    displayName: 'Jürgen Müller',
    lastName: 'Müller',
    firstName: 'Jürgen',
    nickname: '',
    addresses: ['juergen@example.de'],
    phone: '',
    notes: 'Line one\r\nLine two'.replace('\r\n', '\n'),
  });
});

test('a version 4 card with folded lines and Arabic names is read whole; a damaged card is named and the rest kept', () => {
  const { contacts, skipped } = readVCards(`${BROKEN}${CRLF}${VERSION_4_FOLDED}${CRLF}`);
  assert.equal(contacts.length, 1);
  assert.equal(contacts[0]?.displayName, 'محمد عبد الرحمن الأنصاري من مكتب القاهرة للاستشارات الهندسية والتصميم');
  assert.deepEqual(contacts[0]?.addresses, ['mohamed@example.eg', 'm.ansari@very-long-domain-name-for-a-folded-line.example.com']);
  assert.equal(skipped.length, 1);
  assert.match(skipped[0] ?? '', /^Card 1:/);
  assert.deepEqual(readVCards('hello').skipped, ['The file holds no vCard (BEGIN:VCARD … END:VCARD).']);
});

test('what Mailbag writes as version 4 and version 3 reads back the same, with commas, line breaks and long names', () => {
  const contact: Contact = {
    id: 1,
    book: 'personal',
    displayName: 'Ünal, Zoë — שרה כהן والأنصاري with a name long enough to be folded over several lines',
    firstName: 'Zoë',
    lastName: 'Ünal',
    nickname: '',
    addresses: ['zoe@example.com', 'zoe.unal@work.example'],
    phone: '+33 6 12',
    notes: 'Line one, with a comma; and a semicolon\nLine two',
    allowRemoteContent: false,
    updatedAt: 1,
  };
  for (const version of ['4.0', '3.0'] as const) {
    const text = writeVCards([contact, { ...contact, id: 2, displayName: '', addresses: ['b@example.com'], notes: '', phone: '' }], version);
    assert.match(text, new RegExp(`^BEGIN:VCARD\\r\\nVERSION:${version.replace('.', '\\.')}\\r\\n`));
    assert.ok(
      text.split('\r\n').every((line) => line.length <= 76),
      'lines are folded',
    );
    const { contacts, skipped } = readVCards(text);
    assert.deepEqual(skipped, []);
    assert.deepEqual(contacts[0], {
      displayName: contact.displayName,
      firstName: 'Zoë',
      lastName: 'Ünal',
      nickname: '',
      addresses: contact.addresses,
      phone: '+33 6 12',
      notes: contact.notes,
    });
    assert.equal(contacts[1]?.displayName, 'Zoë Ünal');
  }
});
