import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTranslator } from '../../../shared/i18n/catalogs';
import { describeSearchSyntaxError, MAX_SEARCH_NESTING, parseSearchQuery, type SearchNode, type SearchSyntaxError } from '../../../shared/search-query';

function parsed(text: string, locale?: string): SearchNode | null {
  const result = parseSearchQuery(text, locale === undefined ? {} : { locale });
  if (!result.ok) assert.fail(`${text}: ${result.error.message} at ${result.error.position}`);
  return result.query;
}

function failure(text: string, locale?: string): SearchSyntaxError {
  const result = parseSearchQuery(text, locale === undefined ? {} : { locale });
  if (result.ok) assert.fail(`${text} parsed: ${JSON.stringify(result.query)}`);
  return result.error;
}

const word = (text: string, prefix = false) => ({ kind: 'text', text, field: null, phrase: false, prefix });

test('words are joined by AND, and only the last word typed is a prefix', () => {
  assert.deepEqual(parsed('quarterly budget rep'), { kind: 'and', children: [word('quarterly'), word('budget'), word('rep', true)] });
  assert.deepEqual(parsed('budget  '), word('budget', true), 'trailing blanks still end on the word being typed');
  assert.deepEqual(parsed('Crème brûlée'), { kind: 'and', children: [word('Crème'), word('brûlée', true)] });
});

test('an empty query, or one of punctuation only, holds nothing to search for', () => {
  assert.deepEqual(parseSearchQuery(''), { ok: true, query: null });
  assert.deepEqual(parseSearchQuery('   '), { ok: true, query: null });
  assert.deepEqual(parseSearchQuery('* -- !!! "..."'), { ok: true, query: null });
  assert.deepEqual(parsed('budget *'), word('budget'), 'a lone star is ignored, and budget is no longer the word being typed');
});

test('a quoted phrase is exact (never a prefix) and can hold operators and parentheses as text', () => {
  assert.deepEqual(parsed('"quarterly report"'), { kind: 'text', text: 'quarterly report', field: null, phrase: true, prefix: false });
  assert.deepEqual(parsed('"from:anna (OR) -x"'), { kind: 'text', text: 'from:anna (OR) -x', field: null, phrase: true, prefix: false });
});

test('field operators take a word or a quoted value, case-insensitively', () => {
  assert.deepEqual(parsed('from:anna'), { kind: 'text', text: 'anna', field: 'from', phrase: false, prefix: true });
  assert.deepEqual(parsed('From:"Anna Smith" x'), {
    kind: 'and',
    children: [{ kind: 'text', text: 'Anna Smith', field: 'from', phrase: true, prefix: false }, word('x', true)],
  });
  for (const field of ['to', 'cc', 'subject', 'filename'] as const) {
    assert.deepEqual(parsed(`${field}:report.pdf z`), {
      kind: 'and',
      children: [{ kind: 'text', text: 'report.pdf', field, phrase: false, prefix: false }, word('z', true)],
    });
  }
});

test('flags, folders, dates and sizes', () => {
  assert.deepEqual(parsed('is:unread is:READ is:flagged is:starred has:attachment'), {
    kind: 'and',
    children: [
      { kind: 'flag', flag: 'unread' },
      { kind: 'flag', flag: 'read' },
      { kind: 'flag', flag: 'flagged' },
      { kind: 'flag', flag: 'flagged' },
      { kind: 'flag', flag: 'attachment' },
    ],
  });
  assert.deepEqual(parsed('in:Sent'), { kind: 'folder', name: 'Sent' });
  assert.deepEqual(parsed('in:"Old projects"'), { kind: 'folder', name: 'Old projects' });
  assert.deepEqual(parsed('before:2026-03-14'), { kind: 'date', relation: 'before', day: { year: 2026, month: 3, day: 14 } });
  assert.deepEqual(parsed('after:2026/3/4'), { kind: 'date', relation: 'after', day: { year: 2026, month: 3, day: 4 } });
  assert.deepEqual(parsed('larger:5M smaller:1.5MB larger:200k larger:1000'), {
    kind: 'and',
    children: [
      { kind: 'size', relation: 'larger', bytes: 5 * 1024 * 1024 },
      { kind: 'size', relation: 'smaller', bytes: 1.5 * 1024 * 1024 },
      { kind: 'size', relation: 'larger', bytes: 200 * 1024 },
      { kind: 'size', relation: 'larger', bytes: 1000 },
    ],
  });
});

