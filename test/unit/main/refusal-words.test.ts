/**
 * Main's refusals carry their sentence as a catalog message: through a real core, each group's
 * representative refusal keeps its English `message` (what `--json` prints) and is said in German and
 * Arabic by errorMessageIn, as the window's status line and the command line's error line say it.
 * Also the window's bridge, which words every failed answer in the window's language.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createAttachmentOpener } from '../../../electron/main/attachment-opener';
import { createCore, type Core } from '../../../electron/main/core';
import { silentLogger } from '../../../electron/services/logger';
import { addRule, findRule } from '../../../electron/storage/rules';
import { SIGN_IN_AGAIN_MESSAGE, SIGN_IN_AGAIN_WORDS } from '../../../electron/services/oauth/sign-in-again';
import { errorMessageIn } from '../../../shared/error-words';
import { MailbagError, type ErrorData, type Result } from '../../../shared/errors';
import { createTranslator } from '../../../shared/i18n/catalogs';
import type { RuleInput } from '../../../shared/rules';
import { refusalsInLanguage } from '../../../renderer/state/refusal-language';
import { fillProfile, NO_KEYCHAIN_ENV } from '../../support/cli';
import { mail } from '../storage/store-fixture';

const de = createTranslator('de');
const ar = createTranslator('ar');
const context = { transport: 'web' as const };

function thrown(act: () => unknown): ErrorData {
  try {
    act();
  } catch (error) {
    if (error instanceof MailbagError) return error.toData();
    throw error;
  }
  return assert.fail('nothing was refused');
}

function refusal(result: Result<unknown>): ErrorData {
  if (result.ok) assert.fail('the request was not refused');
  return result.error;
}

/** The English message, and the words in German and Arabic, of a refusal. */
function said(error: Pick<ErrorData, 'message' | 'words'>): { en: string; de: string; ar: string } {
  assert.notEqual(error.words, undefined, `no catalog words for “${error.message}”`);
  return { en: error.message, de: errorMessageIn(de.t, error), ar: errorMessageIn(ar.t, error) };
}

