/**
 * The refusals of drafts, export, import from another program and server discovery are catalog
 * messages said in the reader's language; paths and addresses stay as written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { checkDraft } from '../../../../electron/services/compose/drafts';
import { parseAutoconfig } from '../../../../electron/services/discovery/autoconfig';
import { domainOf } from '../../../../electron/services/discovery/discover';
import { exportMbox } from '../../../../electron/services/export/mail-export';
import { readProgramSource } from '../../../../electron/services/import/program-import';
import { refusal, saidIn } from './refusal';

test('a draft with an address that cannot be written is refused in German, the field kept in the detail', async () => {
  const refused = await refusal(() =>
    checkDraft({ from: { address: 'ann@example.com' }, to: [{ address: 'bob@@example' }], cc: [], bcc: [], subject: 'Hallo', text: '' }),
  );
  assert.equal(refused.message, 'The draft cannot be saved as written: check the addresses and the subject.');
  assert.equal(saidIn('de', refused), 'Der Entwurf kann so nicht gespeichert werden: Prüfen Sie die Adressen und den Betreff.');
  assert.match(refused.detail ?? '', /^to\[0\]: /);
});

test('an export over an existing file is refused in Arabic, the path kept as written', async () => {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'mailbag-export-words-')), 'Gesendet — مرسل.mbox');
  writeFileSync(out, 'From mine\n');
  const refused = await refusal(
    exportMbox(
      () => Readable.from([Buffer.from('Subject: x\r\n\r\nbody\r\n')]),
      [{ id: 1, date: 0, receivedAt: 0, sender: 'ann@example.com' }],
      out,
      false,
      () => undefined,
    ),
  );
  assert.equal(refused.message, `${out} already exists; Mailbag does not replace files unless you add --force.`);
  assert.equal(saidIn('ar', refused), `‏${out} موجود بالفعل؛ لا يستبدل Mailbag الملفات إلا إذا أضفت ‎--force.`);
});

test('an import from a folder that does not exist is refused in German', async () => {
  const folder = path.join(os.tmpdir(), 'mailbag-no-such-thunderbird-profile');
  const refused = await refusal(readProgramSource('thunderbird', folder));
  assert.equal(refused.code, 'NOT_FOUND');
  assert.equal(refused.message, `There is no folder ${folder}.`);
  assert.equal(saidIn('de', refused), `Es gibt keinen Ordner ${folder}.`);
});

test('discovery refuses an incomplete address and a broken autoconfig document in German and Arabic', async () => {
  const incomplete = await refusal(() => domainOf('ann@'));
  assert.equal(incomplete.message, 'This is not a complete e-mail address.');
  assert.equal(saidIn('de', incomplete), 'Dies ist keine vollständige E-Mail-Adresse.');
  const broken = await refusal(() => parseAutoconfig('<clientConfig><emailProvider>', 'example.com'));
  assert.equal(broken.code, 'PROTOCOL_ERROR');
  assert.equal(broken.message, 'The autoconfig document is not valid XML.');
  assert.equal(saidIn('ar', broken), 'مستند autoconfig ليس XML صالحًا.');
});
