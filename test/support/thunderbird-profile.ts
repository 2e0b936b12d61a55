/**
 * A Thunderbird profile as Thunderbird leaves it on disk, built by the import tests: the folder that
 * plays ~/.thunderbird (profiles.ini, installs.ini), one profile with prefs.js naming a POP3 account
 * on 127.0.0.1 and Local Folders, and the account's popstate.dat. The tests write their own mbox files
 * into the two mail folders it returns, so each keeps the messages its assertions are about.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** When the popstate.dat entries say the messages were fetched (2 Nov 2026), in seconds. */
const FETCHED_AT_SECONDS = 1762074000;
/** The id Thunderbird gives an installation in installs.ini (a hash of its program folder). */
const INSTALL_ID = '8216C80C92C4E828';

/** What the profile holds. */
export interface ThunderbirdProfileOptions {
  /** The folder that plays ~/.thunderbird. */
  readonly root: string;
  /** The profile's folder under Profiles/, e.g. `q1w2e3.default-release`. */
  readonly folder: string;
  /** The POP3 server's port on 127.0.0.1 and the user name Thunderbird signs in with. */
  readonly pop3: { readonly port: number; readonly user: string };
  /** The account's name as prefs.js spells it, escapes and all (it is a JavaScript string literal). */
  readonly accountName: string;
  /** More `user_pref(…);` lines, after the account's. */
  readonly morePrefs?: readonly string[];
  /** popstate.dat entries: what Thunderbird did with each message it knows on the server (`k` kept, `d` to delete, `b` headers only). */
  readonly popstate: ReadonlyArray<{ readonly state: 'k' | 'd' | 'b'; readonly uidl: string }>;
  /** Another profile listed first in profiles.ini and marked default there, which installs.ini overrides. */
  readonly olderDefault?: string;
}

/** Where the built profile keeps its mail. */
export interface ThunderbirdProfile {
  /** The profile folder (what `mailbag import thunderbird` takes). */
  readonly profile: string;
  /** The POP3 account's mail folder (Inbox and its .sbd sub-folders go here). */
  readonly serverMail: string;
  /** The Local Folders mail folder. */
  readonly localFolders: string;
}

/** Writes the profile; its mail folders are made and left empty. */
export function buildThunderbirdProfile(options: ThunderbirdProfileOptions): ThunderbirdProfile {
  const relative = `Profiles/${options.folder}`;
  const profile = path.join(options.root, 'Profiles', options.folder);
  const serverMail = path.join(profile, 'Mail', '127.0.0.1');
  const localFolders = path.join(profile, 'Mail', 'Local Folders');
  mkdirSync(serverMail, { recursive: true });
  mkdirSync(localFolders, { recursive: true });
  const older = options.olderDefault === undefined ? '' : `[Profile1]\nName=old\nIsRelative=1\nPath=Profiles/${options.olderDefault}\nDefault=1\n\n`;
  writeFileSync(
    path.join(options.root, 'profiles.ini'),
    `${older}[Profile0]\nName=default-release\nIsRelative=1\nPath=${relative}\n\n[General]\nStartWithLastProfile=1\nVersion=2\n`,
  );
  writeFileSync(path.join(options.root, 'installs.ini'), `[${INSTALL_ID}]\nDefault=${relative}\nLocked=1\n`);
  writeFileSync(
    path.join(profile, 'prefs.js'),
    [
      '// Mozilla User Preferences',
      'user_pref("mail.accountmanager.accounts", "account1,account2");',
      'user_pref("mail.accountmanager.localfoldersserver", "server1");',
      'user_pref("mail.account.account1.server", "server2");',
      'user_pref("mail.account.account1.identities", "id1");',
      'user_pref("mail.account.account2.server", "server1");',
      'user_pref("mail.server.server1.type", "none");',
      'user_pref("mail.server.server1.directory-rel", "[ProfD]Mail/Local Folders");',
      'user_pref("mail.server.server2.type", "pop3");',
      'user_pref("mail.server.server2.hostname", "127.0.0.1");',
      `user_pref("mail.server.server2.port", ${options.pop3.port});`,
      'user_pref("mail.server.server2.socketType", 0);',
      `user_pref("mail.server.server2.userName", "${options.pop3.user}");`,
      `user_pref("mail.server.server2.name", "${options.accountName}");`,
      'user_pref("mail.server.server2.leave_on_server", true);',
      'user_pref("mail.server.server2.directory-rel", "[ProfD]Mail/127.0.0.1");',
      'user_pref("mail.identity.id1.fullName", "Zoë Test");',
      'user_pref("mail.identity.id1.useremail", "test@example.test");',
      ...(options.morePrefs ?? []),
    ].join('\n'),
  );
  writeFileSync(
    path.join(serverMail, 'popstate.dat'),
    [
      '# POP3 State File',
      '# This is a generated file!  Do not edit.',
      '',
      `*127.0.0.1 ${options.pop3.user}`,
      ...options.popstate.map(({ state, uidl }) => `${state} ${uidl} ${FETCHED_AT_SECONDS}`),
      '',
    ].join('\n'),
  );
  return { profile, serverMail, localFolders };
}

/**
 * One message of a Thunderbird mbox: the "From - " separator, X-Mozilla-Status (the read, replied,
 * flagged and expunged bits) when given, and an encoded subject, so any script survives.
 */
export function thunderbirdMessage(subject: string, status: string | undefined, body: string): string {
  return [
    'From - Mon Nov 02 09:00:00 2026',
    ...(status === undefined ? [] : [`X-Mozilla-Status: ${status}`, 'X-Mozilla-Status2: 00000000']),
    'From: Ann <ann@example.com>',
    'To: test@example.test',
    `Subject: =?UTF-8?B?${Buffer.from(subject, 'utf8').toString('base64')}?=`,
    'Date: Mon, 2 Nov 2026 09:00:00 +0000',
    `Message-ID: <${Buffer.from(subject).toString('hex').slice(0, 40)}@example.com>`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
    '',
  ].join('\n');
}