describe('refusals of main, in the reader’s language', () => {
  let root: string;
  let core: Core;
  let messageId: number;

  const rule = (overrides: Partial<RuleInput>): RuleInput => ({
    name: 'Lists',
    query: 'from:ann',
    actions: [{ kind: 'flag' }],
    stop: false,
    accountId: null,
    ...overrides,
  });

  before(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'mailbag-refusal-words-'));
    const profile = path.join(root, 'profile');
    await fillProfile(profile, [['a1', 'Ann', 'ann@example.com']], async (opened) => {
      await opened.store.addMessage({ accountId: 'a1', folder: 'inbox' }, mail({ subject: 'Whole — مرحبا' }));
      return [];
    });
    core = await createCore({ profileDir: profile, logger: silentLogger, env: NO_KEYCHAIN_ENV });
    const inbox = core.store.listFolderIdentities('a1').find((folder) => folder.role === 'inbox')?.id ?? assert.fail('no Inbox');
    messageId = core.store.listMessages(inbox).messages[0]?.id ?? assert.fail('no message');
  });
  after(async () => {
    await core.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('rules: a pattern, a server rule and a missing rule are refused in German and Arabic, in English for --json', async () => {
    const pattern = said(refusal(await core.registry.dispatch('saveRule', { rule: rule({ query: 'header:subject:"/(unclosed/"' }) }, context)));
    assert.equal(pattern.en, '“(unclosed” is not a regular expression this search can run.');
    assert.equal(pattern.de, '„(unclosed“ ist kein regulärer Ausdruck, den diese Suche ausführen kann.');
    assert.equal(pattern.ar, '“(unclosed” ليس تعبيرًا نمطيًا يمكن لهذا البحث تنفيذه.');

    const server = said(
      refusal(await core.registry.dispatch('saveRule', { rule: rule({ query: 'body:x', actions: [{ kind: 'server', mode: 'leave' }] }) }, context)),
    );
    assert.equal(
      server.en,
      'A server rule decides before download, from the headers and the size: use only from:, to:, cc:, subject:, header:, larger: and smaller:.',
    );
    assert.match(server.de, /^Eine Serverregel entscheidet vor dem Herunterladen/);
    assert.match(server.ar, /^تقرّر قاعدة الخادم قبل التنزيل/);

    const unconfirmed = said(
      refusal(await core.registry.dispatch('saveRule', { rule: rule({ query: 'larger:20M', actions: [{ kind: 'server', mode: 'delete' }] }) }, context)),
    );
    assert.equal(unconfirmed.en, 'A rule that deletes mail on the server without downloading it needs your confirmation.');
    assert.equal(unconfirmed.de, 'Eine Regel, die E-Mails auf dem Server löscht, ohne sie herunterzuladen, braucht Ihre Bestätigung.');

    const empty = said(refusal(await core.registry.dispatch('saveRule', { rule: rule({ query: '""' }) }, context)));
    assert.equal(empty.en, 'The condition has nothing to look for.');
    assert.equal(empty.de, 'Die Bedingung enthält nichts, wonach gesucht werden kann.');

    // The command line saves rules without the window's request check: the store refuses it.
    const forward = said(thrown(() => addRule(core.database, rule({ actions: [{ kind: 'forward', to: 'not an address', template: '' }] }))));
    assert.equal(forward.en, 'The address to forward to is not an e-mail address.');
    assert.equal(forward.de, 'Die Weiterleitungsadresse ist keine E-Mail-Adresse.');
    const missing = said(thrown(() => findRule(core.database, 'Nirgends')));
    assert.equal(missing.en, 'There is no rule named “Nirgends”.');
    assert.equal(missing.de, 'Es gibt keine Regel namens „Nirgends“.');
    assert.equal(missing.ar, 'لا توجد قاعدة باسم “Nirgends”.');

    const gone = said(refusal(await core.registry.dispatch('moveRule', { id: 987_654, direction: 'up' }, context)));
    assert.equal(gone.en, 'That rule no longer exists.');
    assert.equal(gone.ar, 'لم تعد هذه القاعدة موجودة.');

    const folder = said(refusal(await core.registry.dispatch('saveRule', { rule: rule({ actions: [{ kind: 'move', folder: 'Nirgendwo' }] }) }, context)));
    assert.equal(folder.en, 'There is no folder “Nirgendwo” to move to. Choose a folder that exists.');
    assert.equal(folder.de, de.t('rules.folderMissing', { folder: 'Nirgendwo', kind: 'move', scope: 'every' }));
  });

  test('handlers: links, messages, writing and testing an unfinished account are refused in German and Arabic', async () => {
    const link = said(refusal(await core.registry.dispatch('openExternalLink', { url: 'ftp://example.org/file' }, context)));
    assert.equal(link.en, 'Only web (http, https) and mailto links can be opened.');
    assert.equal(link.de, 'Nur Web-Links (http, https) und mailto-Links können geöffnet werden.');
    assert.equal(link.ar, 'لا يمكن فتح إلا روابط الويب (http وhttps) وروابط mailto.');

    const complete = said(refusal(await core.registry.dispatch('downloadRestOfMessage', { id: messageId }, context)));
    assert.equal(complete.en, 'This message is already complete.');
    assert.equal(complete.de, 'Diese Nachricht ist bereits vollständig.');
    assert.equal(complete.ar, 'هذه الرسالة مكتملة بالفعل.');

    // The profile's account has no server settings yet.
    const compose = said(refusal(await core.registry.dispatch('composeFromMailto', { accountId: 'a1', url: 'mailto:bob@example.org' }, context)));
    assert.equal(compose.en, 'This account is not set up completely; set it up again before writing mail.');
    assert.equal(compose.de, 'Dieses Konto ist nicht vollständig eingerichtet. Richten Sie es erneut ein, bevor Sie E-Mails schreiben.');
    assert.equal(compose.ar, 'هذا الحساب غير مُعَدّ بالكامل؛ أعد إعداده قبل كتابة الرسائل.');

    const test = said(refusal(await core.registry.dispatch('testAccount', { accountId: 'a1' }, context)));
    assert.equal(test.en, 'This account’s settings are incomplete; set it up again.');
    assert.equal(test.de, 'Die Einstellungen dieses Kontos sind unvollständig. Richten Sie es erneut ein.');
  });
});

