import { test } from 'node:test';
import assert from 'node:assert/strict';
import { folderDisplayName } from '../../../shared/folder-words';
import { createTranslator } from '../../../shared/i18n/catalogs';
import type { FolderRoleName } from '../../../shared/mail';

const ROLES: readonly FolderRoleName[] = ['inbox', 'drafts', 'outbox', 'sent', 'trash', 'junk'];
/** Each built-in folder's stored English name, as the store creates it. */
const STORED: Readonly<Record<FolderRoleName, string>> = { inbox: 'Inbox', drafts: 'Drafts', outbox: 'Outbox', sent: 'Sent', trash: 'Trash', junk: 'Junk' };

test('built-in folders are worded by their role in each language, as Thunderbird and Outlook name them', () => {
  const words = (locale: 'en' | 'de' | 'fr' | 'ar'): string[] =>
    ROLES.map((role) => folderDisplayName(createTranslator(locale).t, { role, name: STORED[role] }));
  assert.deepEqual(words('en'), ['Inbox', 'Drafts', 'Outbox', 'Sent', 'Trash', 'Junk']);
  assert.deepEqual(words('de'), ['Posteingang', 'Entwürfe', 'Postausgang', 'Gesendet', 'Papierkorb', 'Spam']);
  assert.deepEqual(words('fr'), ['Boîte de réception', 'Brouillons', 'Boîte d’envoi', 'Envoyés', 'Corbeille', 'Indésirables']);
  assert.deepEqual(words('ar'), ['البريد الوارد', 'المسودات', 'البريد الصادر', 'المرسلة', 'المهملات', 'البريد غير المرغوب']);
});

test('the role decides, never the name: a user folder called Inbox stays Inbox, a built-in one renamed in the store is still the Inbox', () => {
  const german = createTranslator('de').t;
  assert.equal(folderDisplayName(german, { role: null, name: 'Inbox' }), 'Inbox');
  assert.equal(folderDisplayName(german, { role: null, name: 'Trash' }), 'Trash');
  assert.equal(folderDisplayName(german, { role: null, name: 'Rechnungen' }), 'Rechnungen');
  assert.equal(folderDisplayName(german, { role: 'inbox', name: 'INBOX' }), 'Posteingang');
  assert.equal(folderDisplayName(german, { role: 'sent', name: 'Sent Items' }), 'Gesendet');
});
