/**
 * A message that cannot be sent as it is names each bad field and its problem in the reader's
 * language (German and Arabic here), not as the checker's field paths and codes; `message` keeps the
 * English, in plain words too.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { composeMessage, SmtpError } from '../../../../electron/protocols/smtp';
import { errorMessageIn } from '../../../../shared/error-words';
import { createTranslator } from '../../../../shared/i18n/catalogs';

async function refusal(input: unknown): Promise<SmtpError> {
  const error = await composeMessage(input).catch((caught: unknown) => caught);
  assert.ok(error instanceof SmtpError, String(error));
  assert.equal(error.code, 'VALIDATION');
  return error;
}

test('a bad address and a bad attachment name are named in German and Arabic', async () => {
  const address = await refusal({
    from: { address: 'alice@example.test' },
    to: [{ address: 'bob@example.test' }, { address: 'not an address' }],
    subject: 's',
    text: 't',
  });
  const attachment = await refusal({
    from: { address: 'alice@example.test' },
    to: [{ address: 'bob@example.test' }],
    subject: 's',
    text: 't',
    attachments: [{ fileName: '../../etc/passwd', contentType: 'text/plain', content: new Uint8Array([1]) }],
  });
  assert.equal(address.message, 'The message cannot be sent as it is (To address 2: not of the form name@example.com).');
  assert.equal(attachment.message, 'The message cannot be sent as it is (the file name of attachment 1: not a usable file name).');
  for (const { t } of [createTranslator('de'), createTranslator('ar')]) {
    const saidAddress = errorMessageIn(t, address.toSmtpData());
    const saidAttachment = errorMessageIn(t, attachment.toSmtpData());
    const secondTo = t('protocolError.field.to', { number: '2' });
    assert.ok(saidAddress.includes(t('protocolError.fieldProblem', { field: secondTo, problem: t('serviceError.addressProblem.syntax') })), saidAddress);
    const fileName = t('protocolError.field.fileNameOf', { item: t('protocolError.field.attachment', { number: '1' }) });
    assert.ok(saidAttachment.includes(t('protocolError.fieldProblem', { field: fileName, problem: t('protocolError.problem.fileName') })), saidAttachment);
    for (const said of [saidAddress, saidAttachment]) {
      assert.ok(!/syntax|fileName|to\[1\]|file-name/.test(said), said);
      assert.ok(!said.includes('not a usable') && !said.includes('cannot be sent'), said);
    }
  }
  assert.match(errorMessageIn(createTranslator('ar').t, address.toSmtpData()), /[\u0600-\u06ff]/);
});

test('a message without recipients or text says so in German', async () => {
  const error = await refusal({ from: { address: 'alice@example.test' }, to: [], subject: 's' });
  const { t } = createTranslator('de');
  assert.equal(
    errorMessageIn(t, error.toSmtpData()),
    t('protocolError.cannotSendAsIs', {
      fields: t('protocolError.fieldProblemThen', {
        first: t('protocolError.fieldProblem', { field: t('protocolError.field.recipients'), problem: t('protocolError.problem.noRecipient') }),
        next: t('protocolError.fieldProblem', { field: t('protocolError.field.text'), problem: t('protocolError.problem.noBody') }),
      }),
    }),
  );
});
