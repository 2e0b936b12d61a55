/**
 * The store's refusals in the reader's language: what the store refuses through its public functions
 * carries a catalog message the window and the command line say in German or Arabic, while the
 * error's `message` (what --json and the log keep) stays the English it always was.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import { errorMessageIn } from '../../../shared/error-words';
import { MailbagError, type ErrorData } from '../../../shared/errors';
import { createTranslator } from '../../../shared/i18n/catalogs';
import { addContact, mergeContacts, saveContactGroup } from '../../../electron/storage/contacts';
import { ensureDefaultFolders, folderIdForRole } from '../../../electron/storage/folders';
import { createTreeFolder, MAX_FOLDER_DEPTH, renameTreeFolder } from '../../../electron/storage/folder-tree';
import { listSource } from '../../../electron/storage/message-list';
import { ACCOUNT, mail, openTestStore } from './store-fixture';

const german = createTranslator('de');
const arabic = createTranslator('ar');

/** A contact with every field empty. */
const NO_FIELDS = { displayName: '', firstName: '', lastName: '', addresses: [], phone: '', notes: '' };

/**
 * The refusal `work` throws, checked for its code and English message, as the data that crosses to the
 * window and the command line.
 */
function refusal(work: () => unknown, code: string, english: string): ErrorData {
  try {
    work();
  } catch (error) {
    assert.ok(error instanceof MailbagError, String(error));
    assert.equal(error.code, code);
    assert.equal(error.message, english, 'the English message --json and the log keep');
    assert.ok(error.words !== undefined, 'a catalog message');
    return error.toData();
  }
  assert.fail('not refused');
}

/** The same for a refusal that comes asynchronously. */
async function asyncRefusal(work: () => Promise<unknown>, code: string, english: string): Promise<ErrorData> {
  const error = await work().then(
    () => assert.fail('not refused'),
    (thrown: unknown) => thrown,
  );
  return refusal(
    () => {
      throw error;
    },
    code,
    english,
  );
}

