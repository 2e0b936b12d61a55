/**
 * Reading a Thunderbird profile's settings: prefs.js lines with every kind of value and escape,
 * profiles.ini and installs.ini choosing the profile, popstate.dat's blocks, and the POP3 accounts
 * (server, port, security, user, leave-on-server, identities, signatures, SMTP) made from them.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { downloadedUidls, parsePopState } from '../../../../electron/services/import/popstate';
import { leaveOnServerOf, localFoldersDirectory, thunderbirdPopAccounts } from '../../../../electron/services/import/thunderbird-accounts';
import { parsePrefs } from '../../../../electron/services/import/thunderbird-prefs';
import { findDefaultThunderbirdProfile, listThunderbirdProfiles, thunderbirdRoots } from '../../../../electron/services/import/thunderbird-profiles';

const directory = mkdtempSync(path.join(os.tmpdir(), 'mailbag-tb-settings-'));
after(() => rmSync(directory, { recursive: true, force: true }));

describe('prefs.js', () => {
  test('strings with escapes, numbers, booleans; comments and other lines passed over; a later line wins', () => {
    const prefs = parsePrefs(
      [
        '// Mozilla User Preferences',
        '/* user_pref("commented.out", 1); */ garbage(',
        'user_pref("a.string", "say \\"hi\\" \\\\ back\\nslash \\u00e9\\x41");',
        'user_pref("a.number", -42);',
        'user_pref("a.flag", true);',
        'user_pref("b.flag", false);',
        'user_pref( "spaced" ,  "x" ) ;',
        'user_pref("a.number", 7);',
        'pref("not.user", 1);',
        'user_pref("unterminated", "oops);',
      ].join('\r\n'),
    );
    assert.equal(prefs.get('a.string'), 'say "hi" \\ back\nslash éA');
    assert.equal(prefs.get('a.number'), 7);
    assert.equal(prefs.get('a.flag'), true);
    assert.equal(prefs.get('b.flag'), false);
    assert.equal(prefs.get('spaced'), 'x');
    assert.equal(prefs.has('not.user'), false);
    assert.equal(prefs.has('unterminated'), false);
  });
});

describe('profiles.ini', () => {
  test("installs.ini's default wins over Default=1; absolute paths are kept; without a profiles.ini nothing is found", async () => {
    const root = path.join(directory, 'tb-root');
    mkdirSync(root, { recursive: true });
    writeFileSync(
      path.join(root, 'profiles.ini'),
      '\uFEFF[General]\r\nStartWithLastProfile=1\r\n\r\n[Profile0]\r\nName=old\r\nIsRelative=1\r\nPath=Profiles/old.default\r\nDefault=1\r\n\r\n[Profile1]\r\nName=elsewhere\r\nIsRelative=0\r\nPath=/mnt/mail/tb\r\n\r\n[Profile2]\r\nName=release\r\nIsRelative=1\r\nPath=Profiles/abc.default-release\r\n',
    );
    writeFileSync(path.join(root, 'installs.ini'), '[308046B0AF4A39CB]\r\nDefault=Profiles/abc.default-release\r\nLocked=1\r\n');
    const profiles = await listThunderbirdProfiles(root);
    assert.deepEqual(
      profiles.map((profile) => [profile.name, profile.directory, profile.isDefault]),
      [
        ['old', path.join(root, 'Profiles', 'old.default'), false],
        ['elsewhere', '/mnt/mail/tb', false],
        ['release', path.join(root, 'Profiles', 'abc.default-release'), true],
      ],
    );
    writeFileSync(path.join(root, 'installs.ini'), '');
    assert.equal((await findDefaultThunderbirdProfile([path.join(directory, 'none'), root]))?.name, 'old');
    assert.equal(await findDefaultThunderbirdProfile([path.join(directory, 'none')]), undefined);
  });

  test('the places Thunderbird keeps profiles on Linux, macOS and Windows', () => {
    assert.equal(thunderbirdRoots('linux', '/home/ann', {})[0], '/home/ann/.thunderbird');
    assert.deepEqual(thunderbirdRoots('darwin', '/Users/ann', {}), ['/Users/ann/Library/Thunderbird']);
    assert.deepEqual(thunderbirdRoots('win32', 'C:\\Users\\ann', { APPDATA: '/appdata' }), [path.join('/appdata', 'Thunderbird')]);
  });
});

describe('popstate.dat', () => {
  test('k and d count as downloaded for the matching host and user; b, f, other servers and bad lines do not', () => {
    const blocks = parsePopState(
      '# POP3 State File\r\n# This is a generated file!  Do not edit.\r\n\r\n*POP.Example.com ann\r\nk UID-1 1700000000\r\nd UID-2 1700000001\r\nb UID-3 1700000002\r\nf UID-4 1700000003\r\nx UID-5 1\r\nk\r\nk UID-6\r\n*other.example.com ann\r\nk UID-9 1\r\n',
    );
    assert.equal(blocks.length, 2);
    assert.deepEqual(blocks[0]?.entries[0], { status: 'k', uidl: 'UID-1', receivedAt: 1700000000 });
    assert.deepEqual(downloadedUidls(blocks, 'pop.example.com', 'ann'), ['UID-1', 'UID-2', 'UID-6']);
    assert.deepEqual(downloadedUidls(blocks, 'pop.example.com', 'bob'), []);
  });
});

