/**
 * The window's import and export operations as main receives them: inputs checked before anything
 * runs (a kind no importer handles, a folder and ids at once, a program import without its passwords'
 * shape), the file browser's listing, an export of chosen messages byte for byte, an import whose end
 * arrives as an event and whose messages land in the chosen folder (a message already there is not
 * added) — a Local Folder too, the mail belonging to the first account — and the import of another
 * program: the Thunderbird profiles profiles.ini lists, a preview with mailboxes, message counts and
 * accounts, an account whose sign-in fails stopping the mail, and the mail of an Eudora folder.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createCore, type Core } from '../../../electron/main/core';
import { silentLogger } from '../../../electron/services/logger';
import { createTreeFolder } from '../../../electron/storage/folder-tree';
import type { ImportFinishedEvent, ProgramPreview } from '../../../shared/import-export-ops';
import { fillProfile, NO_KEYCHAIN_ENV } from '../../support/cli';
import { mail } from '../storage/store-fixture';

const context = { transport: 'web' as const };

describe('import and export operations', () => {
  let root: string;
  let core: Core;
  let ids: number[];
  let inbox: number;

  before(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'mailbag-import-export-'));
    const profile = path.join(root, 'profile');
    ids = await fillProfile(profile, [['a1', 'Ann', 'ann@example.com']], async (opened) => {
      const stored = [];
      for (const subject of ['One', 'Two — שלום']) {
        const { messageId } = await opened.store.addMessage({ accountId: 'a1', folder: 'inbox' }, mail({ subject }));
        if (messageId !== null) stored.push(messageId);
      }
      return stored;
    });
    // Thunderbird's profiles are looked for in the home folder's .thunderbird.
    const thunderbird = path.join(root, 'home', '.thunderbird');
    mkdirSync(path.join(thunderbird, 'Profiles', 'abc.default-release'), { recursive: true });
    writeFileSync(
      path.join(thunderbird, 'profiles.ini'),
      '[Profile0]\nName=default-release\nIsRelative=1\nPath=Profiles/abc.default-release\n\n[Profile1]\nName=elsewhere\nIsRelative=0\nPath=/nowhere/xyz\nDefault=1\n',
    );
    writeFileSync(path.join(thunderbird, 'installs.ini'), '[8216C80C92C4E828]\nDefault=Profiles/abc.default-release\n');
    const savedHome = process.env.HOME;
    process.env.HOME = path.join(root, 'home');
    try {
      core = await createCore({ profileDir: profile, logger: silentLogger, env: NO_KEYCHAIN_ENV });
    } finally {
      process.env.HOME = savedHome;
    }
    inbox = core.store.listFolderIdentities('a1').find((folder) => folder.role === 'inbox')?.id ?? assert.fail('no Inbox');
  });
  after(async () => {
    await core.close();
    rmSync(root, { recursive: true, force: true });
  });

  test('inputs are checked in main before anything runs', async () => {
    const unknownKind = await core.registry.dispatch('startImport', { runId: 'r1', kind: 'floppy', source: root, folderId: inbox }, context);
    assert.equal(unknownKind.ok ? 'ok' : unknownKind.error.code, 'VALIDATION');
    const both = await core.registry.dispatch('exportMessages', { folderId: inbox, ids, format: 'mbox', destination: path.join(root, 'x.mbox') }, context);
    assert.equal(both.ok ? 'ok' : both.error.code, 'VALIDATION');
    const noFolder = await core.registry.dispatch('startImport', { runId: 'r2', kind: 'eml', source: root, folderId: 999_999 }, context);
    assert.equal(noFolder.ok ? 'ok' : noFolder.error.code, 'NOT_FOUND');
    const noPasswords = await core.registry.dispatch(
      'startProgramImport',
      { runId: 'r3', kind: 'eudora', source: root, mail: true, accounts: true, passwords: [{ key: 'x', pop3Password: '' }] },
      context,
    );
    assert.equal(noPasswords.ok ? 'ok' : noPasswords.error.code, 'VALIDATION');
    const unknownProgram = await core.registry.dispatch('previewProgramImport', { kind: 'pine', source: root, mail: true, accounts: true }, context);
    assert.equal(unknownProgram.ok ? 'ok' : unknownProgram.error.code, 'VALIDATION');
    const nul = await core.registry.dispatch('browseFiles', { path: 'a\0b' }, context);
    assert.equal(nul.ok ? 'ok' : nul.error.code, 'VALIDATION');
  });

  test('browsing lists folders first, then files with their sizes', async () => {
    const place = path.join(root, 'browse');
    mkdirSync(path.join(place, 'sub'), { recursive: true });
    writeFileSync(path.join(place, 'a.mbox'), 'From x\n');
    const listed = await core.registry.dispatch('browseFiles', { path: place }, context);
    assert.ok(listed.ok);
    assert.deepEqual(listed.value, {
      path: place,
      parent: root,
      entries: [
        { name: 'sub', kind: 'directory', size: 0 },
        { name: 'a.mbox', kind: 'file', size: 7 },
      ],
      more: 0,
    });
  });

  test('chosen messages export as .eml files holding the stored bytes', async () => {
    const out = path.join(root, 'chosen');
    const result = await core.registry.dispatch('exportMessages', { ids, format: 'eml', destination: out }, context);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal((result.value as { messages: number }).messages, 2);
    assert.deepEqual(readdirSync(out).sort(), ids.map((id) => `${id}.eml`).sort());
    for (const id of ids) assert.deepEqual(readFileSync(path.join(out, `${id}.eml`)), await core.store.readRawMessage(id));
  });

  test('an import reports its end as an event and files the new messages in the chosen folder', async () => {
    const source = path.join(root, 'eml-source');
    mkdirSync(source);
    writeFileSync(path.join(source, 'new.eml'), mail({ subject: 'Imported one' }));
    writeFileSync(path.join(source, 'old.eml'), await core.store.readRawMessage(ids[0] ?? 0));
    const finished = new Promise<ImportFinishedEvent>((resolve) => {
      const stop = core.events.subscribe((name, payload) => {
        if (name !== 'importFinished') return;
        stop();
        resolve(payload as ImportFinishedEvent);
      });
    });
    const started = await core.registry.dispatch('startImport', { runId: 'run-1', kind: 'eml', source, folderId: inbox }, context);
    assert.ok(started.ok, JSON.stringify(started));
    const event = await finished;
    assert.deepEqual({ ...event }, { runId: 'run-1', status: 'completed', imported: 1, duplicates: 1, skipped: 0, problems: [], moreProblems: 0 });
    assert.equal(core.store.listMessages(inbox).total, 3);
  });

  /** The next importFinished event of a run. */
  function finishedOf(runId: string): Promise<ImportFinishedEvent> {
    return new Promise<ImportFinishedEvent>((resolve) => {
      const stop = core.events.subscribe((name, payload) => {
        if (name !== 'importFinished' || (payload as ImportFinishedEvent).runId !== runId) return;
        stop();
        resolve(payload as ImportFinishedEvent);
      });
    });
  }

  test('a Local Folder (a sub-folder by its path) takes a file import; the mail belongs to the first account', async () => {
    const archive = createTreeFolder(core.database, { accountId: null, parentId: null, name: 'Archive' });
    const year = createTreeFolder(core.database, { accountId: null, parentId: archive, name: '2019' });
    const source = path.join(root, 'into-local.eml');
    writeFileSync(source, mail({ subject: 'Filed locally' }));
    const finished = finishedOf('local-1');
    const started = await core.registry.dispatch('startImport', { runId: 'local-1', kind: 'eml', source, folderId: year }, context);
    assert.ok(started.ok, JSON.stringify(started));
    assert.equal((await finished).imported, 1);
    const row = core.database
      .prepare<[string], { folder_id: number; account_id: string | null }>('select folder_id, account_id from messages where subject = ?')
      .get('Filed locally');
    assert.deepEqual({ ...row }, { folder_id: year, account_id: 'a1' });
  });

  test("Thunderbird's profiles are listed from profiles.ini, the one installs.ini names marked default", async () => {
    const found = await core.registry.dispatch('findThunderbirdProfiles', undefined, context);
    assert.ok(found.ok, JSON.stringify(found));
    assert.deepEqual(found.value, [
      { name: 'default-release', directory: path.join(root, 'home', '.thunderbird', 'Profiles', 'abc.default-release'), isDefault: true },
      { name: 'elsewhere', directory: '/nowhere/xyz', isDefault: false },
    ]);
  });

  test('a Thunderbird profile is previewed; an account whose sign-in fails stops the mail; mail alone goes to Local Folders', async () => {
    const profile = path.join(root, 'home', '.thunderbird', 'Profiles', 'abc.default-release');
    const server = path.join(profile, 'Mail', '127.0.0.1');
    mkdirSync(path.join(server, 'Inbox.sbd'), { recursive: true });
    mkdirSync(path.join(profile, 'Mail', 'Local Folders'), { recursive: true });
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    writeFileSync(
      path.join(profile, 'prefs.js'),
      [
        'user_pref("mail.accountmanager.accounts", "account1");',
        'user_pref("mail.account.account1.server", "server2");',
        'user_pref("mail.server.server2.type", "pop3");',
        'user_pref("mail.server.server2.hostname", "127.0.0.1");',
        `user_pref("mail.server.server2.port", ${port});`,
        'user_pref("mail.server.server2.socketType", 0);',
        'user_pref("mail.server.server2.userName", "zoe");',
        'user_pref("mail.server.server2.name", "Zoë\'s POP");',
      ].join('\n'),
    );
    const tbMessage = (subject: string): string =>
      `From - Mon Nov 02 09:00:00 2026\nX-Mozilla-Status: 0001\nFrom: Zoe <zoe@example.com>\nSubject: ${subject}\nMessage-ID: <${subject.replace(/\W/g, '')}@tb.test>\n\nbody\n\n`;
    writeFileSync(path.join(server, 'Inbox'), tbMessage('TB one') + tbMessage('TB two'));
    writeFileSync(path.join(server, 'Inbox.sbd', 'Receipts'), tbMessage('TB receipt'));
    writeFileSync(path.join(profile, 'Mail', 'Local Folders', 'Saved'), `garbage first\n${tbMessage('TB saved')}`);
    writeFileSync(path.join(profile, 'Mail', 'Local Folders', 'Saved.msf'), '');

    const preview = await core.registry.dispatch('previewProgramImport', { kind: 'thunderbird', source: profile, mail: true, accounts: true }, context);
    assert.ok(preview.ok, JSON.stringify(preview));
    const value = preview.value as ProgramPreview;
    assert.deepEqual(
      value.mailboxes.map((mailbox) => [[...(mailbox.inLocalFolders ? ['(Local Folders)'] : []), ...mailbox.path].join('/'), mailbox.messages]),
      [
        ["Zoë's POP/Inbox", 2],
        ["Zoë's POP/Inbox/Receipts", 1],
        ['(Local Folders)/Saved', 1],
      ],
    );
    // Mail without its account goes under Local Folders: marked so, never named in English by main.
    const mailPreview = await core.registry.dispatch('previewProgramImport', { kind: 'thunderbird', source: profile, mail: true, accounts: false }, context);
    assert.ok(mailPreview.ok, JSON.stringify(mailPreview));
    assert.deepEqual(
      (mailPreview.value as ProgramPreview).mailboxes.map((mailbox) => [mailbox.inLocalFolders, ...mailbox.path]),
      [
        [true, "Zoë's POP", 'Inbox'],
        [true, "Zoë's POP", 'Inbox', 'Receipts'],
        [true, 'Saved'],
      ],
    );
    assert.deepEqual(
      value.accounts.map((account) => [account.key, account.name, account.username, account.status, account.insecure]),
      [['server2', "Zoë's POP", 'zoe', 'new', true]],
    );

    const missing = await core.registry.dispatch(
      'startProgramImport',
      { runId: 'tb-0', kind: 'thunderbird', source: profile, mail: true, accounts: true, passwords: [] },
      context,
    );
    assert.ok(missing.ok, JSON.stringify(missing));
    assert.equal((missing.value as { started: boolean }).started, false);
    const refused = await core.registry.dispatch(
      'startProgramImport',
      { runId: 'tb-1', kind: 'thunderbird', source: profile, mail: true, accounts: true, passwords: [{ key: 'server2', pop3Password: 'secret' }] },
      context,
    );
    assert.ok(refused.ok, JSON.stringify(refused));
    const outcome = refused.value as { started: boolean; accounts: Array<{ status: string; error?: { code: string } }> };
    assert.equal(outcome.started, false);
    assert.equal(outcome.accounts[0]?.status, 'failed');
    assert.equal(core.accounts.list().length, 1, 'no account is saved without a sign-in');

    const finished = finishedOf('tb-2');
    const mailOnly = await core.registry.dispatch(
      'startProgramImport',
      { runId: 'tb-2', kind: 'thunderbird', source: profile, mail: true, accounts: false, passwords: [] },
      context,
    );
    assert.ok(mailOnly.ok, JSON.stringify(mailOnly));
    assert.equal((mailOnly.value as { started: boolean }).started, true);
    const event = await finished;
    assert.equal(event.status, 'completed');
    assert.equal(event.imported, 4);
    assert.equal(event.problems.length, 1);
    assert.match(event.problems[0]?.file ?? '', /Saved$/);
    assert.deepEqual([event.problems[0]?.offset, event.problems[0]?.length], [0, 'garbage first\n'.length]);
    const placed = core.database
      .prepare<[], { subject: string; local: number; account_id: string }>(
        "select m.subject as subject, f.account_id is null as local, m.account_id as account_id from messages m join folders f on f.id = m.folder_id where m.subject like 'TB %' order by m.subject",
      )
      .all();
    assert.deepEqual(
      placed.map((row) => [row.subject, row.local, row.account_id]),
      [
        ['TB one', 1, 'a1'],
        ['TB receipt', 1, 'a1'],
        ['TB saved', 1, 'a1'],
        ['TB two', 1, 'a1'],
      ],
    );
  });

  test("an Eudora folder's mailboxes are previewed and imported into the first account's folders", async () => {
    const eudora = path.join(root, 'Eudora');
    mkdirSync(eudora, { recursive: true });
    writeFileSync(path.join(eudora, 'descmap.pce'), 'In,In.mbx,S,N\r\nעברית,Hebrew.mbx,M,N\r\n');
    const message = (subject: string): string =>
      `From ???@??? Mon Nov 02 09:00:00 2026\r\nFrom: Eve <eve@example.com>\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, '')}@eudora.test>\r\n\r\ntext\r\n\r\n`;
    writeFileSync(path.join(eudora, 'In.mbx'), message('Eudora in'));
    writeFileSync(path.join(eudora, 'Hebrew.mbx'), message('Eudora hebrew 1') + message('Eudora hebrew 2'));
    const preview = await core.registry.dispatch('previewProgramImport', { kind: 'eudora', source: eudora, mail: true, accounts: true }, context);
    assert.ok(preview.ok, JSON.stringify(preview));
    const value = preview.value as ProgramPreview;
    assert.deepEqual(
      value.mailboxes.map((mailbox) => [mailbox.path.join('/'), mailbox.messages]),
      [
        ['In', 1],
        ['עברית', 2],
      ],
    );
    assert.deepEqual(value.accounts, []);
    const finished = finishedOf('eu-1');
    const started = await core.registry.dispatch(
      'startProgramImport',
      { runId: 'eu-1', kind: 'eudora', source: eudora, mail: true, accounts: true, passwords: [] },
      context,
    );
    assert.ok(started.ok, JSON.stringify(started));
    assert.equal((await finished).imported, 3);
    const hebrew = core.store.listFolderIdentities('a1').find((folder) => folder.name === 'עברית');
    assert.ok(hebrew !== undefined);
    assert.equal(core.store.listMessages(hebrew.id).total, 2);
    assert.equal(core.store.listMessages(inbox).messages.filter((row) => row.subject === 'Eudora in').length, 1);
  });
});
