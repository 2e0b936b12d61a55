/**
 * `mailbag import` on mailboxes written by the real programs: mbox by procmail's formail (mboxo, as
 * procmail delivers) and by mutt (Content-Length, Status and X-Status), a maildir delivered and
 * flagged by Dovecot (dovecot-lda, doveadm), .eml files, and the profile's own export read back.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createImportCommand } from '../../../electron/cli/commands/import';
import { createCore } from '../../../electron/main/core';
import { toCrlf } from '../../../electron/jobs/import/file-readers';
import { silentLogger } from '../../../electron/services/logger';
import { startDovecot } from '../../servers/dovecot';
import { fillProfile, NO_KEYCHAIN_ENV, runCommand, runMailbag } from '../../support/cli';

const TEST_TIMEOUT_MS = 120_000;
const DOVECOT_LDA = '/usr/lib/dovecot/dovecot-lda';

const root = mkdtempSync(path.join(os.tmpdir(), 'mailbag-import-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Three messages with what trips mbox readers: From lines, 8-bit bytes, a tall body, no Date. */
function sources(): Buffer[] {
  const tall = Array.from({ length: 400 }, (_, index) => `line ${index} of a tall message`).join('\n');
  return [
    Buffer.concat([
      Buffer.from(
        'From: Ann <ann@example.com>\nTo: bob@example.com\nSubject: From lines\nDate: Wed, 4 Nov 2026 09:00:00 +0000\nMessage-ID: <one@example.com>\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\nFrom the start of a line\nFrom ann@example.com Wed Nov  4 09:00:00 2026\nCaf',
      ),
      Buffer.from([0xe9, 0x0a]),
    ]),
    Buffer.from(
      `From: Bob <bob@example.com>\nTo: ann@example.com\nSubject: Tall\nDate: Thu, 5 Nov 2026 09:00:00 +0000\nMessage-ID: <two@example.com>\n\n${tall}\n`,
    ),
    Buffer.from('From: Carol <carol@example.com>\nSubject: No date\nMessage-ID: <three@example.com>\n\nshort\n'),
  ];
}

async function storedIn(profile: string, folder: string): Promise<Array<{ bytes: Buffer; seen: boolean; flagged: boolean; answered: boolean }>> {
  const core = await createCore({ profileDir: profile, logger: silentLogger, env: NO_KEYCHAIN_ENV });
  try {
    const found = core.store.listFolderIdentities('a1').find((candidate) => candidate.name === folder);
    if (found === undefined) return [];
    const page = core.store.listMessages(found.id, { limit: 500 });
    const out = [];
    for (const message of [...page.messages].sort((a, b) => a.id - b.id)) {
      const flags = core.database
        .prepare<[number], { seen: number; flagged: number; answered: number }>('select seen, flagged, answered from messages where id = ?')
        .get(message.id);
      out.push({ bytes: await core.store.readRawMessage(message.id), seen: flags?.seen === 1, flagged: flags?.flagged === 1, answered: flags?.answered === 1 });
    }
    return out;
  } finally {
    await core.close();
  }
}

async function newProfile(name: string): Promise<string> {
  const profile = path.join(root, name);
  await fillProfile(profile, [['a1', 'Ann', 'ann@example.com']], async () => undefined);
  return profile;
}

