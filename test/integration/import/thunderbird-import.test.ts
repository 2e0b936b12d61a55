/**
 * `mailbag import thunderbird` end to end against a real Dovecot: a Thunderbird profile built by the
 * test (profiles.ini, prefs.js, Local Folders and the POP3 account's mbox files with .sbd sub-folders,
 * X-Mozilla-Status, a damaged mailbox, popstate.dat naming UIDLs read from the server itself) is
 * imported; then `mailbag receive` downloads only what Thunderbird had not, and deletes nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../../../electron/main/core';
import { silentLogger } from '../../../electron/services/logger';
import { startDovecot, type DovecotServer } from '../../servers/dovecot';
import { NO_KEYCHAIN_ENV, runMailbag } from '../../support/cli';
import { buildThunderbirdProfile, thunderbirdMessage } from '../../support/thunderbird-profile';

const TEST_TIMEOUT_MS = 180_000;
const DELIVERED = 3;

/** The server's UIDL list, read over a plain POP3 session on loopback. */
async function serverUidls(dovecot: DovecotServer): Promise<string[]> {
  const socket = net.connect(dovecot.port, '127.0.0.1');
  let text = '';
  socket.setEncoding('latin1');
  const waitFor = (pattern: RegExp): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (pattern.test(text)) {
          socket.off('data', onData);
          resolve();
        }
      };
      const onData = (chunk: string): void => {
        text += chunk;
        check();
      };
      socket.on('data', onData);
      socket.once('error', reject);
      check();
    });
  await waitFor(/^\+OK.*\r\n/);
  socket.write(`USER ${dovecot.user}\r\n`);
  await waitFor(/(\+OK.*\r\n){2}/);
  socket.write(`PASS ${dovecot.password}\r\n`);
  await waitFor(/(\+OK.*\r\n){3}/);
  text = '';
  socket.write('UIDL\r\n');
  await waitFor(/\r\n\.\r\n/);
  socket.end('QUIT\r\n');
  return text
    .split('\r\n')
    .slice(1)
    .filter((line) => /^\d+ /.test(line))
    .map((line) => line.split(' ')[1] ?? '');
}

