/**
 * One way of showing a size everywhere Mailbag shows one (lists, reader, Server mailbox, command line):
 * 1 KB = 1024 bytes as file managers count; kilobytes whole from 10 KB up (a tenth of a KB says nothing),
 * megabytes and larger always with one decimal (a tenth of a MB matters for a slow connection). The
 * number is written the reader's way ("1,5 MB" in German) and the unit in their language ("Mo" in French).
 */
const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/** Unit names where a language does not write B, KB, MB… (French counts octets). */
const UNIT_NAMES: Readonly<Record<string, Readonly<Record<'B' | (typeof UNITS)[number], string>>>> = {
  fr: { B: 'o', KB: 'Ko', MB: 'Mo', GB: 'Go', TB: 'To' },
  ar: { B: 'بايت', KB: 'ك.ب', MB: 'م.ب', GB: 'ج.ب', TB: 'ت.ب' },
};

function unitName(unit: 'B' | (typeof UNITS)[number], locale: string): string {
  return UNIT_NAMES[locale.split('-')[0] ?? '']?.[unit] ?? unit;
}

/** Formatters by locale and decimals: a list of sizes builds one per column, not one per row. */
const FORMATS = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, decimals: number): Intl.NumberFormat {
  const key = `${decimals} ${locale}`;
  let format = FORMATS.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: false });
    FORMATS.set(key, format);
  }
  return format;
}

function numberText(value: number, decimals: number, locale: string): string {
  try {
    return numberFormat(locale, decimals).format(value);
  } catch {
    // A locale this runtime does not know: the number as English writes it.
    return value.toFixed(decimals);
  }
}

/**
 * A byte count as people read it, in `locale` (English by default): "812 B", "2.9 KB", "14 KB",
 * "3.2 MB", "51.1 MB"; "1,5 MB" in German, "1,5 Mo" in French.
 */
export function formatByteSize(bytes: number, locale = 'en'): string {
  if (bytes < 1024) return `${numberText(bytes, 0, locale)} ${unitName('B', locale)}`;
  let value = bytes / 1024;
  let unit = 0;
  // A value that would round to 1024 of a unit is shown as 1.0 of the next one.
  while (value >= 1023.95 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = unit === 0 && value >= 10 ? numberText(Math.round(value), 0, locale) : numberText(Math.floor(value * 10 + 0.5) / 10, 1, locale);
  return `${shown} ${unitName(UNITS[unit] ?? 'TB', locale)}`;
}
