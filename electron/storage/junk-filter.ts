/**
 * The junk filter in the store: the learning filter's counts (junk-bayes.ts) kept in the profile,
 * trained by the user's Mark as junk / Not junk (a verdict changed takes the earlier training back),
 * and the verdict on new mail: the server's own verdict headers are trusted, the people the user has
 * written to are never junk, and the rest is scored. Junk goes to its account's Junk folder; the
 * server's copy is never touched because of a local guess.
 */
import PostalMime from 'postal-mime';
import { wordedError } from '../../shared/error-words';
import type { SqliteDatabase } from './database';
import { folderIdForRole } from './folders';
import { JUNK_THRESHOLD, junkScore, junkTokens, type JunkCorpus, type TokenCounts } from './junk-bayes';
import { RAW_ROW_SELECT, rawSourceOfRow, type RawRow } from './message-index';
import { openRawSource } from './raw-read';
import { headerValues } from './rule-functions';
import { addressBookKeys } from './contacts';

/** junk or ham (not junk), as stored in message_junk. */
export type JunkVerdict = 'junk' | 'ham';

/** Bytes of a message read to judge it (its beginning says enough; a huge attachment is not read). */
const MAX_JUDGED_BYTES = 256 * 1024;
/** Tokens looked up in one statement. */
const TOKENS_PER_QUERY = 500;

/** Where the store keeps raw mail, and its database. */
export interface JunkHost {
  readonly database: SqliteDatabase;
  readonly rawDirectory: string;
}

async function readBeginning(rawRoot: string, row: RawRow): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of openRawSource(rawSourceOfRow(rawRoot, row))) {
    const buffer = chunk as Buffer;
    chunks.push(buffer);
    size += buffer.length;
    if (size >= MAX_JUDGED_BYTES) break;
  }
  return Buffer.concat(chunks).subarray(0, MAX_JUDGED_BYTES);
}

/** The tokens of stored messages, by id (read and parsed outside any transaction). */
export async function messageTokens(host: JunkHost, ids: readonly number[]): Promise<Map<number, string[]>> {
  const rows = host.database.prepare<[string], RawRow>(`${RAW_ROW_SELECT} where m.id in (select value from json_each(?))`).all(JSON.stringify(ids));
  const tokens = new Map<number, string[]>();
  for (const row of rows) {
    const raw = await readBeginning(host.rawDirectory, row).catch(() => Buffer.alloc(0));
    const email = await PostalMime.parse(raw, { maxNestingDepth: 8 }).catch(() => null);
    const html = (email?.html ?? '').replace(/<[^>]*>/g, ' ');
    tokens.set(
      row.id,
      junkTokens({
        subject: email?.subject ?? '',
        from: email?.from?.address ?? '',
        text: `${email?.text ?? ''} ${html}`,
        headers: (email?.headers ?? []).map((header) => ({ name: header.key, value: header.value })),
      }),
    );
  }
  return tokens;
}

/** The training counts of the tokens asked for, read in a few statements (for scoring a batch). */
function storedCorpus(database: SqliteDatabase, tokens: Iterable<string>): JunkCorpus {
  const totals = database
    .prepare<[], { junk_messages: number; ham_messages: number }>('select junk_messages, ham_messages from junk_training where id = 1')
    .get() ?? { junk_messages: 0, ham_messages: 0 };
  const counts = new Map<string, TokenCounts>();
  const all = [...new Set(tokens)];
  const read = database.prepare<[string], { token: string; junk: number; ham: number }>(
    'select token, junk, ham from junk_tokens where token in (select value from json_each(?))',
  );
  for (let start = 0; start < all.length; start += TOKENS_PER_QUERY) {
    for (const row of read.all(JSON.stringify(all.slice(start, start + TOKENS_PER_QUERY)))) counts.set(row.token, { junk: row.junk, ham: row.ham });
  }
  return { junkMessages: totals.junk_messages, hamMessages: totals.ham_messages, counts: (token) => counts.get(token) };
}

/** Whether the filter has learnt both kinds of mail (before, it scores nothing). */
export function junkFilterTrained(database: SqliteDatabase): boolean {
  return database.prepare('select 1 from junk_training where id = 1 and junk_messages > 0 and ham_messages > 0').get() !== undefined;
}

