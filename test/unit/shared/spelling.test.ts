/** The words asked about before sending: real words of any script, each once, never addresses, links or numbers. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_SPELLING_WORD_LENGTH, MAX_SPELLING_WORDS, wordsToCheck } from '../../../shared/spelling';

test('words of any script are asked about once, without punctuation around them', () => {
  assert.deepEqual(wordsToCheck('Teh plans, teh “budget”!\nDon’t re-check — Grüße, שלום, 東京'), [
    'Teh',
    'plans',
    'teh',
    'budget',
    'Don’t',
    're-check',
    'Grüße',
    'שלום',
    '東京',
  ]);
});

test('addresses, links, numbers and overlong runs are not words', () => {
  assert.deepEqual(wordsToCheck(`bob@example.com https://example.com/x Q3 2026 ${'a'.repeat(MAX_SPELLING_WORD_LENGTH + 1)} ok`), ['ok']);
  assert.deepEqual(wordsToCheck(''), []);
});

test('a huge message asks about a bounded number of words', () => {
  const letters = (index: number): string => [...index.toString(26)].map((digit) => String.fromCharCode(97 + parseInt(digit, 26))).join('');
  const text = Array.from({ length: MAX_SPELLING_WORDS + 500 }, (_, index) => `w${letters(index)}`).join(' ');
  assert.equal(wordsToCheck(text).length, MAX_SPELLING_WORDS);
});
