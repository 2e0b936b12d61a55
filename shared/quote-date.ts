/**
 * The date in a reply's attribution line and a forward's header block, written the way the reader
 * writes dates: in their locale and time zone ("On 2 Mar 2026, 10:00, Carol wrote:"), not in GMT.
 */
import { z } from 'zod';

/** Longest locale tag or time-zone name accepted. */
const MAX_DATE_STYLE_CHARACTERS = 64;

/** A BCP 47 locale and an IANA time zone, as the UI's Intl reports them; both optional. */
export const dateStyleSchema = z.strictObject({
  locale: z
    .string()
    .max(MAX_DATE_STYLE_CHARACTERS)
    .regex(/^[A-Za-z0-9-]+$/)
    .optional(),
  timeZone: z
    .string()
    .max(MAX_DATE_STYLE_CHARACTERS)
    .regex(/^[A-Za-z0-9_+\-/]+$/)
    .optional(),
});

/** Where and how the person who answers reads dates. */
export type DateStyle = z.infer<typeof dateStyleSchema>;

/**
 * `ms` as a medium date and short time in the given locale and zone. An unknown locale or zone falls
 * back to the runtime's own, and without Intl support to the RFC 5322 form in GMT.
 */
export function formatQuoteDate(ms: number, style: DateStyle = {}): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  for (const attempt of [style, { locale: style.locale }, {}] as const) {
    try {
      return new Intl.DateTimeFormat(attempt.locale, {
        ...options,
        ...('timeZone' in attempt && attempt.timeZone !== undefined ? { timeZone: attempt.timeZone } : {}),
      }).format(ms);
    } catch {
      // A locale or zone this runtime does not know: try with less of the style.
    }
  }
  return new Date(ms).toUTCString();
}
