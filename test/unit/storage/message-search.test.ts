/**
 * The search language against a real store: every operator alone and combined, bidi and CJK names and
 * subjects, date and relevance order with totals and pages, and a fuzz run showing that no input ever
 * reaches SQLite or FTS5 as syntax.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNT, foundIds, inlineParser, mail, openTestStore } from './store-fixture';
import type { MessageStore } from '../../../electron/storage/message-store';
import { applyParseResults } from '../../../electron/storage/message-index';
import { folderIdForRole } from '../../../electron/storage/folders';
import { attachmentMessage } from '../../support/attachment-message';

function withAttachment(options: { subject: string; from: string; to: string; date: string; fileName: string; body: string }): Buffer {
  return attachmentMessage({
    head: [
      `From: ${options.from}`,
      `To: ${options.to}`,
      `Subject: ${options.subject}`,
      `Date: ${options.date}`,
      `Message-ID: <${options.fileName.replace(/\W+/g, '.')}@example.com>`,
      'MIME-Version: 1.0',
    ],
    text: options.body,
    fileName: options.fileName,
    contentType: 'application/octet-stream',
    content: 'attachment bytes',
  });
}

/** Noon UTC, so the day is the same in every time zone a test machine may have. */
const MARCH_14 = 'Sat, 14 Mar 2026 12:00:00 +0000';
const MARCH_10 = 'Tue, 10 Mar 2026 12:00:00 +0000';
const FEBRUARY_1 = 'Sun, 1 Feb 2026 12:00:00 +0000';

interface Filled {
  readonly store: MessageStore;
  readonly close: () => void;
  readonly budget: number;
  readonly arabic: number;
  readonly lunch: number;
  readonly sent: number;
  readonly project: number;
}

async function filled(): Promise<Filled> {
  const { database, store } = await openTestStore();
  const add = async (source: Buffer, folder: 'inbox' | 'sent', uidl: string): Promise<number> => {
    const outcome = await store.addMessage({ accountId: ACCOUNT, folder, pop: { uidl, state: 'downloaded' } }, source);
    assert.ok(outcome.status === 'stored');
    return outcome.messageId;
  };
  const budget = await add(
    withAttachment({
      subject: 'Quarterly budget review',
      from: 'Anna Smith <anna@example.com>',
      to: 'Bob <bob@example.com>',
      date: MARCH_14,
      fileName: 'Q1 Révision report.pdf',
      body: 'Crème brûlée at the offsite. The budget figures are attached.',
    }),
    'inbox',
    'S1',
  );
  const arabic = await add(
    mail({
      subject: '本日の会議資料を送ります',
      from: '"\u202Bأحمد علي\u202C" <ahmad@example.org>',
      to: 'anna@example.com',
      date: MARCH_10,
      body: 'A budget draft for the meeting.',
    }),
    'inbox',
    'S2',
  );
  const lunch = await add(
    mail({
      subject: 'Lunch',
      from: 'Bob <bob@example.com>',
      to: 'Zoë <zoe@example.net>',
      date: FEBRUARY_1,
      body: `Noodle place?\r\n${'filler text line\r\n'.repeat(20_000)}`,
      extraHeaders: ['Cc: Anna Smith <anna@example.com>'],
    }),
    'inbox',
    'S3',
  );
  const sent = await add(
    mail({ subject: 'Budget sent copy', from: 'Ann <ann@example.com>', to: 'Dave <dave@example.com>', date: MARCH_10, body: 'Sent from here.' }),
    'sent',
    'S4',
  );
  const project = await add(
    mail({
      subject: 'Project 李明 notes',
      from: '李明 <liming@example.cn>',
      to: 'bob@example.com',
      date: MARCH_14,
      body: 'budget budget budget in the text only',
    }),
    'inbox',
    'S5',
  );
  await store.indexPending(inlineParser);
  store.setFlags([budget], { seen: true });
  store.setFlags([lunch], { flagged: true });
  return { store, close: () => database.close(), budget, arabic, lunch, sent, project };
}

