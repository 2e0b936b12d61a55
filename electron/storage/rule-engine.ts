/**
 * Runs message rules: on new mail once it is stored and indexed, or by hand on a folder. Each rule's
 * condition is compiled by the search compiler and asked of SQLite over the messages at hand, rules in
 * order, a move, delete, junk or "stop" ending the later rules for a message (as Thunderbird's filters).
 * On new mail the actions, the removal of the message from `rules_pending` and its `rules_ran` record
 * commit together: a crash before that commit leaves the message pending (filtered at the next run), a
 * crash after it leaves it filtered, so no action is skipped or repeated.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { englishMessage } from '../../shared/error-words';
import type { ErrorWords } from '../../shared/errors';
import { isServerRule, type Rule, type RuleAction } from '../../shared/rules';
import { parseSearchQuery, type SearchNode } from '../../shared/search-query';
import { syncDirectory } from './atomic-file';
import type { SqliteDatabase } from './database';
import { foldersNamedSql } from './folder-tree';
import { applyJunkJudgement, judgeNewMail } from './junk-filter';
import { folderIdForRole } from './folders';
import { copyRawFile, insertCopy } from './message-copy';
import { RAW_ROW_SELECT, rawSourceOfRow, type RawRow } from './message-index';
import { LARGE_FOLDER } from './raw-layout';
import { openRawSource } from './raw-read';
import { setMessageTag } from './message-tags';
import { recordRuleAnswers } from './rule-answers';
import { listRules } from './rules';
import { compileSearch } from './search-sql';
import { holdsEmptyLine, MAX_STORED_HEADER_BYTES, storedHeaderSection } from './stored-header-section';

/** Headers the list columns answer, so they need no stored header section. */
const COLUMN_HEADERS: ReadonlySet<string> = new Set(['subject', 'from', 'to', 'cc']);
/** Messages whose header sections are read at a time when a search needs them all. */
const HEADER_FILL_CHUNK = 500;
/** A name no stored file has, for copies made while only planning (rolled back). */
const PLANNED_COPY_FILE = `${LARGE_FOLDER}/planned-copy`;

/** Where the store keeps raw mail, and its database. */
export interface RuleHost {
  readonly database: SqliteDatabase;
  readonly rawDirectory: string;
}

/** What one rule did (or, in a preview, would do) to which messages. */
export interface RuleApplication {
  readonly rule: string;
  readonly action: RuleAction;
  readonly messageIds: readonly number[];
}

/** What a run did: the messages looked at, junk found, each rule action with its messages, and actions that could not be done. */
export interface RulesReport {
  readonly messages: number;
  /** New messages the junk filter judged junk and filed in Junk (they skip the rules). */
  readonly junk: readonly number[];
  readonly applied: readonly RuleApplication[];
  readonly problems: readonly string[];
  /** The problems the engine words itself, as catalog messages (each one's English is in `problems`), for the command line to say in the reader's language. */
  readonly problemWords?: readonly ErrorWords[];
}

/** A problem of a rule action: its English text, and its catalog message when the engine words it. */
interface ActionProblem {
  readonly text: string;
  readonly words?: ErrorWords;
}

/** A problem worded from the catalogs, its English as the text. */
function worded(words: ErrorWords): ActionProblem {
  return { text: englishMessage(words), words };
}

/** Thrown to roll a planning run back; never escapes this module. */
class Planned extends Error {
  constructor(readonly report: RulesReport) {
    super('planned');
  }
}

function parsedQuery(rule: Rule): SearchNode | null {
  const parsed = parseSearchQuery(rule.query, { locale: 'en-US' });
  return parsed.ok ? parsed.query : null;
}

/** Whether a condition reads a header the list columns do not hold. */
function needsHeaderSection(node: SearchNode | null): boolean {
  if (node === null) return false;
  switch (node.kind) {
    case 'and':
    case 'or':
      return node.children.some(needsHeaderSection);
    case 'not':
      return needsHeaderSection(node.child);
    case 'header':
      return !COLUMN_HEADERS.has(node.name);
    default:
      return false;
  }
}

