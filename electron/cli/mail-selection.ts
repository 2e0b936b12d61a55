/**
 * What the mail commands (`list`, `search`, `show`, `export`) share: choosing accounts and folders
 * from `--account` and `--folder`, reading a page across several folders, and the message table.
 */
import { formatByteSize } from '../../shared/byte-size';
import type { Core } from '../main/core';
import type { AccountReference } from '../services/accounts';
import { FOLDER_ROLES, type FolderIdentity, type FolderRole } from '../storage/folders';
import { MAX_PAGE_SIZE, type MessageSummary } from '../storage/message-queries';
import { foldersNamedSql, LOCAL_FOLDERS_NAME } from '../storage/folder-tree';
import { PATH_SEPARATOR } from './folder-paths';
import { CliError, UsageError } from './command';
import { table } from './table';
import { visibleBidiControls } from '../../shared/bidi';
import { createTranslator, formattingLocale, type Translate, type Translator } from '../../shared/i18n/catalogs';

const ENGLISH = createTranslator('en');

/** Longest sender shown in the message table, in characters. */
export const TABLE_FROM_WIDTH = 32;
/** Longest subject shown in the message table, in characters. */
export const TABLE_SUBJECT_WIDTH = 60;
/** The folder `list` shows when none is named. */
export const DEFAULT_FOLDER_ROLE: FolderRole = 'inbox';

/** The accounts a command works on: the one named by `--account`, or all of them (their messages are not counted). */
export function selectAccounts(core: Core, reference: string | undefined): AccountReference[] {
  return reference === undefined ? core.accounts.references() : [core.accounts.findReference(reference)];
}

function roleNamed(text: string): FolderRole | undefined {
  const lower = text.trim().toLowerCase();
  return FOLDER_ROLES.find((role) => role === lower);
}

/** A folder a mail command reads: `accountId` null for a Local Folder. */
export type SelectedFolder = Omit<FolderIdentity, 'accountId'> & { readonly accountId: string | null };

/**
 * The folders called FOLDER (by name, by role: Inbox, Sent, …, or by path: Projects/Alpha, Local
 * Folders/Archive; case-insensitive) in each of the accounts, then in Local Folders: a Local Folder
 * named by its path always, by its name alone unless `localByName` is false (a command narrowed to one
 * account). A built-in folder an account has not created yet simply holds nothing; any other name
 * that matches no folder is NOT_FOUND.
 */
export function selectFolders(
  core: Core,
  accounts: readonly AccountReference[],
  folder: string,
  options: { readonly localByName?: boolean } = {},
): SelectedFolder[] {
  const role = roleNamed(folder);
  const named = foldersNamedSql(folder);
  const rows = core.database
    .prepare<string[], { id: number; account_id: string | null; role: FolderRole | null; name: string }>(
      `select id, account_id, role, name from folders where id in (${named.sql})`,
    )
    .all(...named.parameters);
  const byPath = folder.trim().toLowerCase().startsWith(`${LOCAL_FOLDERS_NAME.toLowerCase()}${PATH_SEPARATOR}`);
  const accountOrder = new Map(accounts.map((account, index) => [account.id, index]));
  const rank = (row: { account_id: string | null; role: FolderRole | null; name: string }): [number, number, string] => [
    row.account_id === null ? accounts.length : (accountOrder.get(row.account_id) ?? accounts.length),
    row.role === null ? FOLDER_ROLES.length : FOLDER_ROLES.indexOf(row.role),
    row.name.toLowerCase(),
  ];
  const found = rows
    .filter((row) => (row.account_id === null ? byPath || options.localByName !== false : accountOrder.has(row.account_id)))
    .sort((a, b) => {
      const [accountA, roleA, nameA] = rank(a);
      const [accountB, roleB, nameB] = rank(b);
      return accountA - accountB || roleA - roleB || nameA.localeCompare(nameB);
    })
    .map((row) => ({ id: row.id, accountId: row.account_id, role: row.role, name: row.name }));
  if (found.length === 0 && role === undefined) {
    const [only] = accounts;
    throw accounts.length === 1 && only !== undefined
      ? new CliError('NOT_FOUND', 'cli.folder.notFoundIn', { folder, account: only.name })
      : new CliError('NOT_FOUND', 'cli.folder.notFound', { folder });
  }
  return found;
}

/** Parses a whole-number flag within bounds, or throws a usage error. */
export function integerFlag(flag: string, text: string | undefined, fallback: number, minimum: number, maximum: number): number {
  if (text === undefined) return fallback;
  if (!/^\d{1,9}$/.test(text) || Number(text) < minimum || Number(text) > maximum) {
    throw new UsageError('cli.usage.wholeNumber', { flag, minimum, maximum });
  }
  return Number(text);
}

/** Largest `--limit` accepted: scripts may ask for far more than a page (the store reads pages of MAX_PAGE_SIZE). */
export const MAX_CLI_LIMIT = 100_000_000;