test('words, phrases, prefixes and accents', async () => {
  const mailbox = await filled();
  const { store } = mailbox;
  assert.deepEqual(foundIds(store, 'budget'), [mailbox.project, mailbox.budget, mailbox.sent, mailbox.arabic], 'newest first by date, then latest arrival');
  assert.deepEqual(foundIds(store, 'creme brulee'), [mailbox.budget], 'accents are folded');
  assert.deepEqual(foundIds(store, 'offs'), [mailbox.budget], 'the last word is a prefix');
  assert.deepEqual(foundIds(store, 'offs figures'), [], 'other words are whole words');
  assert.deepEqual(foundIds(store, '"budget figures"'), [mailbox.budget]);
  assert.deepEqual(foundIds(store, '"figures budget"'), [], 'a phrase keeps its order');
  assert.deepEqual(foundIds(store, '"budget figur"'), [], 'a phrase is never a prefix');
  assert.deepEqual(foundIds(store, '会議資料'), [mailbox.arabic]);
  mailbox.close();
});

test('from, to and cc are told apart, with right-to-left and CJK names', async () => {
  const mailbox = await filled();
  const { store } = mailbox;
  assert.deepEqual(foundIds(store, 'from:anna'), [mailbox.budget]);
  assert.deepEqual(foundIds(store, 'to:anna'), [mailbox.arabic]);
  assert.deepEqual(foundIds(store, 'cc:anna'), [mailbox.lunch]);
  assert.deepEqual(foundIds(store, 'from:"Anna Smith"'), [mailbox.budget]);
  assert.deepEqual(foundIds(store, 'from:"Anna Bob"'), []);
  assert.deepEqual(foundIds(store, 'from:an'), [mailbox.budget, mailbox.sent], 'prefix while typing (Anna, Ann)');
  assert.deepEqual(foundIds(store, 'from:أحمد'), [mailbox.arabic], 'an Arabic name inside direction marks');
  assert.deepEqual(foundIds(store, 'to:zoe'), [mailbox.lunch], 'accents folded in names');
  assert.deepEqual(foundIds(store, 'from:李明'), [mailbox.project]);
  assert.deepEqual(foundIds(store, 'from:明'), [mailbox.project], 'a CJK character inside a name');
  assert.deepEqual(foundIds(store, 'from:example.org'), [mailbox.arabic], 'the address as well as the name');
  mailbox.close();
});

test('subject, filename and has:attachment', async () => {
  const mailbox = await filled();
  const { store } = mailbox;
  assert.deepEqual(foundIds(store, 'subject:budget'), [mailbox.budget, mailbox.sent], 'not the messages with budget only in the text');
  assert.deepEqual(foundIds(store, 'subject:会議'), [mailbox.arabic], 'a CJK word from the middle of a subject');
  assert.deepEqual(foundIds(store, 'subject:李明'), [mailbox.project]);
  assert.deepEqual(foundIds(store, 'subject:会議 -from:ahmad'), []);
  assert.deepEqual(foundIds(store, 'filename:pdf'), [mailbox.budget]);
  assert.deepEqual(foundIds(store, 'filename:revision'), [mailbox.budget], 'any part of the name, accents folded');
  assert.deepEqual(foundIds(store, 'filename:"q1 révision"'), [mailbox.budget]);
  assert.deepEqual(foundIds(store, 'filename:Q1'), [mailbox.budget], 'two characters');
  assert.deepEqual(foundIds(store, 'filename:xlsx'), []);
  assert.deepEqual(foundIds(store, 'has:attachment'), [mailbox.budget]);
  assert.deepEqual(foundIds(store, '-has:attachment budget'), [mailbox.project, mailbox.sent, mailbox.arabic]);
  mailbox.close();
});