/** The SQL conditions on `messages m` of a compiled condition, limited to an account. */
function matchConditions(query: SearchNode, accountId: string | null, now: number): Array<{ sql: string; parameters: ReadonlyArray<string | number> }> {
  const { match, where } = compileSearch(query, now);
  return [
    ...(accountId === null ? [] : [{ sql: 'm.account_id = ?', parameters: [accountId] }]),
    ...(match === null ? [] : [{ sql: 'm.id in (select rowid from message_search where message_search match ?)', parameters: [match] }]),
    ...where,
  ];
}

/**
 * How many stored messages (of one account, or of all) a condition matches: the rule editor's "Try as
 * search", asked of the same compiled condition the rules run, after the header sections it needs are stored.
 */
export async function countConditionMatches(host: RuleHost, text: string, accountId: string | null, now = Date.now()): Promise<number> {
  const parsed = parseSearchQuery(text, { locale: 'en-US' });
  if (!parsed.ok || parsed.query === null) return 0;
  await storeMissingHeaderSections(host, text);
  const conditions = matchConditions(parsed.query, accountId, now);
  return (
    host.database
      .prepare<Array<string | number>, number>(`select count(*) from messages m where 1${conditions.map((part) => ` and ${part.sql}`).join('')}`)
      .pluck()
      .get(...conditions.flatMap((part) => part.parameters)) ?? 0
  );
}

/** The messages among `ids` (in that order) that a rule's condition matches, limited to its account. */
export function matchRule(database: SqliteDatabase, rule: Rule, ids: readonly number[], now = Date.now()): number[] {
  const query = parsedQuery(rule);
  if (query === null || ids.length === 0) return [];
  const conditions = matchConditions(query, rule.accountId, now);
  const found = new Set(
    database
      .prepare<Array<string | number>, number>(
        `select m.id from messages m where m.id in (select value from json_each(?))${conditions.map((part) => ` and ${part.sql}`).join('')}`,
      )
      .pluck()
      .all(JSON.stringify(ids), ...conditions.flatMap((part) => part.parameters)),
  );
  return ids.filter((id) => found.has(id));
}

/** Reads the header section of a message (up to MAX_STORED_HEADER_BYTES). */
async function readHeaderSection(rawRoot: string, row: RawRow): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of openRawSource(rawSourceOfRow(rawRoot, row))) {
    const buffer = chunk as Buffer;
    chunks.push(buffer);
    size += buffer.length;
    if (size >= MAX_STORED_HEADER_BYTES || holdsEmptyLine(buffer)) break;
  }
  return storedHeaderSection(Buffer.concat(chunks));
}

/** Header sections read from the raw store at the same time when new mail is filtered. */
const HEADER_READS_AT_ONCE = 64;

/** Stores the header sections of those messages that have none yet (read before the rules' transaction). */
async function storeHeaderSections(host: RuleHost, ids: readonly number[]): Promise<void> {
  const rows = host.database
    .prepare<[string], RawRow>(`${RAW_ROW_SELECT} where m.id in (select value from json_each(?)) and m.id not in (select message_id from message_headers)`)
    .all(JSON.stringify(ids));
  if (rows.length === 0) return;
  // A message whose bytes cannot be read gets an empty section: it matches no header, and is not read again.
  const sections: Array<readonly [number, string]> = [];
  // A bounded number of reads at a time: 10,000 new messages must not open 10,000 files at once.
  for (let start = 0; start < rows.length; start += HEADER_READS_AT_ONCE) {
    const chunk = rows.slice(start, start + HEADER_READS_AT_ONCE);
    sections.push(...(await Promise.all(chunk.map(async (row) => [row.id, await readHeaderSection(host.rawDirectory, row).catch(() => '')] as const))));
  }
  const insert = host.database.prepare(
    'insert or ignore into message_headers (message_id, headers) select ?, ? where exists (select 1 from messages where id = ?)',
  );
  host.database.transaction(() => sections.forEach(([id, headers]) => insert.run(id, headers, id))).immediate();
}

