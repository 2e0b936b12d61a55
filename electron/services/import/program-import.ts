/**
 * Importing another program (Thunderbird, Eudora) the one way both the command line and the window do
 * it: read what the source holds (its POP3 accounts, its folder trees), bring each account in — one
 * Mailbag already has (same POP3 server and user) is used as it is, a new one is saved only after
 * signing in with a password the user gives, since no program's saved passwords are imported — record
 * what Thunderbird's popstate.dat says was downloaded already, and work out which trees go where. The
 * mail itself is imported by the import worker from the trees.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { wordedError } from '../../../shared/error-words';
import { MailbagError, toErrorData, type ErrorData } from '../../../shared/errors';
import { accountSettingsSchema, type AccountSettingsInput } from '../../../shared/accounts';
import type { SqliteDatabase } from '../../storage/database';
import type { MessageStore } from '../../storage/message-store';
import { markKeptOnServer } from '../../storage/pop-journal';
import type { ImportTree, TreeImportFormat } from '../../jobs/import/import-job';
import type { AccountService } from '../accounts';
import { eudoraAccounts } from './eudora-accounts';
import { downloadedUidls, parsePopState } from './popstate';
import { localFoldersDirectory, thunderbirdPopAccounts } from './thunderbird-accounts';
import { parsePrefs } from './thunderbird-prefs';

/** Why journal rows written from popstate.dat are there. */
export const POPSTATE_REASON = 'downloaded by Thunderbird';

/** An account found in the source. */
export interface SourceAccount {
  /** Its place in the source's list, how the window names it when giving its password. */
  readonly key: string;
  readonly settings: AccountSettingsInput;
  /** Thunderbird: the account's mail directory (its folders and popstate.dat). */
  readonly directory?: string;
}

/** What a source holds: its accounts, and its Local Folders directory (Thunderbird). */
export interface ProgramSource {
  readonly format: TreeImportFormat;
  readonly directory: string;
  readonly accounts: readonly SourceAccount[];
  readonly localFolders?: string;
}

/** Reads a Thunderbird profile's prefs.js or an Eudora folder's Eudora.ini (missing files: no accounts). */
export async function readProgramSource(format: TreeImportFormat, directory: string): Promise<ProgramSource> {
  const stat = await fs.stat(directory).catch(() => undefined);
  if (stat?.isDirectory() !== true) throw wordedError('NOT_FOUND', { id: 'serviceError.import.noFolder', values: { folder: directory } });
  switch (format) {
    case 'thunderbird': {
      const prefs = parsePrefs(await fs.readFile(path.join(directory, 'prefs.js'), 'utf8').catch(() => ''));
      const accounts = thunderbirdPopAccounts(prefs, directory).map((account) => ({
        key: account.serverKey,
        settings: account.settings,
        directory: account.directory,
      }));
      return { format, directory, accounts, localFolders: localFoldersDirectory(prefs, directory) };
    }
    case 'eudora': {
      const ini = await fs.readFile(path.join(directory, 'Eudora.ini'), 'latin1').catch(() => '');
      return { format, directory, accounts: eudoraAccounts(ini).map((settings, index) => ({ key: `persona${index}`, settings })) };
    }
  }
}

/** The Mailbag account reading the same POP3 server as the same user, if any. */
export function accountForServer(accounts: AccountService, incoming: { readonly host: string; readonly username: string }): string | undefined {
  return accounts
    .list()
    .find(
      (candidate) =>
        candidate.settings?.incoming.host.toLowerCase() === incoming.host.toLowerCase() && candidate.settings.incoming.username === incoming.username,
    )?.id;
}

function freeName(accounts: AccountService, wanted: string): string {
  const taken = new Set(accounts.list().map((account) => account.name.toLowerCase()));
  if (!taken.has(wanted.toLowerCase())) return wanted;
  for (let number = 2; ; number += 1) if (!taken.has(`${wanted} (${number})`.toLowerCase())) return `${wanted} (${number})`;
}

/** What became of one account. */
export interface ImportedAccount {
  readonly key: string;
  readonly name: string;
  readonly host: string;
  readonly status: 'created' | 'existing' | 'failed';
  readonly accountId?: string;
  /** Server messages recorded as downloaded already (Thunderbird's popstate.dat). */
  readonly knownOnServer?: number;
  readonly error?: ErrorData;
}

/** The passwords of a new account (SMTP only when it signs in with its own). */
export interface AccountPasswords {
  readonly pop3Password: string;
  readonly smtpPassword?: string;
}