describe('POP3 accounts from prefs.js', () => {
  const profile = path.join(directory, 'profile');
  const base = [
    'user_pref("mail.accountmanager.accounts", "account3,account1,account2");',
    'user_pref("mail.accountmanager.localfoldersserver", "server1");',
    'user_pref("mail.server.server1.type", "none");',
    'user_pref("mail.server.server1.directory-rel", "[ProfD]Mail/Local Folders");',
    'user_pref("mail.account.account2.server", "server1");',
    'user_pref("mail.account.account3.server", "server3");',
    'user_pref("mail.server.server3.type", "imap");',
    'user_pref("mail.server.server3.hostname", "imap.example.com");',
    'user_pref("mail.server.server3.userName", "ann");',
    'user_pref("mail.account.account1.server", "server2");',
    'user_pref("mail.account.account1.identities", "id1,id2");',
    'user_pref("mail.server.server2.type", "pop3");',
    'user_pref("mail.server.server2.hostname", "pop.example.com");',
    'user_pref("mail.server.server2.socketType", 3);',
    'user_pref("mail.server.server2.userName", "ann@example.com");',
    'user_pref("mail.server.server2.name", "Ann (home)");',
    'user_pref("mail.server.server2.directory", "/old/computer/Mail/pop.example.com");',
    'user_pref("mail.identity.id1.fullName", "Ann \\u00c5str\\u00f6m");',
    'user_pref("mail.identity.id1.useremail", "ann@example.com");',
    'user_pref("mail.identity.id1.htmlSigFormat", true);',
    'user_pref("mail.identity.id1.htmlSigText", "<b>Ann</b><br>سلام");',
    'user_pref("mail.identity.id1.smtpServer", "smtp2");',
    'user_pref("mail.identity.id2.fullName", "Ann at work");',
    'user_pref("mail.identity.id2.useremail", "ann@work.example");',
    'user_pref("mail.identity.id2.attach_signature", true);',
    `user_pref("mail.identity.id2.sig_file", "${path.join(directory, 'sig.txt')}");`,
    'user_pref("mail.smtpservers", "smtp1,smtp2");',
    'user_pref("mail.smtpserver.smtp2.hostname", "smtp.example.com");',
    'user_pref("mail.smtpserver.smtp2.try_ssl", 2);',
    'user_pref("mail.smtpserver.smtp2.username", "ann@example.com");',
  ];

  test('only POP3 accounts, with server, security, port, identities, signatures and SMTP', () => {
    writeFileSync(path.join(directory, 'sig.txt'), '-- \nAnn, at work\n');
    const [account, ...others] = thunderbirdPopAccounts(parsePrefs(base.join('\n')), profile);
    assert.equal(others.length, 0);
    assert.equal(account?.directory, '/old/computer/Mail/pop.example.com');
    assert.deepEqual(account?.settings.incoming, { host: 'pop.example.com', port: 995, security: 'tls', username: 'ann@example.com', auth: 'auto' });
    assert.deepEqual(account?.settings.outgoing, {
      host: 'smtp.example.com',
      port: 587,
      security: 'starttls',
      username: 'ann@example.com',
      credentials: 'same',
    });
    assert.equal(account?.settings.name, 'Ann (home)');
    assert.equal(account?.settings.displayName, 'Ann Åström');
    assert.deepEqual(account?.settings.identities, [
      { name: 'Ann Åström', address: 'ann@example.com', signature: 'Ann\nسلام' },
      { name: 'Ann at work', address: 'ann@work.example', signature: '-- \nAnn, at work\n' },
    ]);
    assert.deepEqual(account?.settings.policy.leaveOnServer, { mode: 'never' });
    assert.equal(account?.settings.allowInsecure, false);
    assert.equal(localFoldersDirectory(parsePrefs(base.join('\n')), profile), path.join(profile, 'Mail', 'Local Folders'));
  });

  test('leave-on-server: kept N days, until deleted here, forever, or deleted after download', () => {
    const with_ = (...lines: string[]) => parsePrefs([...base, ...lines].join('\n'));
    assert.deepEqual(
      leaveOnServerOf(
        with_(
          'user_pref("mail.server.server2.leave_on_server", true);',
          'user_pref("mail.server.server2.delete_by_age_from_server", true);',
          'user_pref("mail.server.server2.num_days_to_leave_on_server", 30);',
        ),
        'server2',
      ),
      { mode: 'days', days: 30 },
    );
    assert.deepEqual(
      leaveOnServerOf(
        with_('user_pref("mail.server.server2.leave_on_server", true);', 'user_pref("mail.server.server2.delete_mail_left_on_server", true);'),
        'server2',
      ),
      { mode: 'until-deleted' },
    );
    assert.deepEqual(leaveOnServerOf(with_('user_pref("mail.server.server2.leave_on_server", true);'), 'server2'), { mode: 'forever' });
    assert.deepEqual(leaveOnServerOf(with_(), 'server2'), { mode: 'never' });
  });

  test('a plaintext server is kept as Thunderbird had it, allowed explicitly; an SMTP server without a user signs in with none', () => {
    const prefs = parsePrefs(
      [
        ...base,
        'user_pref("mail.server.server2.socketType", 0);',
        'user_pref("mail.smtpserver.smtp2.username", "");',
        'user_pref("mail.server.server2.directory-rel", "[ProfD]Mail/pop.example.com");',
      ].join('\n'),
    );
    const [account] = thunderbirdPopAccounts(prefs, profile);
    assert.equal(account?.settings.incoming.security, 'none');
    assert.equal(account?.settings.incoming.port, 110);
    assert.equal(account?.settings.allowInsecure, true);
    assert.equal(account?.settings.outgoing.credentials, 'none');
    assert.equal(account?.directory, path.join(profile, 'Mail', 'pop.example.com'));
  });
});
