import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateStyleSchema, formatQuoteDate } from '../../../shared/quote-date';

/** 2 March 2026, 23:30 UTC: already 3 March in Tokyo, still 2 March in New York. */
const LATE_EVENING_UTC = Date.UTC(2026, 2, 2, 23, 30);

test('the quote date is in the reader’s time zone and locale, not GMT', () => {
  const tokyo = formatQuoteDate(LATE_EVENING_UTC, { locale: 'en-GB', timeZone: 'Asia/Tokyo' });
  assert.match(tokyo, /3 Mar 2026/);
  assert.match(tokyo, /08:30/);
  assert.doesNotMatch(tokyo, /GMT/);
  const newYork = formatQuoteDate(LATE_EVENING_UTC, { locale: 'en-US', timeZone: 'America/New_York' });
  assert.match(newYork, /Mar 2, 2026/);
  assert.match(newYork, /6:30\s?PM/);
  assert.match(formatQuoteDate(LATE_EVENING_UTC, { locale: 'de-DE', timeZone: 'Europe/Berlin' }), /03\.03\.2026, 00:30/);
});

test('an unknown time zone or locale falls back instead of failing the reply', () => {
  assert.match(formatQuoteDate(LATE_EVENING_UTC, { locale: 'en-GB', timeZone: 'Mars/Olympus_Mons' }), /2026/);
  assert.match(formatQuoteDate(LATE_EVENING_UTC, { locale: 'zz-Nope-Nope-Nope', timeZone: 'UTC' }), /2026/);
});

test('the style sent by the UI is checked: no spaces, quotes or overlong names', () => {
  assert.equal(dateStyleSchema.safeParse({ locale: 'en-US', timeZone: 'America/Argentina/Buenos_Aires' }).success, true);
  assert.equal(dateStyleSchema.safeParse({ timeZone: 'Etc/GMT+5' }).success, true);
  assert.equal(dateStyleSchema.safeParse({ locale: 'en US' }).success, false);
  assert.equal(dateStyleSchema.safeParse({ timeZone: '"><x' }).success, false);
  assert.equal(dateStyleSchema.safeParse({ timeZone: 'A'.repeat(65) }).success, false);
  assert.equal(dateStyleSchema.safeParse({ zone: 'UTC' }).success, false);
});