/** What bringing accounts in needs. */
export interface ProgramImportDeps {
  readonly accounts: AccountService;
  readonly store: MessageStore;
  readonly database: SqliteDatabase;
}

/**
 * Records the UIDLs Thunderbird downloaded in full (popstate.dat's `k` and `d`) as known and kept on
 * the server: Send/Receive neither downloads them again nor ever deletes them on the server (even
 * those Thunderbird meant to delete). Returns how many.
 */
async function rememberDownloaded(database: SqliteDatabase, accountId: string, account: SourceAccount): Promise<number> {
  if (account.directory === undefined) return 0;
  const popstate = await fs.readFile(path.join(account.directory, 'popstate.dat'), 'utf8').catch(() => '');
  const uidls = downloadedUidls(parsePopState(popstate), account.settings.incoming.host, account.settings.incoming.username);
  markKeptOnServer(
    database,
    accountId,
    uidls.map((uidl) => ({ uidl })),
    POPSTATE_REASON,
  );
  return uidls.length;
}

/**
 * Brings one account in (see the module comment); `passwords` is asked only for a new account.
 * Never throws: a failure (a refused sign-in, settings that are not valid) is reported.
 */
export async function importSourceAccount(
  deps: ProgramImportDeps,
  account: SourceAccount,
  passwords: (account: SourceAccount) => Promise<AccountPasswords>,
): Promise<ImportedAccount> {
  const { settings, key } = account;
  const { host } = settings.incoming;
  const existing = accountForServer(deps.accounts, settings.incoming);
  try {
    let accountId = existing;
    if (accountId === undefined) {
      const given = await passwords(account);
      const parsed = accountSettingsSchema.safeParse({ ...settings, name: freeName(deps.accounts, settings.name) });
      if (!parsed.success) {
        throw wordedError(
          'VALIDATION',
          { id: 'serviceError.import.settingsInvalid' },
          { detail: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') },
        );
      }
      const saved = await deps.accounts.save({
        settings: parsed.data,
        pop3Password: given.pop3Password,
        ...(settings.outgoing.credentials === 'separate' && given.smtpPassword !== undefined ? { smtpPassword: given.smtpPassword } : {}),
      });
      accountId = saved.account.id;
    }
    deps.store.ensureDefaultFolders(accountId);
    const knownOnServer = await rememberDownloaded(deps.database, accountId, account);
    return { key, name: settings.name, host, status: existing === undefined ? 'created' : 'existing', accountId, knownOnServer };
  } catch (error) {
    return { key, name: settings.name, host, status: 'failed', error: error instanceof MailbagError ? error.toData() : toErrorData(error) };
  }
}

async function isDirectory(directory: string): Promise<boolean> {
  return (await fs.stat(directory).catch(() => undefined))?.isDirectory() === true;
}

/**
 * The trees to import and the account each belongs to. Thunderbird: each POP3 account's folders go to
 * the Mailbag account reading that server, or — when there is none — into Local Folders under the
 * account's name; Local Folders go into Local Folders; mail of no account belongs to `owner`. Eudora:
 * the whole folder goes into `owner`'s folders. Empty when there is no account to own the mail.
 */
export async function sourceTrees(deps: ProgramImportDeps, source: ProgramSource, owner: string | undefined): Promise<ImportTree[]> {
  if (source.format === 'eudora') {
    if (owner === undefined) return [];
    deps.store.ensureDefaultFolders(owner);
    return [{ directory: source.directory, accountId: owner, placement: { kind: 'account' } }];
  }
  const trees: ImportTree[] = [];
  for (const account of source.accounts) {
    if (account.directory === undefined || !(await isDirectory(account.directory))) continue;
    const accountId = accountForServer(deps.accounts, account.settings.incoming);
    if (accountId !== undefined) trees.push({ directory: account.directory, accountId, placement: { kind: 'account' } });
    else if (owner !== undefined) trees.push({ directory: account.directory, accountId: owner, placement: { kind: 'local', under: account.settings.name } });
  }
  if (owner !== undefined && source.localFolders !== undefined && (await isDirectory(source.localFolders)))
    trees.push({ directory: source.localFolders, accountId: owner, placement: { kind: 'local', under: null } });
  return trees;
}

/** Bytes of a tree's mailboxes (Thunderbird's .msf summaries left out), for a progress bar. */
export async function directorySize(directory: string): Promise<number> {
  let total = 0;
  for (const entry of await fs.readdir(directory, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) total += await directorySize(full);
    else if (entry.isFile() && !entry.name.endsWith('.msf')) total += (await fs.stat(full)).size;
  }
  return total;
}