/** Counts (or, with `times` -1, takes back) one message's tokens as junk or good mail (in the caller's transaction). */
function train(database: SqliteDatabase, tokens: readonly string[], verdict: JunkVerdict, times: 1 | -1): void {
  const column = verdict === 'junk' ? 'junk' : 'ham';
  database.prepare(`update junk_training set ${column}_messages = max(0, ${column}_messages + ?) where id = 1`).run(times);
  const insert = database.prepare('insert or ignore into junk_tokens (token) values (?)');
  const update = database.prepare(`update junk_tokens set ${column} = max(0, ${column} + ?) where token = ?`);
  for (const token of tokens) {
    insert.run(token);
    update.run(times, token);
  }
}

/** What marking did: the messages whose verdict was recorded, and those moved. */
export interface JunkMarking {
  readonly marked: number;
  readonly moved: number;
}

/**
 * The user's verdict on messages: recorded, learnt by the filter (an earlier, different training of the
 * same message taken back first) and, with `move`, filed: junk to its account's Junk folder, good mail
 * found in Junk back to the Inbox. One transaction.
 */
export async function judgeJunk(
  host: JunkHost,
  ids: readonly number[],
  verdict: JunkVerdict,
  options: { move?: boolean; now?: number } = {},
): Promise<JunkMarking> {
  const { database } = host;
  const exists = database.prepare('select 1 from messages where id = ?');
  const missing = ids.find((id) => exists.get(id) === undefined);
  if (missing !== undefined) throw wordedError('NOT_FOUND', { id: 'storageError.noMessage', values: { id: String(missing) } });
  const tokens = await messageTokens(host, ids);
  const now = options.now ?? Date.now();
  const find = database.prepare<[number], { account_id: string | null; role: string | null; trained: string | null }>(
    `select m.account_id, f.role, j.trained from messages m join folders f on f.id = m.folder_id left join message_junk j on j.message_id = m.id where m.id = ?`,
  );
  const record = database.prepare(
    `insert into message_junk (message_id, verdict, source, score, trained, updated_at) values (?, ?, 'user', null, ?, ?)
       on conflict (message_id) do update set verdict = excluded.verdict, source = 'user', score = null, trained = excluded.trained, updated_at = excluded.updated_at`,
  );
  const move = database.prepare('update messages set folder_id = ? where id = ?');
  return database
    .transaction(() => {
      let moved = 0;
      let marked = 0;
      for (const id of ids) {
        const message = find.get(id);
        if (message === undefined) continue;
        const own = tokens.get(id) ?? [];
        if (message.trained !== verdict) {
          if (message.trained === 'junk' || message.trained === 'ham') train(database, own, message.trained, -1);
          train(database, own, verdict, 1);
        }
        record.run(id, verdict, verdict, now);
        marked += 1;
        if (options.move === false || message.account_id === null) continue;
        if (verdict === 'junk' && message.role !== 'junk') moved += move.run(folderIdForRole(database, message.account_id, 'junk'), id).changes;
        else if (verdict === 'ham' && message.role === 'junk') moved += move.run(folderIdForRole(database, message.account_id, 'inbox'), id).changes;
      }
      return { marked, moved };
    })
    .immediate();
}

/** The names of the fields that carry a server's verdict, anywhere in a header section (a field name is never folded). */
const VERDICT_FIELD_NAME = /x-spam-flag|x-spam-status|authentication-results/i;

/**
 * The server's verdict in a header section: SpamAssassin's X-Spam-Flag: YES or X-Spam-Status: Yes, or
 * an Authentication-Results saying DMARC failed (RFC 8601 §2.7.1 result names; RFC 7489 §11.2).
 */
export function serverSaysJunk(headers: string): boolean {
  // Most mail carries none of these fields: it is judged without reading its header section field by field.
  if (!VERDICT_FIELD_NAME.test(headers)) return false;
  if (headerValues(headers, 'x-spam-flag').some((value) => /^yes\b/i.test(value))) return true;
  if (headerValues(headers, 'x-spam-status').some((value) => /^yes\b/i.test(value))) return true;
  return headerValues(headers, 'authentication-results').some((value) => /\bdmarc\s*=\s*fail\b/i.test(value));
}

