/**
 * Keeping mail on a server that can neither name its messages nor show their headers is refused with
 * an explanation in the reader's language; a policy that deletes, or a server with either command, is not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { englishMessage, errorMessageIn } from '../../../../shared/error-words';
import { MailbagError } from '../../../../shared/errors';
import { createTranslator } from '../../../../shared/i18n/catalogs';
import { assertCanLeaveMail, CANNOT_LEAVE_MAIL_WORDS } from '../../../../electron/protocols/pop3/probe';

test('a server with neither UIDL nor TOP cannot keep mail: refused in German and Arabic, the English message unchanged', () => {
  const neither = { uidl: 'no', top: 'no', probed: true } as const;
  assert.doesNotThrow(() => assertCanLeaveMail(neither, false), 'a policy that deletes is left alone');
  assert.doesNotThrow(() => assertCanLeaveMail({ ...neither, top: 'yes' }, true));
  assert.doesNotThrow(() => assertCanLeaveMail({ ...neither, uidl: 'unknown' }, true));
  let refusal: unknown;
  try {
    assertCanLeaveMail(neither, true);
  } catch (error) {
    refusal = error;
  }
  assert.ok(refusal instanceof MailbagError && refusal.code === 'SERVER_PERMANENT', String(refusal));
  assert.equal(
    refusal.message,
    'This server cannot name its messages (no UIDL) nor show their headers (no TOP), so Mailbag cannot leave mail on it without downloading it again at every check. Choose “delete from server after download” for this account.',
  );
  assert.equal(refusal.message, englishMessage(CANNOT_LEAVE_MAIL_WORDS));
  assert.match(errorMessageIn(createTranslator('de').t, refusal.toData()), /Wählen Sie für dieses Konto „nach dem Herunterladen vom Server löschen“\.$/);
  assert.match(errorMessageIn(createTranslator('ar').t, refusal.toData()), /اختر «يُحذف من الخادم بعد التنزيل» لهذا الحساب\.$/);
});
