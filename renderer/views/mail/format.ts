import { useMemo } from 'react';
import { formatByteSize } from '../../../shared/byte-size';
import type { ConversationListItem } from '../../../shared/conversations';
import type { Translate } from '../../../shared/i18n/catalogs';
import type { MessageListItem, SendReceivePhase } from '../../../shared/mail';
import { useFormattingLocale } from '../../state/locale';

const FORMAT_OPTIONS = {
  time: { hour: '2-digit', minute: '2-digit' },
  day: { month: 'short', day: 'numeric' },
  date: { year: 'numeric', month: 'short', day: 'numeric' },
  full: { dateStyle: 'full', timeStyle: 'short' },
} as const satisfies Readonly<Record<string, Intl.DateTimeFormatOptions>>;

/** The list's date formats of one locale (made once each: a long list formats thousands of dates). */
type DateFormats = { readonly [K in keyof typeof FORMAT_OPTIONS]: Intl.DateTimeFormat };

const formatsByLocale = new Map<string, DateFormats>();

function formatsOf(locale: string): DateFormats {
  let formats = formatsByLocale.get(locale);
  if (formats === undefined) {
    const make = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options);
    formats = { time: make(FORMAT_OPTIONS.time), day: make(FORMAT_OPTIONS.day), date: make(FORMAT_OPTIONS.date), full: make(FORMAT_OPTIONS.full) };
    formatsByLocale.set(locale, formats);
  }
  return formats;
}

/** What a cell shows before the message is indexed (a placeholder, not a word). */
const NOT_INDEXED = '…';

/** A list date in `locale`: the time for today, the day this year, the full date before. */
export function listDate(ms: number, locale: string, now = Date.now()): string {
  const date = new Date(ms);
  const today = new Date(now);
  const formats = formatsOf(locale);
  if (date.toDateString() === today.toDateString()) return formats.time.format(date);
  if (date.getFullYear() === today.getFullYear()) return formats.day.format(date);
  return formats.date.format(date);
}

/** The date in full, for a tooltip. */
export function fullDate(ms: number, locale: string): string {
  return formatsOf(locale).full.format(new Date(ms));
}

/** A clock time ("10:42"). */
export function clockTime(ms: number, locale: string): string {
  return formatsOf(locale).time.format(new Date(ms));
}

/** Dates, times and sizes in the window's language. */
export interface MailFormats {
  readonly listDate: (ms: number) => string;
  readonly fullDate: (ms: number) => string;
  readonly clockTime: (ms: number) => string;
  readonly byteSize: (bytes: number) => string;
}

/** {@link MailFormats} for the window's language, changing with it. */
export function useMailFormats(): MailFormats {
  const locale = useFormattingLocale();
  return useMemo(
    () => ({
      listDate: (ms) => listDate(ms, locale),
      fullDate: (ms) => fullDate(ms, locale),
      clockTime: (ms) => clockTime(ms, locale),
      byteSize: (bytes) => formatByteSize(bytes, locale),
    }),
    [locale],
  );
}

/** Who a message is from, as the list shows it. */
export function senderText(t: Translate, item: MessageListItem): string {
  if (item.from === null) return item.indexed ? t('list.noSender') : NOT_INDEXED;
  return item.from.name.trim() === '' ? item.from.address : item.from.name;
}

/**
 * The recipients as lists of sent mail show them (Sent, Drafts, Outbox): names where given, then
 * "and N more".
 */
export function recipientText(t: Translate, item: MessageListItem): string {
  if (item.recipientCount === 0) return item.indexed ? t('list.noRecipients') : NOT_INDEXED;
  const names = item.recipients.map((recipient) => (recipient.name.trim() === '' ? recipient.address : recipient.name));
  const more = item.recipientCount - names.length;
  // Addresses are joined as addresses are written in a header (with commas), whatever the language.
  return more > 0 ? t('list.recipientsAndMore', { names: names.join(', '), count: more }) : names.join(', ');
}

/** The senders of a conversation as the list shows them: "Bob, Ann and 2 more", in the language of `t`. */
export function participantsText(t: Translate, conversation: Pick<ConversationListItem, 'participants' | 'participantCount'>): string {
  const names = conversation.participants.map((person) => (person.name.trim() === '' ? person.address : person.name));
  const more = conversation.participantCount - names.length;
  return more > 0 ? t('list.recipientsAndMore', { names: names.join(', '), count: more }) : names.join(', ');
}

/** The subject as the list shows it. */
export function subjectText(t: Translate, item: MessageListItem): string {
  if (item.subject === null) return item.indexed ? t('message.noSubject') : t('list.notReadYet');
  return item.subject.trim() === '' ? t('message.noSubject') : item.subject;
}

/** A Send/Receive phase in words. */
export function phaseWords(t: Translate, phase: SendReceivePhase | null): string {
  switch (phase) {
    case null:
      return t('phase.starting');
    case 'connecting':
      return t('phase.connecting');
    case 'authenticating':
      return t('phase.authenticating');
    case 'listing':
      return t('phase.listing');
    case 'downloading':
      return t('phase.downloading');
    case 'deleting':
      return t('phase.deleting');
    case 'finishing':
      return t('phase.finishing');
  }
}
