/**
 * CSV address books as Thunderbird and Outlook export them (their own header rows and column order,
 * quoted fields with commas and line breaks, Outlook's semicolon files), and importing them into the
 * store: new contacts added, a known address filled in, a bad address named.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { readContactsCsv } from '../../../../electron/services/contacts/contacts-csv';
import { decodeContactFile, importContacts, readContactFile } from '../../../../electron/services/contacts/contact-import';
import { addContact, listContacts } from '../../../../electron/storage/contacts';
import { openTestStore } from '../../storage/store-fixture';

const THUNDERBIRD_HEADER =
  'First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Screen Name,Work Phone,Home Phone,Fax Number,Pager Number,Mobile Number,Home Address,Home Address 2,Home City,Home State,Home ZipCode,Home Country,Work Address,Work Address 2,Work City,Work State,Work ZipCode,Work Country,Job Title,Department,Organization,Web Page 1,Web Page 2,Birth Year,Birth Month,Birth Day,Custom 1,Custom 2,Custom 3,Custom 4,Notes';

function thunderbirdRow(values: Record<string, string>): string {
  return THUNDERBIRD_HEADER.split(',')
    .map((column) => {
      const value = values[column] ?? '';
      return /[",\n]/u.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
    })
    .join(',');
}

const OUTLOOK_HEADER =
  "First Name,Middle Name,Last Name,Title,Suffix,Initials,Web Page,Gender,Birthday,Anniversary,Location,Language,Internet Free Busy,Notes,E-mail Address,E-mail 2 Address,E-mail 3 Address,Primary Phone,Home Phone,Home Phone 2,Mobile Phone,Pager,Home Fax,Home Address,Home Street,Home Street 2,Home Street 3,Home Address PO Box,Home City,Home State,Home Postal Code,Home Country,Spouse,Children,Manager's Name,Assistant's Name,Referred By,Company Main Phone,Business Phone,Business Phone 2,Business Fax,Assistant's Phone,Company,Job Title,Department,Office Location,Organizational ID Number,Profession,Account,Business Address,Business Street,Business Street 2,Business Street 3,Business Address PO Box,Business City,Business State,Business Postal Code,Business Country,Other Phone,Other Fax,Other Address,Other Street,Other Street 2,Other Street 3,Other Address PO Box,Other City,Other State,Other Postal Code,Other Country,Callback,Car Phone,ISDN,Radio Phone,TTY/TDD Phone,Telex,User 1,User 2,User 3,User 4,Keywords,Mileage,Hobby,Billing Information,Directory Server,Sensitivity,Priority,Private,Categories";

function outlookRow(values: Record<string, string>, separator = ','): string {
  return OUTLOOK_HEADER.split(',')
    .map((column) => {
      const value = values[column] ?? '';
      return new RegExp(`["${separator}\\n]`, 'u').test(value) ? `"${value.replaceAll('"', '""')}"` : value;
    })
    .join(separator);
}

test('Thunderbird’s export: names, both addresses, the mobile number and a note with a comma and a line break', () => {
  const text = [
    THUNDERBIRD_HEADER,
    thunderbirdRow({
      'First Name': 'Zoë',
      'Last Name': 'Ünal',
      'Display Name': 'Zoë Ünal',
      Nickname: 'Zo',
      'Primary Email': 'zoe@example.com',
      'Secondary Email': 'zoe.unal@work.example',
      'Mobile Number': '+33 6 12',
      Notes: 'Lyon, France\nSecond line',
    }),
    thunderbirdRow({ 'Display Name': 'שרה כהן', 'Primary Email': 'sara@example.org' }),
    thunderbirdRow({ Organization: 'Nobody Inc.' }),
    '',
  ].join('\r\n');
  const { contacts, skipped } = readContactsCsv(text);
  assert.deepEqual(contacts[0], {
    firstName: 'Zoë',
    lastName: 'Ünal',
    displayName: 'Zoë Ünal',
    nickname: 'Zo',
    addresses: ['zoe@example.com', 'zoe.unal@work.example'],
    phone: '+33 6 12',
    notes: 'Lyon, France\nSecond line',
  });
  assert.equal(contacts[1]?.displayName, 'שרה כהן');
  assert.deepEqual(skipped, ['Row 4: no name and no address.']);
});

test('Outlook’s export, with commas and with semicolons: first, middle and last names and three addresses', () => {
  const values = {
    'First Name': 'Mohamed',
    'Middle Name': 'Abdel',
    'Last Name': 'El-Ansari',
    'E-mail Address': 'mohamed@example.eg',
    'E-mail 2 Address': 'm.ansari@work.example',
    'E-mail 3 Address': 'mohamed@example.eg',
    'Business Phone': '+20 2 555 0100',
    Notes: 'Cairo; office',
  };
  for (const separator of [',', ';']) {
    const { contacts, skipped } = readContactsCsv(`\uFEFF${OUTLOOK_HEADER.replaceAll(',', separator)}\r\n${outlookRow(values, separator)}\r\n`);
    assert.deepEqual(skipped, []);
    assert.deepEqual(contacts, [
      {
        firstName: 'Mohamed Abdel',
        lastName: 'El-Ansari',
        displayName: '',
        nickname: '',
        addresses: ['mohamed@example.eg', 'm.ansari@work.example'],
        phone: '+20 2 555 0100',
        notes: 'Cairo; office',
      },
    ]);
  }
  assert.match(readContactsCsv('Colour,Size\r\nred,3\r\n').skipped[0] ?? '', /no column Mailbag knows/);
});

test('an import adds new contacts, fills in one whose address is known, and names an address it left out', async () => {
  const { profile, database, store } = await openTestStore();
  try {
    addContact(database, { displayName: '', firstName: '', lastName: '', addresses: ['zoe@example.com'], phone: '', notes: '', book: 'collected' });
    // Windows-1252 as Thunderbird on Windows writes it: ü, ë and Ü as one byte each.
    const bytes = Buffer.from(
      [
        THUNDERBIRD_HEADER,
        'Jürgen,,,,juergen@example.de',
        thunderbirdRow({ 'Display Name': 'Zoë Ünal', 'Primary Email': 'ZOE@example.com', 'Work Phone': '+33 1' }),
        thunderbirdRow({ 'Display Name': 'Broken', 'Primary Email': 'broken@', 'Secondary Email': 'ok@example.com' }),
        '',
      ].join('\r\n'),
      'latin1',
    );
    assert.equal(bytes.indexOf(0xfc), THUNDERBIRD_HEADER.length + 3);
    const report = importContacts(database, readContactFile('csv', decodeContactFile(bytes)));
    assert.deepEqual(report, { added: 2, merged: 1, skipped: ['Broken: “broken@” is not an e-mail address and was left out.'] });
    const all = listContacts(database);
    assert.deepEqual(
      all.map((contact) => [contact.displayName || contact.firstName, contact.book, contact.addresses, contact.phone]),
      [
        ['Broken', 'personal', ['ok@example.com'], ''],
        ['Jürgen', 'personal', ['juergen@example.de'], ''],
        ['Zoë Ünal', 'personal', ['zoe@example.com'], '+33 1'],
      ],
    );
  } finally {
    await store.close();
    database.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
