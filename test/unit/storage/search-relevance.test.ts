/**
 * Relevance order is bm25's, checked against a bm25 computed here by hand from the texts indexed (the
 * formula of SQLite's FTS5: k1 = 1.2, b = 0.75, column weights on term frequency, a row's length over
 * the average, idf floored just above 0 for words in most rows). With the ranked window lowered, the
 * newest matches come first in exactly that order (ranked with the whole index's statistics), the
 * older ones follow newest first, and every match is listed once across pages.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SqliteDatabase } from '../../../electron/storage/database';
import { searchMessages } from '../../../electron/storage/message-search';
import { twoAccountDatabase } from './store-fixture';

const MESSAGES = 80;
const WORDS = ['budget', 'lunch', 'review', 'plans', 'notes', 'draft'];
/** The weights message-search gives subject, addresses and body. */
const WEIGHTS = [10, 5, 1] as const;
const K1 = 1.2;
const B = 0.75;

let dispose: () => void;
let database: SqliteDatabase;
/** Each message's three columns, as word lists. */
const documents = new Map<number, readonly (readonly string[])[]>();

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

before(() => {
  ({ database, dispose } = twoAccountDatabase('mailbag-search-relevance-'));
  const inbox = database.prepare<[], number>("select id from folders where account_id = 'home' and role = 'inbox'").pluck().get() ?? 0;
  const next = random(11);
  const words = (count: number): string[] => Array.from({ length: count }, () => WORDS[Math.floor(next() * WORDS.length)] ?? 'mail');
  const message = database.prepare(
    `insert into messages (id, account_id, folder_id, raw_file, size, sha256, received_at, sort_date, indexed_at) values (?, 'home', ?, ?, 100, 'hash', 1, ?, 1)`,
  );
  const indexed = database.prepare('insert into message_search (rowid, subject, addresses, body) values (?, ?, ?, ?)');
  for (let id = 1; id <= MESSAGES; id += 1) {
    // Lengths and word counts vary, so scores rarely tie; the date runs against the id to tell the orders apart.
    const columns = [words(1 + Math.floor(next() * 4)), words(Math.floor(next() * 3)), words(2 + Math.floor(next() * 30))];
    documents.set(id, columns);
    message.run(id, inbox, `large/m${id}`, (MESSAGES - id) * 60_000);
    indexed.run(id, columns[0]?.join(' ') ?? '', columns[1]?.join(' ') ?? '', columns[2]?.join(' ') ?? '');
  }
});

after(() => dispose());

/** FTS5's bm25 of one word for every row that has it (more negative: better), computed from the texts. */
function bruteForceScores(word: string): Map<number, number> {
  const rows = [...documents.entries()];
  const lengths = new Map(rows.map(([id, columns]) => [id, columns.reduce((sum, column) => sum + column.length, 0)]));
  const average = [...lengths.values()].reduce((sum, value) => sum + value, 0) / rows.length;
  const hits = rows.filter(([, columns]) => columns.some((column) => column.includes(word))).length;
  const rawIdf = Math.log((rows.length - hits + 0.5) / (hits + 0.5));
  const idf = rawIdf <= 0 ? 1e-6 : rawIdf;
  const scores = new Map<number, number>();
  for (const [id, columns] of rows) {
    const frequency = columns.reduce((sum, column, index) => sum + (WEIGHTS[index] ?? 1) * column.filter((token) => token === word).length, 0);
    if (frequency === 0) continue;
    const length = lengths.get(id) ?? 0;
    scores.set(id, -idf * ((frequency * (K1 + 1)) / (frequency + K1 * (1 - B + (B * length) / average))));
  }
  return scores;
}

/** Ids in bm25 order, ties newest (highest id) first. */
function byScore(scores: ReadonlyMap<number, number>, ids: readonly number[]): number[] {
  return [...ids].sort((left, right) => (scores.get(left) ?? 0) - (scores.get(right) ?? 0) || right - left);
}

function relevancePages(word: string, pageSize: number, rankedMatches?: number): { total: number; ids: number[] } {
  const ids: number[] = [];
  let total = 0;
  for (let offset = 0; offset === 0 || offset < total; offset += pageSize) {
    const outcome = searchMessages(database, word, { sort: 'relevance', offset, limit: pageSize, ...(rankedMatches === undefined ? {} : { rankedMatches }) });
    assert.ok(outcome.ok);
    total = outcome.total;
    ids.push(...outcome.messages.map((message) => message.id));
  }
  return { total, ids };
}

test('relevance order is bm25 computed by hand, for a word in most messages and for a rarer one', () => {
  for (const word of ['budget', 'draft', 'notes']) {
    const scores = bruteForceScores(word);
    assert.ok(scores.size > 5, `${word} is in several messages`);
    const { total, ids } = relevancePages(word, 7);
    assert.equal(total, scores.size);
    assert.deepEqual(ids, byScore(scores, [...scores.keys()]), word);
  }
});

test('beyond the ranked window the newest matches are ranked exactly, the older follow newest first, each once on any page size', () => {
  const word = 'budget';
  const scores = bruteForceScores(word);
  const ranked = 20;
  const matches = [...scores.keys()].sort((left, right) => right - left);
  const expected = [...byScore(scores, matches.slice(0, ranked)), ...matches.slice(ranked)];
  for (const pageSize of [1, 6, 20, 50, 500]) {
    const { total, ids } = relevancePages(word, pageSize, ranked);
    assert.equal(total, matches.length, 'the total counts every match');
    assert.deepEqual(ids, expected, `pages of ${pageSize}`);
  }
});
