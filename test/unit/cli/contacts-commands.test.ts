/** `mailbag contacts list|add|import|export`, run in process on a fresh profile. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runMailbag } from '../../support/cli';

let root: string;
let profile: string;

before(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'mailbag-contacts-cli-'));
  profile = path.join(root, 'profile');
});

after(() => rmSync(root, { recursive: true, force: true }));

const run = (...args: string[]) => runMailbag(['--profile', profile, ...args]);

test('contacts are added, imported from vCard and CSV, listed and searched, and exported as vCard', async () => {
  const added = await run('contacts', 'add', '--name', 'Zoë Ünal', '--email', 'zoe@example.com', '--email', 'zoe@home.example', '--phone', '+33 1');
  assert.equal(added.code, 0, added.err);
  assert.match(added.out, /Added Zoë Ünal \(id \d+\)\./);
  const refused = await run('contacts', 'add', '--name', 'X', '--email', 'x@');
  assert.equal(refused.code, 2);
  assert.match(refused.err, /VALIDATION/);
  assert.equal((await run('contacts', 'add')).code, 2);

  const vcf = path.join(root, 'book.vcf');
  writeFileSync(vcf, 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:שרה כהן\r\nN:כהן;שרה;;;\r\nEMAIL;TYPE=INTERNET:sara@example.org\r\nEND:VCARD\r\n');
  const fromVcard = await run('contacts', 'import', vcf);
  assert.equal(fromVcard.code, 0, fromVcard.err);
  assert.match(fromVcard.out, /Imported 1 new contact; 0 filled in/);
  const csv = path.join(root, 'outlook.csv');
  writeFileSync(csv, 'First Name,Middle Name,Last Name,E-mail Address,E-mail 2 Address\r\nAhmad,,Ali,ahmad@example.org,bad@\r\n');
  const fromCsv = await run('contacts', 'import', csv);
  assert.equal(fromCsv.code, 3, 'a left-out address is a partial success');
  assert.match(fromCsv.out, /Not imported: Ahmad Ali: “bad@” is not an e-mail address/);
  assert.equal((await run('contacts', 'import', path.join(root, 'notes.txt'))).code, 2);

  const listed = await run('--json', 'contacts', 'list');
  const contacts = JSON.parse(listed.out) as Array<{ displayName: string; firstName: string; addresses: string[] }>;
  assert.deepEqual(
    contacts.map((contact) => contact.addresses[0]),
    ['ahmad@example.org', 'zoe@example.com', 'sara@example.org'],
  );
  const searched = await run('contacts', 'list', '--search', 'zoe');
  assert.match(searched.out, /Zoë Ünal\s+zoe@example.com, zoe@home.example\s+\+33 1\s+personal/);
  assert.doesNotMatch(searched.out, /sara/);

  const out = path.join(root, 'export.vcf');
  const exported = await run('contacts', 'export', '--out', out, '--vcard-version', '3.0');
  assert.equal(exported.code, 0, exported.err);
  assert.match(exported.out, /Exported 3 contacts/);
  const text = readFileSync(out, 'utf8');
  assert.equal(text.match(/BEGIN:VCARD/g)?.length, 3);
  assert.match(text, /VERSION:3\.0/);
  assert.equal((await run('contacts', 'export', '--out', out)).code, 2, 'an existing file is kept without --force');
  const piped = await run('contacts', 'export');
  assert.match(piped.out, /^BEGIN:VCARD\r\nVERSION:4\.0/);
});