test('the attachment opener says in German and Arabic that no program could open the file', async () => {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'mailbag-refusal-open-'));
  try {
    const open = createAttachmentOpener({
      profileDir: directory,
      readAttachment: async () => ({ fileName: 'Bericht.odt', contentType: 'application/vnd.oasis.opendocument.text', bytes: new Uint8Array([1, 2, 3]) }),
      openPath: async () => 'No application is registered for this file',
    });
    const error = await open({ messageId: 1, index: 0 }).then(
      () => assert.fail('opened'),
      (reason: unknown) => (reason instanceof MailbagError ? reason.toData() : assert.fail(String(reason))),
    );
    const words = said(error);
    assert.equal(words.en, 'No program could open Bericht.odt. Save it and open it from your file manager.');
    assert.equal(words.de, 'Kein Programm konnte Bericht.odt öffnen. Speichern Sie die Datei und öffnen Sie sie im Dateimanager.');
    assert.equal(words.ar, 'لم يتمكن أي برنامج من فتح Bericht.odt. احفظه وافتحه من مدير الملفات.');
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('a revoked provider sign-in is said in the reader’s language, and its English sentence is the catalog’s', () => {
  const error = new MailbagError('AUTH_FAILED', SIGN_IN_AGAIN_MESSAGE, { words: SIGN_IN_AGAIN_WORDS }).toData();
  assert.equal(createTranslator('en').t(SIGN_IN_AGAIN_WORDS.id), SIGN_IN_AGAIN_MESSAGE);
  assert.equal(errorMessageIn(de.t, error), 'Die Anmeldung beim Anbieter ist nicht mehr gültig. Melden Sie sich erneut an, um fortzufahren.');
  assert.equal(errorMessageIn(ar.t, error), 'لم يعد تسجيل الدخول لدى المزوّد صالحًا. سجّل الدخول من جديد للمتابعة.');
});

test('the window’s bridge words each failed answer that carries catalog words in the window’s language, and leaves the others alone', async () => {
  const worded: ErrorData = { code: 'VALIDATION', message: 'This message is already complete.', words: { id: 'refusal.messageComplete' } };
  const server: ErrorData = { code: 'AUTH_FAILED', message: '-ERR [AUTH] Anmeldung fehlgeschlagen' };
  const api = {
    refuse: async (): Promise<Result<number>> => ({ ok: false, error: worded }),
    refuseAsServer: async (): Promise<Result<number>> => ({ ok: false, error: server }),
    answer: async (): Promise<Result<number>> => ({ ok: true, value: 7 }),
    on: (): (() => void) => () => undefined,
  };
  let language = de;
  const bridge = refusalsInLanguage(api, () => language.t);
  assert.deepEqual(await bridge.refuse(), { ok: false, error: { ...worded, message: 'Diese Nachricht ist bereits vollständig.' } });
  language = ar;
  assert.deepEqual(await bridge.refuse(), { ok: false, error: { ...worded, message: 'هذه الرسالة مكتملة بالفعل.' } });
  assert.deepEqual(await bridge.refuseAsServer(), { ok: false, error: server });
  assert.deepEqual(await bridge.answer(), { ok: true, value: 7 });
  assert.equal(bridge.on, api.on);
});