/**
 * `--limit N` or `--all` of the listing commands: how many messages to print (`--all`: every one, as
 * Number.MAX_SAFE_INTEGER). Both at once is a usage error.
 */
export function limitOrAll(text: string | undefined, all: boolean, fallback: number): number {
  if (all && text !== undefined) throw new UsageError('cli.usage.eitherOr', { first: '--limit', second: '--all' });
  return all ? Number.MAX_SAFE_INTEGER : integerFlag('--limit', text, fallback, 1, MAX_CLI_LIMIT);
}

/** Reads one source's results from an offset, a page at a time. */
export type PageReader = (offset: number, limit: number) => readonly MessageSummary[];

/**
 * One page of several sources merged in `order` (each source must already be in that order): the
 * sources are read a page at a time, so no source is read further than the page needs.
 */
export function mergedPage(
  sources: readonly PageReader[],
  order: (a: MessageSummary, b: MessageSummary) => number,
  offset: number,
  limit: number,
): MessageSummary[] {
  const [only] = sources;
  if (sources.length === 1 && only !== undefined) {
    // One source: read straight from the offset, a store page at a time (a limit may exceed a page).
    const result: MessageSummary[] = [];
    while (result.length < limit) {
      const wanted = Math.min(MAX_PAGE_SIZE, limit - result.length);
      const page = only(offset + result.length, wanted);
      result.push(...page);
      if (page.length < wanted) break;
    }
    return result;
  }
  const cursors = sources.map((read) => ({ read, buffer: [] as MessageSummary[], position: 0, done: false }));
  const head = (cursor: (typeof cursors)[number]): MessageSummary | undefined => {
    if (cursor.buffer.length === 0 && !cursor.done) {
      cursor.buffer = [...cursor.read(cursor.position, MAX_PAGE_SIZE)];
      cursor.position += cursor.buffer.length;
      cursor.done = cursor.buffer.length < MAX_PAGE_SIZE;
    }
    return cursor.buffer[0];
  };
  const result: MessageSummary[] = [];
  for (let taken = 0; taken < offset + limit; taken += 1) {
    let best: (typeof cursors)[number] | undefined;
    let bestHead: MessageSummary | undefined;
    for (const cursor of cursors) {
      const candidate = head(cursor);
      if (candidate !== undefined && (bestHead === undefined || order(candidate, bestHead) < 0)) {
        best = cursor;
        bestHead = candidate;
      }
    }
    if (best === undefined || bestHead === undefined) break;
    best.buffer.shift();
    if (taken >= offset) result.push(bestHead);
  }
  return result;
}

/** Newest first by date, then by id: the order of folder lists. */
export function byDateDescending(a: MessageSummary, b: MessageSummary): number {
  return b.date - a.date || b.id - a.id;
}

/** A date and time in the translator's locale (its short forms) and the runtime's time zone (TZ). */
export function formatDate(time: number, translator: Translator = ENGLISH): string {
  return translator.intl.formatDate(time, { dateStyle: 'short', timeStyle: 'short' });
}

function clip(text: string, width: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= width ? flat : `${flat.slice(0, width - 1)}…`;
}

/** The flags column: U unread, P partial (headers only), A attachments, F flagged, ? not parsed yet. */
export function flagLetters(message: MessageSummary): string {
  return [message.seen ? '' : 'U', message.partial ? 'P' : '', message.hasAttachments ? 'A' : '', message.flagged ? 'F' : '', message.indexed ? '' : '?'].join(
    '',
  );
}

/** What the subject column shows. */
export function subjectText(message: MessageSummary, t: Translate = ENGLISH.t): string {
  // The subject comes from the headers when the message is stored; the full-text index may follow later.
  if (message.subject !== null && message.subject.trim() !== '') return visibleBidiControls(message.subject);
  return t(message.indexed ? 'message.noSubject' : 'cli.notIndexed');
}

/** A name and address as a line of output shows them, bidi controls made visible (see shared/bidi). */
export function addressText(entry: { readonly name: string; readonly address: string }): string {
  return visibleBidiControls(entry.name === '' ? entry.address : `${entry.name} <${entry.address}>`);
}

function fromText(message: MessageSummary): string {
  return message.from === null ? '' : addressText(message.from);
}

/** The message table of `list` and `search`: id (what `show` takes), date, from, subject, size, flags. */
export function messageTable(messages: readonly MessageSummary[], translator: Translator = ENGLISH): string {
  const { t } = translator;
  return table([
    [t('cli.column.id'), t('cli.column.date'), t('cli.column.from'), t('cli.column.subject'), t('cli.column.size'), t('cli.column.flags')],
    ...messages.map((message) => [
      String(message.id),
      formatDate(message.date, translator),
      clip(fromText(message), TABLE_FROM_WIDTH),
      clip(subjectText(message, t), TABLE_SUBJECT_WIDTH),
      formatByteSize(message.size, formattingLocale(translator.locale)),
      flagLetters(message),
    ]),
  ]);
}

/** The legend printed under the table. */
export function flagLegend(t: Translate): string {
  return t('cli.flagLegend');
}