describe('mailbag import thunderbird', { timeout: TEST_TIMEOUT_MS }, () => {
  let dovecot: DovecotServer;
  const root = mkdtempSync(path.join(os.tmpdir(), 'mailbag-thunderbird-'));
  const mailbag = path.join(root, 'mailbag');
  const thunderbird = path.join(root, 'thunderbird');
  const profile = path.join(thunderbird, 'Profiles', 'x1y2z3.default-release');
  let uidls: string[] = [];

  before(async () => {
    dovecot = await startDovecot();
    await dovecot.generateMessages({ count: DELIVERED, seed: 19 });
    uidls = await serverUidls(dovecot);
    assert.equal(uidls.length, DELIVERED);
    const built = buildThunderbirdProfile({
      root: thunderbird,
      folder: 'x1y2z3.default-release',
      olderDefault: 'old.default',
      pop3: { port: dovecot.port, user: dovecot.user },
      accountName: 'Home \\"POP\\" \\u00e9t\\u00e9',
      morePrefs: [
        'user_pref("mail.server.server2.delete_by_age_from_server", true);',
        'user_pref("mail.server.server2.num_days_to_leave_on_server", 21);',
        'user_pref("mail.identity.id1.htmlSigText", "-- \\nZoë\\nשלום");',
        'user_pref("mail.identity.id1.smtpServer", "smtp1");',
        'user_pref("mail.smtpservers", "smtp1");',
        'user_pref("mail.smtpserver.smtp1.hostname", "127.0.0.1");',
        'user_pref("mail.smtpserver.smtp1.port", 1);',
        'user_pref("mail.smtpserver.smtp1.try_ssl", 0);',
      ],
      popstate: [
        { state: 'k', uidl: uidls[0] ?? '' },
        { state: 'd', uidl: uidls[1] ?? '' },
      ],
    });
    const server = built.serverMail;
    const local = built.localFolders;
    mkdirSync(path.join(local, 'Archives.sbd'));
    const tall = Array.from({ length: 300 }, (_, index) => `line ${index}`).join('\n');
    writeFileSync(
      path.join(server, 'Inbox'),
      thunderbirdMessage('Read one', '0001', `>From the start\n${tall}`) +
        thunderbirdMessage('Expunged', '0009', 'gone') +
        thunderbirdMessage('Flagged and replied', '1006', 'Café'),
    );
    writeFileSync(path.join(server, 'Inbox.msf'), '// <!-- <mdb:mork:z v="1.4"/> -->');
    writeFileSync(path.join(server, 'msgFilterRules.dat'), 'version="9"\nlogging="no"\n');
    writeFileSync(path.join(local, 'Archives'), thunderbirdMessage('Archived', '0001', 'old'));
    writeFileSync(path.join(local, 'Archives.sbd', 'שלום 2024'), thunderbirdMessage('Bidi folder', undefined, 'שלום עולם'));
    const garbage = 'this is not a message\nnor this\n';
    writeFileSync(path.join(local, 'Broken'), garbage + thunderbirdMessage('After damage', '0000', 'still here'));
    writeFileSync(path.join(local, 'Broken.msf'), '');
  });
  after(async () => {
    await dovecot.stop();
    rmSync(root, { recursive: true, force: true });
  });

  test('the POP3 account, Local Folders and the POP3 folders come in, the damage is reported with its offset', async () => {
    const run = await runMailbag(['--profile', mailbag, '--json', 'import', 'thunderbird', profile, '--password-stdin'], { input: `${dovecot.password}\n` });
    assert.equal(run.code, 3, run.err);
    const result = JSON.parse(run.out) as {
      accounts: Array<{ status: string; knownOnServer: number; name: string }>;
      imported: number;
      skipped: number;
      duplicates: number;
      problems: Array<{ file: string; offset: number; length: number }>;
    };
    assert.equal(result.accounts.length, 1);
    assert.equal(result.accounts[0]?.status, 'created');
    assert.equal(result.accounts[0]?.knownOnServer, 2);
    assert.equal(result.imported, 5);
    assert.equal(result.skipped, 1);
    assert.equal(result.problems.length, 1);
    assert.match(result.problems[0]?.file ?? '', /Broken$/);
    assert.equal(result.problems[0]?.offset, 0);
    assert.equal(result.problems[0]?.length, 'this is not a message\nnor this\n'.length);

    const core = await createCore({ profileDir: mailbag, logger: silentLogger, env: NO_KEYCHAIN_ENV });
    try {
      const [account] = core.accounts.list();
      assert.equal(account?.name, 'Home "POP" été');
      assert.deepEqual(account?.settings?.policy.leaveOnServer, { mode: 'days', days: 21 });
      assert.equal(account?.settings?.identities[0]?.signature, '-- \nZoë\nשלום');
      const rows = core.database
        .prepare<[], { path: string; subject: string; seen: number; flagged: number; answered: number; forwarded: number; local: number }>(
          `with recursive placed(id, path, local) as (
             select id, name, account_id is null from folders where parent_id is null
             union all select f.id, p.path || '/' || f.name, p.local from folders f join placed p on f.parent_id = p.id)
           select placed.path as path, m.subject as subject, m.seen as seen, m.flagged as flagged, m.answered as answered, m.forwarded as forwarded, placed.local as local
             from messages m join placed on placed.id = m.folder_id order by m.subject`,
        )
        .all();
      assert.deepEqual(
        rows.map((row) => [row.path, row.subject, row.local, row.seen, row.flagged, row.answered, row.forwarded]),
        [
          ['Broken', 'After damage', 1, 0, 0, 0, 0],
          ['Archives', 'Archived', 1, 1, 0, 0, 0],
          ['Archives/שלום 2024', 'Bidi folder', 1, 0, 0, 0, 0],
          ['Inbox', 'Flagged and replied', 0, 0, 1, 1, 1],
          ['Inbox', 'Read one', 0, 1, 0, 0, 0],
        ].sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
      );
      const read = core.database.prepare<[], { id: number }>("select id from messages where subject = 'Read one'").get();
      const bytes = await core.store.readRawMessage(read?.id ?? 0);
      assert.match(bytes.toString('latin1'), /\r\nFrom the start\r\nline 0\r\n/);
      assert.ok(!bytes.toString('latin1').startsWith('From - '));
    } finally {
      await core.close();
    }
  });

  test('importing the profile again adds nothing and asks for no password', async () => {
    const run = await runMailbag(['--profile', mailbag, '--json', 'import', 'thunderbird', profile]);
    assert.equal(run.code, 3, run.err);
    const result = JSON.parse(run.out) as { accounts: Array<{ status: string }>; imported: number; duplicates: number };
    assert.equal(result.accounts[0]?.status, 'existing');
    assert.equal(result.imported, 0);
    assert.equal(result.duplicates, 5);
  });

  test("without PROFILE_DIR the profile is the one installs.ini names in the home's .thunderbird; --mail alone brings mail only", async () => {
    const home = path.join(root, 'home');
    mkdirSync(home, { recursive: true });
    symlinkSync(thunderbird, path.join(home, '.thunderbird'));
    const savedHome = process.env.HOME;
    process.env.HOME = home;
    try {
      const run = await runMailbag(['--profile', mailbag, '--json', 'import', 'thunderbird', '--mail']);
      assert.equal(run.code, 3, run.err);
      const result = JSON.parse(run.out) as { profile: string; accounts: unknown[]; imported: number; duplicates: number };
      assert.equal(result.profile, path.join(home, '.thunderbird', 'Profiles', 'x1y2z3.default-release'));
      assert.deepEqual(result.accounts, []);
      assert.deepEqual([result.imported, result.duplicates], [0, 5]);
    } finally {
      process.env.HOME = savedHome;
    }
  });

  test('receive downloads only the message Thunderbird had not, and deletes nothing on the server', async () => {
    const run = await runMailbag(['--profile', mailbag, 'receive', '--account', 'Home "POP" été', '--password-stdin'], { input: `${dovecot.password}\n` });
    assert.equal(run.code, 0, run.err);
    const core = await createCore({ profileDir: mailbag, logger: silentLogger, env: NO_KEYCHAIN_ENV });
    try {
      const states = core.database.prepare<[], { uidl: string; state: string }>('select uidl, state from pop_journal order by uidl').all();
      assert.deepEqual(
        states.map((row) => [row.uidl, row.state]),
        [
          [uidls[0], 'kept-on-server'],
          [uidls[1], 'kept-on-server'],
          [uidls[2], 'downloaded'],
        ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
    } finally {
      await core.close();
    }
    assert.equal((await dovecot.listMessages()).length, DELIVERED);
    assert.deepEqual(await serverUidls(dovecot), uidls);
  });
});