test('flags, folders, dates and sizes', async () => {
  const mailbox = await filled();
  const { store } = mailbox;
  assert.deepEqual(foundIds(store, 'is:read'), [mailbox.budget]);
  assert.deepEqual(foundIds(store, 'is:unread budget'), [mailbox.project, mailbox.sent, mailbox.arabic]);
  assert.deepEqual(foundIds(store, 'is:flagged'), [mailbox.lunch]);
  assert.deepEqual(foundIds(store, 'in:sent'), [mailbox.sent]);
  assert.deepEqual(foundIds(store, 'in:Sent budget'), [mailbox.sent]);
  assert.deepEqual(foundIds(store, 'budget -in:inbox'), [mailbox.sent]);
  assert.deepEqual(foundIds(store, 'in:"No such folder"'), []);
  assert.deepEqual(
    foundIds(store, 'on:2026-03-14'),
    [mailbox.budget, mailbox.project].sort((a, b) => b - a),
  );
  assert.deepEqual(
    foundIds(store, 'on:14.3.2026', { locale: 'de-DE' }),
    [mailbox.budget, mailbox.project].sort((a, b) => b - a),
  );
  assert.deepEqual(
    foundIds(store, 'on:3/14/2026', { locale: 'en-US' }),
    [mailbox.budget, mailbox.project].sort((a, b) => b - a),
  );
  assert.deepEqual(foundIds(store, 'before:2026-03-10'), [mailbox.lunch], 'before is earlier than the day');
  assert.deepEqual(foundIds(store, 'after:2026-03-10 budget'), [mailbox.project, mailbox.budget, mailbox.sent, mailbox.arabic], 'after includes the day');
  assert.deepEqual(
    foundIds(store, 'after:2026-03-11 before:2026-03-15'),
    [mailbox.budget, mailbox.project].sort((a, b) => b - a),
  );
  assert.deepEqual(foundIds(store, 'larger:100K'), [mailbox.lunch]);
  assert.deepEqual(foundIds(store, 'smaller:100K is:flagged'), []);
  mailbox.close();
});

test('the list’s quick filters join a search as flag terms, around the whole query', async () => {
  const mailbox = await filled();
  const { store } = mailbox;
  assert.deepEqual(foundIds(store, 'budget', { filters: ['unread'] }), foundIds(store, 'budget is:unread'));
  assert.deepEqual(foundIds(store, 'budget', { filters: ['attachment'] }), [mailbox.budget]);
  assert.deepEqual(foundIds(store, 'budget', { filters: ['unread', 'attachment'] }), [], 'the budget review is read');
  assert.deepEqual(foundIds(store, 'lunch OR budget', { filters: ['flagged'] }), [mailbox.lunch], 'OR stays inside the query');
  assert.deepEqual(foundIds(store, 'budget', { filters: ['unread'], sort: 'relevance' }).sort(), foundIds(store, 'budget is:unread').sort());
  mailbox.close();
});

test('OR, NOT and parentheses combine every kind of term', async () => {
  const mailbox = await filled();
  const { store } = mailbox;
  assert.deepEqual(foundIds(store, 'from:ann OR from:bob'), [mailbox.sent, mailbox.lunch], 'ann is a whole word here: not Anna');
  assert.deepEqual(foundIds(store, 'noodle OR 会議資料'), [mailbox.arabic, mailbox.lunch]);
  assert.deepEqual(foundIds(store, '(noodle OR offsite) -is:flagged'), [mailbox.budget]);
  assert.deepEqual(foundIds(store, 'budget -subject:budget'), [mailbox.project, mailbox.arabic]);
  assert.deepEqual(foundIds(store, '-budget'), [mailbox.lunch], 'NOT alone');
  assert.deepEqual(foundIds(store, '-(budget OR lunch)'), []);
  assert.deepEqual(foundIds(store, 'budget -"budget figures" -meeting'), [mailbox.project, mailbox.sent]);
  assert.deepEqual(foundIds(store, '(in:sent OR is:flagged) (budget OR noodle)'), [mailbox.sent, mailbox.lunch]);
  mailbox.close();
});

