/**
 * The values of the search language's date and size operators: `before:2026-03-14` or the user's own
 * short date form (`3/14/2026` in en-US, `14.3.2026` in de-DE, read through Intl so every locale
 * works), and sizes as mail clients write them (`5M`, `200K`, `1.5MB`, 1 K = 1024 bytes).
 */

/** A calendar day (month 1–12), read in the reader's own time zone when compared with mail dates. */
export interface SearchDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** The locale whose short date form is read when none is given or the given one is unknown. */
export const FALLBACK_DATE_LOCALE = 'en-US';
/** Two-digit years are taken as 2000 + YY (what a short date form means for mail). */
const TWO_DIGIT_YEAR_BASE = 2000;
/** A sample day for describing the locale's date form (month and day both unambiguous). */
const SAMPLE_DAY: SearchDay = { year: 2026, month: 3, day: 14 };
/** Largest size a search accepts (a petabyte: bigger than any stored message). */
const MAX_SIZE_BYTES = 2 ** 50;
const SIZE_UNITS: Readonly<Record<string, number>> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

function validDay(year: number, month: number, day: number): SearchDay | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day > last ? null : { year, month, day };
}

/** Left-to-right, right-to-left and Arabic letter marks: invisible, they only steer the direction of the text around them. */
const DIRECTION_MARKS = /[\u200E\u200F\u061C]/g;

/** The order of year, month and day in a locale's numeric short date, or null for an unknown locale. */
function dayOrder(locale: string): Array<'year' | 'month' | 'day'> | null {
  try {
    const parts = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' }).formatToParts(
      Date.UTC(SAMPLE_DAY.year, SAMPLE_DAY.month - 1, SAMPLE_DAY.day),
    );
    const order = parts.map((part) => part.type).filter((type): type is 'year' | 'month' | 'day' => type === 'year' || type === 'month' || type === 'day');
    return order.length === 3 ? order : null;
  } catch {
    return null;
  }
}

/** The locale to read dates in: the one given when this runtime knows it, else {@link FALLBACK_DATE_LOCALE}. */
export function searchLocale(locale: string | undefined): string {
  return locale !== undefined && dayOrder(locale) !== null ? locale : FALLBACK_DATE_LOCALE;
}

/**
 * A day written as ISO 8601 (`2026-03-14`, also `2026/03/14`) or in the locale's numeric short form
 * (digits in the locale's order, separated by `/`, `.` or `-`; a two-digit year is 20YY). Null when
 * the text is not a real day. Direction marks (as Arabic's short form holds) are ignored.
 */
export function parseSearchDay(written: string, locale: string | undefined): SearchDay | null {
  // Arabic's short form carries direction marks between the numbers ("14\u200F/3\u200F/2026"): they are not part of the day.
  const text = written.replace(DIRECTION_MARKS, '');
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (iso !== null) return validDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const local = /^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})\.?$/.exec(text);
  if (local === null) return null;
  const order = dayOrder(searchLocale(locale)) ?? ['month', 'day', 'year'];
  const numbers = [local[1], local[3], local[4]].map((value) => value ?? '');
  const fields: Record<'year' | 'month' | 'day', string> = { year: '', month: '', day: '' };
  order.forEach((field, index) => (fields[field] = numbers[index] ?? ''));
  if (fields.year.length !== 2 && fields.year.length !== 4) return null;
  if (fields.month.length > 2 || fields.day.length > 2) return null;
  const year = fields.year.length === 2 ? TWO_DIGIT_YEAR_BASE + Number(fields.year) : Number(fields.year);
  return validDay(year, Number(fields.month), Number(fields.day));
}

/** A sample day in the locale's short form ("3/14/2026", "14.3.2026"), for error messages and help. */
export function sampleSearchDay(locale: string | undefined): string {
  const order = dayOrder(searchLocale(locale)) ?? ['month', 'day', 'year'];
  let separator = '/';
  try {
    const literal = new Intl.DateTimeFormat(searchLocale(locale), { year: 'numeric', month: 'numeric', day: 'numeric', timeZone: 'UTC' })
      .formatToParts(Date.UTC(SAMPLE_DAY.year, SAMPLE_DAY.month - 1, SAMPLE_DAY.day))
      .find((part) => part.type === 'literal');
    const found = literal?.value.trim().charAt(0) ?? '';
    if (found === '.' || found === '-' || found === '/') separator = found;
  } catch {
    // The fallback order and separator describe en-US.
  }
  return order.map((field) => String(SAMPLE_DAY[field])).join(separator);
}

/** Bytes from a size as written (`5M`, `200K`, `1.5MB`, `3 GB`, `1000`); null when it is not a size. */
export function parseSearchSize(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?|\.\d+)\s*([kmg]?)(?:i?b)?$/i.exec(text.trim());
  if (match === null) return null;
  const unit = SIZE_UNITS[(match[2] ?? '').toLowerCase()] ?? 1;
  const bytes = Math.round(Number(match[1]) * unit);
  return Number.isFinite(bytes) && bytes <= MAX_SIZE_BYTES ? bytes : null;
}
