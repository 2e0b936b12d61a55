import type { MessageListItem, SendReceivePhase } from '../../../shared/mail';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });

/** A list date: the time for today, the day this year, the full date before. */
export function listDate(ms: number, now = Date.now()): string {
  const date = new Date(ms);
  const today = new Date(now);
  if (date.toDateString() === today.toDateString()) return timeFormat.format(date);
  if (date.getFullYear() === today.getFullYear()) return dayFormat.format(date);
  return dateFormat.format(date);
}

/** The date in full, for a tooltip. */
export function fullDate(ms: number): string {
  return fullFormat.format(new Date(ms));
}

/** A clock time ("10:42"). */
export function clockTime(ms: number): string {
  return timeFormat.format(new Date(ms));
}

/** Who a message is from, as the list shows it. */
export function senderText(item: MessageListItem): string {
  if (item.from === null) return item.indexed ? '(no sender)' : '…';
  return item.from.name.trim() === '' ? item.from.address : item.from.name;
}

/**
 * The recipients as lists of sent mail show them (Sent, Drafts, Outbox): names where given, then
 * "and N more".
 */
export function recipientText(item: MessageListItem): string {
  if (item.recipientCount === 0) return item.indexed ? '(no recipients)' : '…';
  const names = item.recipients.map((recipient) => (recipient.name.trim() === '' ? recipient.address : recipient.name));
  const more = item.recipientCount - names.length;
  return more > 0 ? `${names.join(', ')} and ${more} more` : names.join(', ');
}

/** The subject as the list shows it. */
export function subjectText(item: MessageListItem): string {
  if (item.subject === null) return item.indexed ? '(no subject)' : '(not read yet)';
  return item.subject.trim() === '' ? '(no subject)' : item.subject;
}

/** A Send/Receive phase in words. */
export function phaseWords(phase: SendReceivePhase | null): string {
  switch (phase) {
    case null:
      return 'Starting';
    case 'connecting':
      return 'Connecting';
    case 'authenticating':
      return 'Signing in';
    case 'listing':
      return 'Looking for new mail';
    case 'downloading':
      return 'Downloading';
    case 'deleting':
      return 'Cleaning up the server';
    case 'finishing':
      return 'Finishing';
  }
}