test('results sorted by relevance, with totals and pages', async () => {
  const mailbox = await filled();
  const { store } = mailbox;
  const relevant = foundIds(store, 'budget', { sort: 'relevance' });
  assert.deepEqual(new Set(relevant), new Set([mailbox.budget, mailbox.project, mailbox.sent, mailbox.arabic]));
  assert.ok(relevant.indexOf(mailbox.arabic) > relevant.indexOf(mailbox.budget), 'budget in the subject ranks above budget once in the text');
  assert.ok(relevant.indexOf(mailbox.arabic) > relevant.indexOf(mailbox.sent));
  const page = store.search('budget', { offset: 1, limit: 2 });
  assert.ok(page.ok);
  assert.equal(page.total, 4);
  assert.deepEqual(
    page.messages.map((message) => message.id),
    [mailbox.budget, mailbox.sent],
  );
  const filtered = store.search('budget is:unread', { limit: 1 });
  assert.ok(filtered.ok);
  assert.equal(filtered.total, 3);
  assert.equal(filtered.messages.length, 1);
  const sent = store.listFolders(ACCOUNT).find((folder) => folder.role === 'sent');
  assert.deepEqual(foundIds(store, 'budget', { folderIds: [sent?.id ?? -1] }), [mailbox.sent]);
  assert.deepEqual(foundIds(store, 'budget', { accountId: 'another' }), []);
  assert.deepEqual(store.search('budget "open'), {
    ok: false,
    error: { position: 7, message: 'Missing closing quote', problem: { id: 'search.problem.missingQuote', values: {} } },
  });
  mailbox.close();
});

test('field indexes follow rebuild-index and deletion', async () => {
  const mailbox = await filled();
  const { store } = mailbox;
  const rows = (table: string): number => store.database.prepare<[], { count: number }>(`select count(*) as count from ${table}`).get()?.count ?? -1;
  assert.equal(rows('message_from_search'), 5);
  assert.equal(rows('attachment_name_search'), 1);
  await store.rebuildIndex(inlineParser);
  assert.deepEqual(foundIds(store, 'filename:report'), [mailbox.budget]);
  assert.deepEqual(foundIds(store, 'to:anna'), [mailbox.arabic]);
  assert.equal(rows('attachment_name_search'), 1);
  await store.deleteMessagesPermanently([mailbox.budget]);
  assert.deepEqual(foundIds(store, 'filename:report'), []);
  assert.deepEqual(foundIds(store, 'from:anna'), []);
  assert.equal(rows('message_from_search'), 4);
  assert.equal(rows('message_cc_search'), 4);
  assert.equal(rows('attachment_name_search'), 0);
  mailbox.close();
});

test('no query, however random, reaches SQLite or FTS5 as syntax: it parses and runs, or is a syntax error', async () => {
  const mailbox = await filled();
  const pieces = [
    'budget',
    'a',
    'é',
    '会議',
    'أحمد',
    '\u202E',
    ' ',
    ' ',
    '"',
    '(',
    ')',
    '-',
    ':',
    '*',
    '^',
    '+',
    'NEAR',
    'NOT',
    'AND',
    'OR',
    '{',
    '}',
    "'",
    ';',
    '%',
    '_',
    '\\',
    '\0',
    '\n',
    'from:',
    'to:',
    'cc:',
    'subject:',
    'filename:',
    'has:attachment',
    'is:unread',
    'in:',
    'on:2026-03-14',
    'larger:5M',
    'smaller:1k',
    'before:',
    'x"y',
    'subject:"',
    '📎',
    'column:',
    'rowid',
    'message_search',
    '--',
    '/*',
    '*/',
  ];
  let seed = 2026;
  const next = (): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed;
  };
  let answered = 0;
  let mistakes = 0;
  for (let round = 0; round < 3_000; round += 1) {
    let text = '';
    for (let count = next() % 12; count >= 0; count -= 1) text += pieces[next() % pieces.length];
    let outcome;
    try {
      outcome = mailbox.store.search(text, { sort: round % 2 === 0 ? 'date' : 'relevance' });
    } catch (error) {
      assert.fail(`${JSON.stringify(text)} threw ${String(error)}`);
    }
    if (outcome.ok) answered += 1;
    else mistakes += 1;
  }
  assert.ok(answered > 1_000 && mistakes > 100, `${answered} answered, ${mistakes} syntax errors`);
  mailbox.close();
});