test('folder refusals are said in German and Arabic, with the limit counted by each language’s plural rules', async () => {
  const { database, profile } = await openTestStore();
  try {
    const tooLong = refusal(
      () => createTreeFolder(database, { accountId: ACCOUNT, name: 'x'.repeat(201) }),
      'VALIDATION',
      'A folder name may have at most 200 characters.',
    );
    assert.equal(errorMessageIn(german.t, tooLong), 'Ein Ordnername darf höchstens 200 Zeichen lang sein.');
    assert.equal(errorMessageIn(arabic.t, tooLong), 'لا يجوز أن يزيد اسم المجلد على 200 حرف.');

    createTreeFolder(database, { accountId: ACCOUNT, name: 'Projekte' });
    const taken = refusal(
      () => createTreeFolder(database, { accountId: ACCOUNT, name: 'projekte' }),
      'VALIDATION',
      'There is already a folder called projekte here.',
    );
    assert.equal(errorMessageIn(german.t, taken), 'Hier gibt es bereits einen Ordner namens projekte.');

    const inbox = folderIdForRole(database, ACCOUNT, 'inbox');
    const fixed = refusal(
      () => renameTreeFolder(database, inbox, 'Eingang'),
      'VALIDATION',
      'Inbox, Drafts, Outbox, Sent, Trash and Junk cannot be renamed or deleted.',
    );
    assert.equal(
      errorMessageIn(german.t, fixed),
      'Posteingang, Entwürfe, Postausgang, Gesendet, Papierkorb und Spam können nicht umbenannt oder gelöscht werden.',
    );
    assert.match(errorMessageIn(arabic.t, fixed), /^لا يمكن إعادة تسمية مجلدات الوارد/);

    let parent = inbox;
    for (let level = 1; level < MAX_FOLDER_DEPTH; level += 1)
      parent = createTreeFolder(database, { accountId: ACCOUNT, parentId: parent, name: `Ebene ${level}` });
    const deep = refusal(
      () => createTreeFolder(database, { accountId: ACCOUNT, parentId: parent, name: 'Zu tief' }),
      'VALIDATION',
      `Folders nest at most ${MAX_FOLDER_DEPTH} deep.`,
    );
    assert.equal(errorMessageIn(german.t, deep), `Ordner lassen sich höchstens ${MAX_FOLDER_DEPTH} Ebenen tief verschachteln.`);
    // 16 is in Arabic's "many" category: a singular noun after the number.
    assert.equal(errorMessageIn(arabic.t, deep), `لا يمكن أن تتداخل المجلدات بعمق يزيد على ${MAX_FOLDER_DEPTH} مستوى.`);

    const missing = refusal(() => createTreeFolder(database, { accountId: ACCOUNT, parentId: 99_999, name: 'X' }), 'NOT_FOUND', 'There is no folder 99999.');
    assert.equal(errorMessageIn(arabic.t, missing), 'لا يوجد مجلد برقم 99999.');
  } finally {
    database.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('message refusals of the store and its lists are said in German and Arabic', async () => {
  const { database, store, profile } = await openTestStore();
  try {
    const absent = refusal(() => store.rawSource(4242), 'NOT_FOUND', 'There is no message 4242.');
    assert.equal(errorMessageIn(german.t, absent), 'Es gibt keine Nachricht 4242.');
    assert.equal(errorMessageIn(arabic.t, absent), 'لا توجد رسالة برقم 4242.');

    const inbox = folderIdForRole(database, ACCOUNT, 'inbox');
    const page = refusal(() => listSource(database, { kind: 'folder', folderId: inbox }, { limit: 501 }), 'VALIDATION', 'A page holds 1 to 500 messages.');
    assert.equal(errorMessageIn(german.t, page), 'Eine Seite umfasst 1 bis 500 Nachrichten.');
    assert.equal(errorMessageIn(arabic.t, page), 'تتسع الصفحة لما بين رسالة واحدة و500 رسالة.');

    const offset = refusal(() => store.listMessages(inbox, { offset: -1 }), 'VALIDATION', 'The offset must be a whole number, 0 or more.');
    assert.equal(errorMessageIn(german.t, offset), 'Der Versatz muss eine ganze Zahl ab 0 sein.');

    const rawless = await asyncRefusal(() => store.readRawMessage(7), 'NOT_FOUND', 'There is no message 7.');
    assert.equal(errorMessageIn(german.t, rawless), 'Es gibt keine Nachricht 7.');
  } finally {
    await store.close();
    database.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('a move to another account’s folder is refused in the reader’s language', async () => {
  const { database, store, profile } = await openTestStore();
  try {
    const { messageId } = await store.addMessage({ accountId: ACCOUNT, folder: 'inbox' }, mail({ subject: 'Umzug' }));
    assert.ok(messageId !== null);
    database.prepare("insert into accounts (id, name, email, created_at) values ('work', 'Work', 'ann@work.example', 1)").run();
    ensureDefaultFolders(database, 'work');
    const crossing = refusal(
      () => store.moveMessages([messageId], folderIdForRole(database, 'work', 'inbox')),
      'VALIDATION',
      'Messages can only move to a folder of their own account or to Local Folders.',
    );
    assert.equal(
      errorMessageIn(german.t, crossing),
      'Nachrichten können nur in einen Ordner ihres eigenen Kontos oder in die Lokalen Ordner verschoben werden.',
    );
    assert.equal(errorMessageIn(arabic.t, crossing), 'لا يمكن نقل الرسائل إلا إلى مجلد في حسابها نفسه أو إلى المجلدات المحلية.');
  } finally {
    await store.close();
    database.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('address book refusals are said in German and Arabic', async () => {
  const { database, profile } = await openTestStore();
  try {
    const ann = addContact(database, { ...NO_FIELDS, displayName: 'Ann', addresses: ['ann@example.com'] });
    const merge = refusal(() => mergeContacts(database, [ann.id]), 'VALIDATION', 'Choose at least two contacts to merge.');
    assert.equal(errorMessageIn(german.t, merge), 'Wählen Sie mindestens zwei Kontakte zum Zusammenführen aus.');
    assert.equal(errorMessageIn(arabic.t, merge), 'اختر جهتي اتصال على الأقل لدمجهما.');

    const empty = refusal(() => addContact(database, NO_FIELDS), 'VALIDATION', 'A contact needs a name or an address.');
    assert.equal(errorMessageIn(german.t, empty), 'Ein Kontakt braucht einen Namen oder eine Adresse.');

    saveContactGroup(database, { name: 'Team', memberIds: [ann.id] });
    const clash = refusal(() => saveContactGroup(database, { name: ' team ', memberIds: [] }), 'VALIDATION', 'There is already a group named “team”.');
    assert.equal(clash.detail, 'team');
    assert.equal(errorMessageIn(german.t, clash), german.t('contacts.groupNameTaken', { name: 'team' }));
    assert.notEqual(errorMessageIn(german.t, clash), clash.message);

    const gone = refusal(() => saveContactGroup(database, { id: 4040, name: 'Nobody', memberIds: [] }), 'NOT_FOUND', 'That group no longer exists.');
    assert.equal(errorMessageIn(arabic.t, gone), 'هذه المجموعة لم تعد موجودة.');
  } finally {
    database.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