describe('mailbag import', { timeout: TEST_TIMEOUT_MS }, () => {
  const messages = sources();
  const emlDirectory = path.join(root, 'eml');
  before(() => {
    mkdirSync(path.join(emlDirectory, 'nested'), { recursive: true });
    messages.forEach((bytes, index) => writeFileSync(path.join(emlDirectory, index === 2 ? 'nested' : '', `${index}.eml`), bytes));
  });

  test('an mbox written by formail imports byte for byte in CRLF, and a second import adds nothing', async () => {
    const mbox = path.join(root, 'formail.mbox');
    for (const bytes of messages) {
      const run = spawnSync('formail', [], { input: bytes });
      assert.equal(run.status, 0, run.stderr.toString());
      writeFileSync(mbox, run.stdout, { flag: 'a' });
    }
    const profile = await newProfile('formail');
    const first = await runMailbag(['--profile', profile, '--json', 'import', 'mbox', mbox]);
    assert.equal(first.code, 0, first.err);
    assert.deepEqual(
      { ...JSON.parse(first.out), source: undefined },
      { ...JSON.parse(first.out), source: undefined, imported: 3, duplicates: 0, folder: 'formail', folderCreated: true, problems: [], dialect: 'mboxrd' },
    );
    const stored = await storedIn(profile, 'formail');
    // formail quoted the From lines (mboxo) and its own From_ line and trailing empty line are not kept.
    assert.deepEqual(
      stored.map((message) => message.bytes.toString('latin1')),
      messages.map((bytes) => toCrlf(bytes).toString('latin1')),
    );
    const second = await runMailbag(['--profile', profile, 'import', 'mbox', mbox, '--folder', 'formail']);
    assert.equal(second.code, 0, second.err);
    assert.match(second.out, /Imported 0 messages into formail; 3 already stored/);
    assert.equal((await storedIn(profile, 'formail')).length, 3);
  });

  test('an mbox written by mutt (Content-Length, no quoting, Status) keeps From lines and read and flagged marks', async () => {
    const maildir = path.join(root, 'for-mutt');
    for (const folder of ['cur', 'new', 'tmp']) mkdirSync(path.join(maildir, folder), { recursive: true });
    messages.forEach((bytes, index) => writeFileSync(path.join(maildir, 'cur', `${index}.host:2,${['S', 'F', ''][index] ?? ''}`), bytes));
    const mbox = path.join(root, 'mutt.mbox');
    const push = `push "<tag-pattern>.<enter><tag-prefix><copy-message>${mbox}<enter><quit>"`;
    const muttCommand = `mutt -n -F /dev/null -e 'set mbox_type=mbox; set confirmcreate=no; set sort=mailbox-order; set mark_old=no' -f ${maildir} -e '${push}'`;
    const run = spawnSync('script', ['-qec', muttCommand, '/dev/null'], { env: { ...process.env, TERM: 'vt100' }, timeout: 30_000 });
    assert.equal(run.status, 0, run.stderr.toString());
    // What mutt wrote, and what the import says it did, are checked first: a short count then says which side lost a message.
    const written = readFileSync(mbox, 'latin1');
    assert.equal(written.match(/^Message-ID: /gim)?.length, 3, `mutt wrote:\n${written.slice(0, 2000)}`);
    const profile = await newProfile('mutt');
    const result = await runMailbag(['--profile', profile, '--json', 'import', 'mbox', mbox, '--folder', 'From mutt']);
    assert.equal(result.code, 0, result.err);
    assert.equal((JSON.parse(result.out) as { imported: number }).imported, 3, result.out);
    // mutt writes the maildir in the order the file system lists it, which differs between machines:
    // the stored messages are put back in the sources' order by their Message-ID.
    const order = ['<one@example.com>', '<two@example.com>', '<three@example.com>'];
    const rank = (bytes: Buffer): number => order.indexOf(/^Message-ID: (<[^>]*>)/im.exec(bytes.toString('latin1'))?.[1] ?? '');
    const stored = (await storedIn(profile, 'From mutt')).sort((a, b) => rank(a.bytes) - rank(b.bytes));
    assert.equal(stored.length, 3);
    assert.deepEqual(
      stored.map((message) => rank(message.bytes)),
      [0, 1, 2],
    );
    const first = stored[0]?.bytes.toString('latin1') ?? '';
    assert.match(first, /\r\n\r\nFrom the start of a line\r\nFrom ann@example.com Wed Nov {2}4 09:00:00 2026\r\nCaf\xe9\r\n$/);
    assert.match(first, /^Content-Length: \d+\r$/m);
    assert.deepEqual(
      stored.map((message) => [message.seen, message.flagged]),
      [
        [true, false],
        [false, true],
        [false, false],
      ],
    );
  });

  test('a maildir delivered and flagged by Dovecot: Seen and Flagged kept, Deleted left out', async () => {
    const dovecot = await startDovecot();
    try {
      for (const bytes of messages) {
        const run = spawnSync(DOVECOT_LDA, ['-c', dovecot.configPath, '-d', dovecot.user, '-f', 'sender@example.com'], { input: bytes });
        assert.equal(run.status, 0, run.stderr.toString());
      }
      const flag = (flags: string, uid: number): void => {
        const run = spawnSync('doveadm', ['-c', dovecot.configPath, 'flags', 'add', '-u', dovecot.user, flags, 'mailbox', 'INBOX', 'uid', String(uid)]);
        assert.equal(run.status, 0, run.stderr.toString());
      };
      flag('\\Seen \\Flagged', 1);
      flag('\\Answered', 2);
      flag('\\Seen \\Deleted', 3);
      const names = [...readdirSync(path.join(dovecot.maildir, 'new')), ...readdirSync(path.join(dovecot.maildir, 'cur'))];
      assert.equal(names.filter((name) => /:2,.*T/.test(name)).length, 1, names.join(' '));
      const profile = await newProfile('dovecot');
      const result = await runMailbag(['--profile', profile, '--json', 'import', 'maildir', dovecot.maildir, '--folder', 'Dovecot']);
      assert.equal(result.code, 0, result.err);
      const report = JSON.parse(result.out) as { imported: number; skipped: number };
      assert.deepEqual([report.imported, report.skipped], [2, 1]);
      const stored = await storedIn(profile, 'Dovecot');
      const subjects = stored.map((message) => /^Subject: (.*)\r$/m.exec(message.bytes.toString('latin1'))?.[1]);
      assert.deepEqual(subjects.sort(), ['From lines', 'Tall']);
      const flagged = stored.find((message) => message.bytes.includes('Subject: From lines'));
      assert.deepEqual([flagged?.seen, flagged?.flagged, flagged?.answered], [true, true, false]);
      const answered = stored.find((message) => message.bytes.includes('Subject: Tall'));
      assert.deepEqual([answered?.seen, answered?.flagged, answered?.answered], [false, false, true]);
      // Dovecot adds its Return-Path and Delivered-To; the message itself follows byte for byte (in CRLF).
      assert.ok(flagged?.bytes.includes(toCrlf(messages[0] ?? Buffer.alloc(0))));
    } finally {
      await dovecot.stop();
    }
  });

  test('.eml files and a folder of them, into the Inbox when asked; what is already there is not added', async () => {
    const profile = await newProfile('eml');
    const one = await runMailbag(['--profile', profile, 'import', 'eml', path.join(emlDirectory, '0.eml'), '--folder', 'inbox']);
    assert.equal(one.code, 0, one.err);
    const all = await runMailbag(['--profile', profile, '--json', 'import', 'eml', emlDirectory, '--folder', 'Inbox']);
    assert.equal(all.code, 0, all.err);
    assert.deepEqual([JSON.parse(all.out).imported, JSON.parse(all.out).duplicates, JSON.parse(all.out).folderCreated], [2, 1, false]);
    assert.equal((await storedIn(profile, 'Inbox')).length, 3);
  });

  test('an exported folder imported again is recognised message for message (the CRLF round trip)', async () => {
    const profile = await newProfile('round-trip');
    await runMailbag(['--profile', profile, 'import', 'eml', emlDirectory, '--folder', 'Inbox']);
    const out = path.join(root, 'exported.mbox');
    const exported = await runMailbag(['--profile', profile, 'export', '--folder', 'Inbox', '--format', 'mbox', '--out', out]);
    assert.equal(exported.code, 0, exported.err);
    const again = await runMailbag(['--profile', profile, '--json', 'import', 'mbox', out, '--folder', 'Again']);
    assert.equal(again.code, 0, again.err);
    assert.deepEqual([JSON.parse(again.out).imported, JSON.parse(again.out).duplicates], [0, 3]);
  });

  test('a damaged mailbox imports what can be read, lists the rest with offsets and exits 3', async () => {
    const profile = await newProfile('damaged');
    const garbage = Buffer.from('\u0000\u0001 binary junk that is no mail\n');
    const mbox = path.join(root, 'damaged.mbox');
    const good = spawnSync('formail', [], { input: messages[1] }).stdout;
    writeFileSync(mbox, Buffer.concat([garbage, good, good.subarray(0, 200)]));
    const result = await runMailbag(['--profile', profile, 'import', 'mbox', mbox]);
    assert.equal(result.code, 3, result.err);
    assert.match(result.out, new RegExp(`not imported: bytes 0–${garbage.length}: not in a message`));
    // The cut copy has the same start: it is stored as what is left of it, besides the whole one.
    assert.equal((await storedIn(profile, 'damaged')).length, 2);
  });

  test('Ctrl-C stops the import, keeps what was stored and exits 1', async () => {
    const profile = await newProfile('cancelled');
    const core = () => createCore({ profileDir: profile, logger: silentLogger, env: NO_KEYCHAIN_ENV });
    const command = createImportCommand((listener) => {
      listener();
      return () => undefined;
    });
    const result = await runCommand(command, ['eml', emlDirectory], { profileDir: profile, openCore: core });
    assert.equal(result.code, 1);
    assert.match(result.out, /^Cancelled: imported 0 message/);
  });
});