/** The addresses the user has written to (the To and Cc of mail in Sent folders), lower case. */
function writtenTo(database: SqliteDatabase): Set<string> {
  const rows = database
    .prepare<[], string>(
      `select distinct lower(json_extract(a.value, '$.address')) from messages m join folders f on f.id = m.folder_id,
         json_each(case when json_valid(m.to_addresses) then m.to_addresses else '[]' end) a where f.role = 'sent'
       union
       select distinct lower(json_extract(a.value, '$.address')) from messages m join folders f on f.id = m.folder_id,
         json_each(case when json_valid(m.cc_addresses) then m.cc_addresses else '[]' end) a where f.role = 'sent'`,
    )
    .pluck()
    .all();
  return new Set(rows.filter((address): address is string => typeof address === 'string'));
}

/** What the filter decided about new messages, prepared before the transaction that applies it. */
export interface JunkJudgement {
  readonly junk: ReadonlyMap<number, { readonly score: number | null; readonly source: 'filter' | 'server' }>;
  readonly scores: ReadonlyMap<number, number>;
}

/**
 * Judges new messages (their header sections stored): the server's verdict first, then the learnt
 * score when the filter is trained; a sender the user has written to, or one in the address book
 * (either book), is never junk.
 */
export async function judgeNewMail(host: JunkHost, ids: readonly number[]): Promise<JunkJudgement> {
  const { database } = host;
  const junk = new Map<number, { score: number | null; source: 'filter' | 'server' }>();
  const scores = new Map<number, number>();
  if (ids.length === 0) return { junk, scores };
  const friends = new Set([...writtenTo(database), ...addressBookKeys(database)]);
  const rows = database
    .prepare<[string], { id: number; from_address: string | null; headers: string | null }>(
      `select m.id, m.from_address, h.headers from messages m left join message_headers h on h.message_id = m.id where m.id in (select value from json_each(?))`,
    )
    .all(JSON.stringify(ids));
  const strangers = rows.filter((row) => row.from_address === null || !friends.has(row.from_address.toLowerCase()));
  for (const row of strangers) if (row.headers !== null && serverSaysJunk(row.headers)) junk.set(row.id, { score: null, source: 'server' });
  if (!junkFilterTrained(database)) return { junk, scores };
  const tokens = await messageTokens(
    host,
    strangers.filter((row) => !junk.has(row.id)).map((row) => row.id),
  );
  const corpus = storedCorpus(database, [...tokens.values()].flat());
  for (const [id, own] of tokens) {
    const score = junkScore(corpus, own);
    scores.set(id, score);
    if (score >= JUNK_THRESHOLD) junk.set(id, { score, source: 'filter' });
  }
  return { junk, scores };
}

/**
 * Applies a judgement to those of `ids` it covers (in the caller's transaction): scores recorded, junk
 * filed in its account's Junk folder. Returns the junk messages.
 */
export function applyJunkJudgement(database: SqliteDatabase, judgement: JunkJudgement, ids: readonly number[], now: number): number[] {
  const wanted = new Set(ids);
  const record = database.prepare(
    `insert into message_junk (message_id, verdict, source, score, trained, updated_at) values (?, ?, ?, ?, null, ?)
       on conflict (message_id) do nothing`,
  );
  const place = database.prepare<[number], { account_id: string | null }>('select account_id from messages where id = ?');
  const move = database.prepare('update messages set folder_id = ? where id = ?');
  for (const [id, score] of judgement.scores) if (wanted.has(id) && !judgement.junk.has(id)) record.run(id, 'ham', 'filter', score, now);
  for (const [id, verdict] of judgement.junk) {
    if (!wanted.has(id)) continue;
    // A verdict already there (the user's) is kept: the filter never overrules the user.
    if (record.run(id, 'junk', verdict.source, verdict.score, now).changes === 0) continue;
    const accountId = place.get(id)?.account_id;
    if (accountId === null || accountId === undefined) continue;
    move.run(folderIdForRole(database, accountId, 'junk'), id);
  }
  return [...judgement.junk.keys()].filter((id) => wanted.has(id)).sort((a, b) => a - b);
}