/**
 * Makes a search of `text` able to see every message's headers: when it compares a header the list
 * columns do not hold, the header sections not stored yet (mail from before rules, imports) are read
 * and stored first, a chunk at a time. A query without such a header costs nothing.
 */
export async function storeMissingHeaderSections(host: RuleHost, text: string): Promise<void> {
  const parsed = parseSearchQuery(text);
  if (!parsed.ok || !needsHeaderSection(parsed.query)) return;
  const missing = host.database.prepare<[number], number>(
    'select id from messages where id not in (select message_id from message_headers) order by id limit ?',
  );
  for (let ids = missing.pluck().all(HEADER_FILL_CHUNK); ids.length > 0; ids = missing.pluck().all(HEADER_FILL_CHUNK)) {
    await storeHeaderSections(host, ids);
  }
}

/** The folder an action names, in the message's account, else in Local Folders; null when there is none. */
function actionFolder(database: SqliteDatabase, accountId: string | null, name: string): number | null {
  const named = foldersNamedSql(name);
  const rows = database
    .prepare<string[], { id: number; account_id: string | null }>(`select id, account_id from folders where id in (${named.sql})`)
    .all(...named.parameters);
  return (rows.find((row) => row.account_id === accountId) ?? rows.find((row) => row.account_id === null))?.id ?? null;
}

/** How the planned or real actions touch the store. */
interface Effects {
  /** Raw files prepared for copies of large messages, by message id. */
  readonly copies: ReadonlyMap<number, string>;
  readonly now: number;
}

/** Applies one action of rule `rule` to messages (in the caller's transaction); returns what could not be done. */
function applyAction(database: SqliteDatabase, rule: string, action: RuleAction, ids: readonly number[], effects: Effects): ActionProblem[] {
  if (action.kind === 'reply' || action.kind === 'forward') return recordRuleAnswers(database, rule, action, ids, effects.now).map(worded);
  const problems: ActionProblem[] = [];
  const byAccount = new Map<string | null, Array<{ id: number; rawFile: string | null }>>();
  const row = database.prepare<[number], { account_id: string | null; raw_file: string | null }>('select account_id, raw_file from messages where id = ?');
  for (const id of ids) {
    const found = row.get(id);
    if (found === undefined) continue;
    byAccount.set(found.account_id, [...(byAccount.get(found.account_id) ?? []), { id, rawFile: found.raw_file }]);
  }
  const move = database.prepare('update messages set folder_id = ? where id = ?');
  const verdict = database.prepare(
    `insert into message_junk (message_id, verdict, source, score, updated_at) values (?, ?, 'rule', null, ?)
       on conflict (message_id) do update set verdict = excluded.verdict, source = excluded.source, score = null, updated_at = excluded.updated_at`,
  );
  for (const [accountId, messages] of byAccount) {
    switch (action.kind) {
      case 'move':
      case 'copy': {
        const folderId = actionFolder(database, accountId, action.folder);
        if (folderId === null) {
          problems.push(worded({ id: 'cli.rules.problem.noFolder', values: { folder: action.folder, kind: action.kind } }));
          break;
        }
        for (const message of messages) {
          if (action.kind === 'move') move.run(folderId, message.id);
          else {
            const file = message.rawFile === null ? null : effects.copies.get(message.id);
            if (file === undefined) problems.push(worded({ id: 'cli.rules.problem.notCopied', values: { id: String(message.id) } }));
            else insertCopy(database, message.id, folderId, file);
          }
        }
        break;
      }
      case 'mark-read':
      case 'flag': {
        const update = database.prepare(`update messages set ${action.kind === 'flag' ? 'flagged' : 'seen'} = 1 where id = ?`);
        for (const message of messages) update.run(message.id);
        break;
      }
      case 'delete':
      case 'junk': {
        if (accountId === null) {
          problems.push(worded({ id: 'cli.rules.problem.noAccountFolder' }));
          break;
        }
        const folderId = folderIdForRole(database, accountId, action.kind === 'delete' ? 'trash' : 'junk');
        for (const message of messages) {
          move.run(folderId, message.id);
          if (action.kind === 'junk') verdict.run(message.id, 'junk', effects.now);
        }
        break;
      }
      case 'not-junk':
        for (const message of messages) verdict.run(message.id, 'ham', effects.now);
        break;
      case 'tag':
        setMessageTag(
          database,
          messages.map((message) => message.id),
          action.tag,
          true,
        );
        break;
      case 'server':
        // Decided on the server's copy before download (server rules); nothing to do to stored mail.
        break;
    }
  }
  return problems;
}