test('dates in the user’s locale: month first in en-US, day first in de-DE', () => {
  assert.deepEqual(parsed('on:3/14/2026', 'en-US'), { kind: 'date', relation: 'on', day: { year: 2026, month: 3, day: 14 } });
  assert.deepEqual(parsed('on:14.3.2026', 'de-DE'), { kind: 'date', relation: 'on', day: { year: 2026, month: 3, day: 14 } });
  assert.deepEqual(parsed('on:04.03.26', 'de-DE'), { kind: 'date', relation: 'on', day: { year: 2026, month: 3, day: 4 } });
  assert.deepEqual(parsed('on:4/3/2026', 'en-US'), { kind: 'date', relation: 'on', day: { year: 2026, month: 4, day: 3 } });
  assert.deepEqual(parsed('on:4/3/2026', 'en-GB'), { kind: 'date', relation: 'on', day: { year: 2026, month: 3, day: 4 } });
  assert.deepEqual(parsed('on:2026-03-14', 'de-DE'), { kind: 'date', relation: 'on', day: { year: 2026, month: 3, day: 14 } }, 'ISO works in every locale');
  assert.deepEqual(
    parsed('on:3/14/2026', 'no-such-LOCALE-at-all'),
    { kind: 'date', relation: 'on', day: { year: 2026, month: 3, day: 14 } },
    'an unknown locale reads en-US',
  );
  const german = failure('on:3/14/2026', 'de-DE');
  assert.match(german.message, /not a date.*14\.3\.2026/);
  assert.equal(failure('before:2026-02-30').position, 0, 'no 30 February');
  assert.match(failure('after:yesterday').message, /“yesterday” is not a date: write 2026-03-14 or 3\/14\/2026/);
});

test('OR, NOT and parentheses', () => {
  assert.deepEqual(parsed('a OR b c'), { kind: 'or', children: [word('a'), { kind: 'and', children: [word('b'), word('c', true)] }] });
  assert.deepEqual(parsed('(a OR b) c'), { kind: 'and', children: [{ kind: 'or', children: [word('a'), word('b')] }, word('c', true)] });
  assert.deepEqual(parsed('a or b'), { kind: 'and', children: [word('a'), word('or'), word('b', true)] }, 'lower-case or is a word');
  assert.deepEqual(parsed('a AND b'), { kind: 'and', children: [word('a'), word('b', true)] });
  assert.deepEqual(
    parsed('budget -draft'),
    { kind: 'and', children: [word('budget'), { kind: 'not', child: word('draft') }] },
    'a negated word is never a prefix',
  );
  assert.deepEqual(parsed('-from:bob x'), {
    kind: 'and',
    children: [{ kind: 'not', child: { kind: 'text', text: 'bob', field: 'from', phrase: false, prefix: false } }, word('x', true)],
  });
  assert.deepEqual(parsed('-(a OR b)'), { kind: 'not', child: { kind: 'or', children: [word('a'), word('b')] } });
  assert.deepEqual(parsed('--a'), word('a', true), 'two minus signs cancel out');
  assert.deepEqual(parsed('e-mail'), word('e-mail', true), 'a dash inside a word is part of it');
  assert.deepEqual(parsed('a - b'), { kind: 'and', children: [word('a'), word('b', true)] }, 'a dash alone is ignored');
  assert.deepEqual(parsed('((a))'), word('a'));
});

test('unknown operators are searched as text', () => {
  assert.deepEqual(parsed('re:meeting'), { kind: 'text', text: 're:meeting', field: null, phrase: false, prefix: true });
  assert.deepEqual(parsed('at 10:30 today'), { kind: 'and', children: [word('at'), word('10:30'), word('today', true)] });
  assert.deepEqual(parsed('https://example.com/x'), word('https://example.com/x', true));
});

