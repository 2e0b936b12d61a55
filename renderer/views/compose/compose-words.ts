/**
 * The words and formats of the compose window and the Outbox in the window's language: messages, byte
 * sizes and clock times. The plain modules (compose-model, compose-load, outbox-words) receive them, so
 * they stay testable without React and never return English of their own.
 */
import { useMemo } from 'react';
import { formatByteSize } from '../../../shared/byte-size';
import type { Translate } from '../../../shared/i18n/catalogs';
import { useFormattingLocale, useT } from '../../state/locale';

/** Messages and the formats compose and the Outbox show numbers and times in. */
export interface ComposeWords {
  readonly t: Translate;
  /** The locale Intl formats with (the window's language). */
  readonly locale: string;
  /** A byte count as the language writes it ("1,5 MB"). */
  readonly size: (bytes: number) => string;
  /** A time of day, hours and minutes, as the language writes it. */
  readonly time: (ms: number) => string;
}

/** The words of a locale (English formats when the locale is unknown to Intl). */
export function composeWords(t: Translate, locale: string): ComposeWords {
  let clock: Intl.DateTimeFormat;
  try {
    clock = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
  } catch {
    clock = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' });
  }
  return { t, locale, size: (bytes) => formatByteSize(bytes, locale), time: (ms) => clock.format(ms) };
}

/** The compose words of the window's language; they change with Settings → Language. */
export function useComposeWords(): ComposeWords {
  const t = useT();
  const locale = useFormattingLocale();
  return useMemo(() => composeWords(t, locale), [t, locale]);
}
