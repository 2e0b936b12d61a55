/** Plain display of sizes and dates in the Server mailbox, in the window's language. */
import { useMemo } from 'react';
import { formatByteSize } from '../../../shared/byte-size';
import { useFormattingLocale } from '../../state/locale';

/** The Server mailbox's sizes and dates. */
export interface ServerFormats {
  /** A size in plain units, or "?" when the server did not say. */
  readonly formatBytes: (bytes: number | null) => string;
  /** A message date with its time. */
  readonly formatDate: (time: number | null) => string;
  /** A day, for removal dates. */
  readonly formatDay: (time: number) => string;
  /** A time of day, for when the server was listed. */
  readonly formatTime: (time: number) => string;
}

/** {@link ServerFormats} in the window's language. */
export function useServerFormats(): ServerFormats {
  const locale = useFormattingLocale();
  return useMemo(() => {
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const clock = new Intl.DateTimeFormat(locale, { timeStyle: 'medium' });
    return {
      formatBytes: (bytes) => (bytes === null ? '?' : formatByteSize(bytes, locale)),
      formatDate: (time) => (time === null ? '' : date.format(time)),
      formatDay: (time) => day.format(time),
      formatTime: (time) => clock.format(time),
    };
  }, [locale]);
}