/** Messages written straight into the index (no raw bytes needed to search), `dateOf` choosing each date. */
function manyMessages(
  store: MessageStore,
  count: number,
  dateOf: (index: number) => number,
): Map<number, { date: number; common: boolean; rare: boolean; seen: boolean; carol: boolean }> {
  const database = store.database;
  const folder = folderIdForRole(database, ACCOUNT, 'inbox');
  database.prepare("insert into raw_packs (id, file_name, created_at) values (999, 'bench-pack', 1) on conflict do nothing").run();
  const insert = database.prepare(
    "insert into messages (account_id, folder_id, pack_id, pack_offset, size, sha256, received_at, sort_date) values (?, ?, 999, ?, 10, 'x', ?, ?)",
  );
  const facts = new Map<number, { date: number; common: boolean; rare: boolean; seen: boolean; carol: boolean }>();
  const results = [];
  for (let index = 0; index < count; index += 1) {
    const date = dateOf(index);
    const id = Number(insert.run(ACCOUNT, folder, index, date, date).lastInsertRowid);
    const fact = { date, common: index % 10 !== 3, rare: index % 97 === 0, seen: index % 4 === 0, carol: index % 3 === 0 };
    facts.set(id, fact);
    const words = [fact.common ? 'common' : 'other', fact.rare ? 'rare' : 'plain'].join(' ');
    results.push({
      messageId: id,
      parsed: {
        subject: `Message ${index}`,
        from: { name: 'Robot', address: 'robot@example.com' },
        to: [{ name: '', address: 'ann@example.com' }],
        cc: fact.carol ? [{ name: 'Carol', address: 'carol@example.com' }] : [],
        date,
        messageId: null,
        inReplyTo: null,
        references: [],
        text: words,
        snippet: words,
        attachments: [],
        problems: [],
      },
    });
  }
  applyParseResults(database, results);
  store.setFlags(
    [...facts].filter(([, fact]) => fact.seen).map(([id]) => id),
    { seen: true },
  );
  return facts;
}

test('many matches newest first, in order and complete, whether dates follow arrival or not', async () => {
  const MANY = 5_000;
  const DAY = 86_400_000;
  const cases: Array<[string, (index: number) => number]> = [
    ['dates follow arrival, a little shuffled', (index) => Date.UTC(2025, 0, 1) + index * 60_000 + ((index * 7919) % 13) * 120_000],
    ['dates unrelated to arrival', (index) => Date.UTC(2025, 0, 1) + ((index * 7919) % MANY) * DAY],
  ];
  for (const [name, dateOf] of cases) {
    const { database, store } = await openTestStore();
    const facts = manyMessages(store, MANY, dateOf);
    const expected = (test: (fact: { common: boolean; rare: boolean; seen: boolean; carol: boolean }) => boolean): number[] =>
      [...facts]
        .filter(([, fact]) => test(fact))
        .sort(([leftId, left], [rightId, right]) => right.date - left.date || rightId - leftId)
        .map(([id]) => id);
    const queries: Array<[string, (fact: { common: boolean; rare: boolean; seen: boolean; carol: boolean }) => boolean]> = [
      ['common', (fact) => fact.common],
      ['-common', (fact) => !fact.common],
      ['common is:unread', (fact) => fact.common && !fact.seen],
      ['common cc:carol', (fact) => fact.common && fact.carol],
      ['cc:carol -rare', (fact) => fact.carol && !fact.rare],
      ['common (rare OR is:read)', (fact) => fact.common && (fact.rare || fact.seen)],
      ['to:ann cc:carol', (fact) => fact.carol],
      ['common -cc:carol', (fact) => fact.common && !fact.carol],
    ];
    for (const [query, test] of queries) {
      const all = expected(test);
      for (const [offset, limit] of [
        [0, 50],
        [1_000, 500],
        [0, 100_000],
      ] as const) {
        const outcome = store.search(query, { offset, limit });
        assert.ok(outcome.ok, query);
        assert.equal(outcome.total, all.length, `${name}: total of ${query}`);
        assert.deepEqual(
          outcome.messages.map((message) => message.id),
          all.slice(offset, offset + limit),
          `${name}: ${query} from ${offset}`,
        );
      }
    }
    const ranked = store.search('common rare', { sort: 'relevance', limit: 10 });
    assert.ok(ranked.ok);
    assert.equal(ranked.total, expected((fact) => fact.common && fact.rare).length);
    database.close();
  }
});