/** Whether an action takes the message out of the reach of later rules. */
function endsRules(action: RuleAction): boolean {
  return action.kind === 'move' || action.kind === 'delete' || action.kind === 'junk';
}

/** Runs rules over messages in order (in the caller's transaction). */
function runRules(database: SqliteDatabase, rules: readonly Rule[], ids: readonly number[], effects: Effects): RulesReport {
  let remaining = [...ids];
  const applied: RuleApplication[] = [];
  const problems: ActionProblem[] = [];
  for (const rule of rules) {
    if (remaining.length === 0) break;
    const matched = matchRule(database, rule, remaining, effects.now);
    if (matched.length === 0) continue;
    for (const action of rule.actions) {
      problems.push(...applyAction(database, rule.name, action, matched, effects));
      applied.push({ rule: rule.name, action, messageIds: matched });
    }
    if (rule.stop || rule.actions.some(endsRules)) {
      const done = new Set(matched);
      remaining = remaining.filter((id) => !done.has(id));
    }
  }
  const problemWords = problems.flatMap((problem) => (problem.words === undefined ? [] : [problem.words]));
  return { messages: ids.length, applied, problems: problems.map((problem) => problem.text), problemWords, junk: [] };
}

/** What rules would do, found by running them in a transaction that is rolled back. */
function plan(database: SqliteDatabase, rules: readonly Rule[], ids: readonly number[], now: number): RulesReport {
  try {
    database
      .transaction(() => {
        const copies = new Map(ids.map((id) => [id, `${PLANNED_COPY_FILE}-${id}`] as const));
        throw new Planned(runRules(database, rules, ids, { copies, now }));
      })
      .immediate();
  } catch (error) {
    if (error instanceof Planned) return error.report;
    throw error;
  }
  throw new Error('A planning run cannot commit.');
}

/** Files for the copies of large messages that the planned run copies. */
async function prepareCopies(host: RuleHost, planned: RulesReport): Promise<Map<number, string>> {
  const copied = [...new Set(planned.applied.filter((entry) => entry.action.kind === 'copy').flatMap((entry) => entry.messageIds))];
  const files = new Map<number, string>();
  if (copied.length === 0) return files;
  const rows = host.database
    .prepare<[string], { id: number; raw_file: string }>(
      'select id, raw_file from messages where id in (select value from json_each(?)) and raw_file is not null',
    )
    .all(JSON.stringify(copied));
  for (const row of rows) files.set(row.id, await copyRawFile(host.rawDirectory, row.raw_file));
  if (files.size > 0) await syncDirectory(path.join(host.rawDirectory, LARGE_FOLDER));
  return files;
}

async function removeFiles(host: RuleHost, files: ReadonlyMap<number, string>): Promise<void> {
  for (const file of files.values()) await fs.rm(path.join(host.rawDirectory, file), { force: true });
}

