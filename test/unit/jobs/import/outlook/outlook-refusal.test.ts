/** A file that is no Outlook data file is refused plainly, in the reader's language, naming the file. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { errorMessageIn } from '../../../../../shared/error-words';
import { MailbagError } from '../../../../../shared/errors';
import { createTranslator } from '../../../../../shared/i18n/catalogs';
import { readOutlookFile } from '../../../../../electron/jobs/import/outlook/outlook-reader';

test('a file that is no Outlook data file is refused in German and Arabic, the English message unchanged', async () => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'mailbag-outlook-'));
  const file = path.join(directory, 'Briefe 2026.pst');
  writeFileSync(file, Buffer.from('This is plain text, not a personal folders file.\n'.repeat(40)));
  try {
    const refusal: unknown = await (async () => {
      for await (const item of readOutlookFile(file)) void item;
    })().then(
      () => assert.fail('not refused'),
      (error: unknown) => error,
    );
    assert.ok(refusal instanceof MailbagError && refusal.code === 'VALIDATION', String(refusal));
    assert.equal(refusal.message, `${file} is not an Outlook data file (.pst or .ost) Mailbag can read, or it is cut short or damaged where its index is.`);
    assert.equal(
      errorMessageIn(createTranslator('de').t, refusal.toData()),
      `${file} ist keine Outlook-Datendatei (.pst oder .ost), die Mailbag lesen kann, oder sie ist im Bereich ihres Index abgeschnitten oder beschädigt.`,
    );
    assert.ok(errorMessageIn(createTranslator('ar').t, refusal.toData()).startsWith(`${file} ليس ملف بيانات Outlook`));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});