test('mistakes say what and where', () => {
  const cases: Array<[string, number, RegExp]> = [
    ['subject:"budget', 8, /Missing closing quote/],
    ['a "b c', 2, /Missing closing quote/],
    ['(a OR b', 0, /Missing closing parenthesis/],
    ['a (b (c)', 2, /Missing closing parenthesis/],
    ['a b)', 3, /Unmatched closing parenthesis/],
    [')', 0, /Unmatched closing parenthesis/],
    ['a ()', 2, /Nothing to search for between these parentheses/],
    ['OR a', 0, /OR needs something to search for on each side/],
    ['a OR', 2, /OR needs something to search for on each side/],
    ['a OR OR b', 2, /OR needs/],
    ['(a OR) b', 3, /OR needs/],
    ['from:', 0, /from: needs a value/],
    ['x from: anna', 2, /from: needs a value/],
    ['to:""', 0, /to: needs a value/],
    ['in:', 0, /in: needs a value, like in:inbox/],
    ['is:bold', 0, /is:bold is unknown: use is:unread, is:read, is:flagged or is:junk/],
    ['is:', 0, /is: needs unread, read, flagged or junk/],
    ['has:pictures', 0, /has:attachment/],
    ['larger:lots', 0, /“lots” is not a size/],
    ['smaller:', 0, /smaller: needs a size/],
    ['before:', 0, /before: needs a date/],
  ];
  for (const [text, position, message] of cases) {
    const error = failure(text);
    assert.equal(error.position, position, text);
    assert.match(error.message, message, text);
  }
  assert.equal(describeSearchSyntaxError('from:anna subject:"budget', failure('from:anna subject:"budget')), 'Missing closing quote at 19');
});

test('positions count what people see: CJK and bidi text before a mistake', () => {
  const text = '会議資料 من:أحمد "بريد';
  const error = failure(text);
  assert.equal(error.position, text.indexOf('"'));
  assert.equal(describeSearchSyntaxError(text, error), 'Missing closing quote at 14');
  const emoji = '📎📎 (x';
  assert.equal(describeSearchSyntaxError(emoji, failure(emoji)), 'Missing closing parenthesis at 4', 'an emoji counts once, not as two UTF-16 units');
});

test('a mistake is said in the window’s language, with the same position', () => {
  const text = 'from:anna subject:"budget';
  assert.equal(describeSearchSyntaxError(text, failure(text), createTranslator('de').t), 'Schließendes Anführungszeichen fehlt an Stelle 19');
  const unknown = failure('is:maybe');
  assert.deepEqual(unknown.problem, { id: 'search.problem.isUnknown', values: { value: 'maybe' } });
  assert.match(describeSearchSyntaxError('is:maybe', unknown, createTranslator('ar').t), /^is:maybe غير معروف/);
});

test('CJK, right-to-left and bidi-controlled words are words', () => {
  assert.deepEqual(parsed('subject:会議資料 أحمد'), {
    kind: 'and',
    children: [{ kind: 'text', text: '会議資料', field: 'subject', phrase: false, prefix: false }, word('أحمد', true)],
  });
  assert.deepEqual(parsed('from:"\u202Eعلي\u202C"'), { kind: 'text', text: '\u202Eعلي\u202C', field: 'from', phrase: true, prefix: false });
  assert.deepEqual(parsed('\u200F\u200E'), null, 'direction marks alone are nothing to search for');
});

test('nesting and length are bounded, and every input parses or fails without throwing', () => {
  assert.match(failure(`${'('.repeat(MAX_SEARCH_NESTING + 1)}a${')'.repeat(MAX_SEARCH_NESTING + 1)}`).message, /Too many parentheses/);
  assert.ok(parsed(`${'('.repeat(MAX_SEARCH_NESTING)}a${')'.repeat(MAX_SEARCH_NESTING)}`));
  assert.match(failure('a'.repeat(501)).message, /at most 500 characters/);
  const alphabet = ['a', 'é', '会', 'ب', ' ', '"', '(', ')', '-', ':', 'OR', 'from:', 'is:unread', 'in:', 'before:', '*', '\u202E', '\0', '\n', '📎'];
  let seed = 17;
  for (let round = 0; round < 5_000; round += 1) {
    let text = '';
    const length = round % 30;
    for (let index = 0; index < length; index += 1) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      text += alphabet[seed % alphabet.length];
    }
    const result = parseSearchQuery(text);
    if (!result.ok) assert.ok(result.error.position >= 0 && result.error.position <= text.length, text);
  }
});

test('a day in Arabic’s short form, direction marks and all, is read as the day it shows', () => {
  const written = new Intl.DateTimeFormat('ar', { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' }).format(Date.UTC(2026, 2, 14));
  assert.deepEqual(parsed(`on:${written}`, 'ar'), { kind: 'date', relation: 'on', day: { year: 2026, month: 3, day: 14 } });
  assert.deepEqual(parsed('on:14\u200F/3\u200F/2026', 'ar'), { kind: 'date', relation: 'on', day: { year: 2026, month: 3, day: 14 } });
});