/** Runs `write` (a transaction) with the copies it needs prepared, removing the unused ones. */
async function withCopies(host: RuleHost, planned: RulesReport, write: (copies: ReadonlyMap<number, string>) => RulesReport): Promise<RulesReport> {
  const copies = await prepareCopies(host, planned);
  try {
    return write(copies);
  } catch (error) {
    await removeFiles(host, copies);
    throw error;
  }
}

/** The rules that are on and act on stored mail (server rules are decided before download). */
function clientRules(database: SqliteDatabase): Rule[] {
  return listRules(database).filter((rule) => rule.enabled && !isServerRule(rule));
}

/** Whether any rule acts on stored mail (else filtering new mail is only emptying its waiting list). */
export function hasClientRules(database: SqliteDatabase): boolean {
  return clientRules(database).length > 0;
}

/**
 * Filters new mail: every message waiting in `rules_pending` (with rules: once its full-text index is
 * written, so word conditions see it) is first judged by the junk filter — junk goes to its account's
 * Junk folder and no further — and the rest goes through the rules. The junk verdicts, the rules'
 * actions, the removal from the waiting list and the `rules_ran` record commit in one transaction.
 */
export async function filterNewMail(host: RuleHost, now = Date.now()): Promise<RulesReport> {
  const { database } = host;
  const rules = clientRules(database);
  const pendingSql = `select p.message_id from rules_pending p join messages m on m.id = p.message_id
    where ${rules.length === 0 ? '1' : 'm.indexed_at is not null'} order by p.message_id`;
  const waiting = database.prepare<[], number>(pendingSql).pluck().all();
  if (waiting.length === 0) return { messages: 0, applied: [], problems: [], junk: [] };
  // The header sections serve the server's junk verdict and `header:` conditions.
  await storeHeaderSections(host, waiting);
  const judgement = await judgeNewMail(host, waiting);
  const clean = waiting.filter((id) => !judgement.junk.has(id));
  const planned = rules.length === 0 ? { messages: 0, applied: [], problems: [], junk: [] } : plan(database, rules, clean, now);
  return withCopies(host, planned, (copies) =>
    database
      .transaction(() => {
        // Read again inside the transaction: another run may have filtered some meanwhile.
        const pending = new Set(database.prepare<[], number>(pendingSql).pluck().all());
        const ids = waiting.filter((id) => pending.has(id));
        const junk = applyJunkJudgement(database, judgement, ids, now);
        const junkSet = new Set(junk);
        const report = runRules(
          database,
          rules,
          ids.filter((id) => !junkSet.has(id) && !judgement.junk.has(id)),
          { copies, now },
        );
        const done = JSON.stringify(ids);
        database.prepare('delete from rules_pending where message_id in (select value from json_each(?))').run(done);
        database.prepare('insert or ignore into rules_ran (message_id, ran_at) select value, ? from json_each(?)').run(now, done);
        return { ...report, messages: ids.length, junk };
      })
      .immediate(),
  );
}

/**
 * One rule on every message of a folder, by hand: `dryRun` answers what it would do (a preview like
 * "12 messages would be moved") without changing anything.
 */
export async function runRuleOnFolder(host: RuleHost, rule: Rule, folderId: number, options: { dryRun?: boolean; now?: number } = {}): Promise<RulesReport> {
  const { database } = host;
  const now = options.now ?? Date.now();
  const ids = database.prepare<[number], number>('select id from messages where folder_id = ? order by id').pluck().all(folderId);
  // A reply reads the sender and the signs of automatic mail from the header section.
  if (needsHeaderSection(parsedQuery(rule)) || rule.actions.some((action) => action.kind === 'reply')) await storeHeaderSections(host, ids);
  const planned = plan(database, [rule], ids, now);
  if (options.dryRun === true) return planned;
  return withCopies(host, planned, (copies) => database.transaction(() => runRules(database, [rule], ids, { copies, now })).immediate());
}
