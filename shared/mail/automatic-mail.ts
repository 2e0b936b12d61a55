/**
 * Whether a message was sent by a machine rather than a person, so that an automatic answer to it must
 * not be sent (RFC 3834 §2: a responder must not answer bounces, other automatic responses or mailing
 * list traffic; otherwise two responders answer each other for ever, or a list's members all hear it).
 * Read from the header section alone, so the answer is the same wherever the message is stored.
 */
import { firstHeaderValue, headerValues, readHeaderFields } from './header-section';

/** Why a message gets no automatic answer; null when a person may be answered. */
export type AutomaticMailReason =
  'auto-submitted' | 'precedence' | 'mailing-list' | 'null-return-path' | 'mailer-daemon' | 'delivery-report' | 'no-return-address';

/** Precedence values that mark bulk and list mail (a de-facto field, RFC 3834 §3.1.8 / RFC 2076). */
const BULK_PRECEDENCE: ReadonlySet<string> = new Set(['bulk', 'junk', 'list']);
/** Local parts of the addresses bounces come from (RFC 3834 §2, RFC 5321 §4.5.5). */
const DAEMON_SENDERS = /^(?:mailer-daemon|postmaster)$/i;

/** The address inside the angle brackets of a path or mailbox (`"Bob" <bob@x>` → `bob@x`), or the text trimmed. */
export function bareAddress(value: string): string {
  const open = value.lastIndexOf('<');
  const close = value.lastIndexOf('>');
  return (open >= 0 && close > open ? value.slice(open + 1, close) : value).trim();
}

function localPart(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? address : address.slice(0, at);
}

/**
 * Why the message with this header section must not be answered automatically, or null:
 * `Auto-Submitted` other than `no` (RFC 3834 §5), `Precedence: bulk|junk|list`, a `List-Id` (RFC 2919),
 * a null or empty Return-Path `<>` (a bounce, RFC 5321 §4.5.5), a sender named MAILER-DAEMON or
 * postmaster, a `multipart/report` body (delivery and disposition reports, RFC 6522), or no address to
 * answer at all.
 */
export function automaticMailReason(headerSection: string): AutomaticMailReason | null {
  const fields = readHeaderFields(headerSection);
  const autoSubmitted = headerValues(fields, 'auto-submitted');
  if (autoSubmitted.some((value) => (value.split(';')[0] ?? '').trim().toLowerCase() !== 'no')) return 'auto-submitted';
  if (headerValues(fields, 'precedence').some((value) => BULK_PRECEDENCE.has(value.toLowerCase()))) return 'precedence';
  if (headerValues(fields, 'list-id').length > 0) return 'mailing-list';
  const returnPaths = headerValues(fields, 'return-path');
  if (returnPaths.some((value) => bareAddress(value) === '')) return 'null-return-path';
  const senders = [...returnPaths, ...headerValues(fields, 'from'), ...headerValues(fields, 'sender')].map(bareAddress);
  if (senders.some((address) => DAEMON_SENDERS.test(localPart(address)))) return 'mailer-daemon';
  const contentType = firstHeaderValue(fields, 'content-type') ?? '';
  if (/^\s*multipart\/report\b/i.test(contentType)) return 'delivery-report';
  if (answerAddress(headerSection) === null) return 'no-return-address';
  return null;
}

/**
 * Where an automatic reply goes: the Return-Path (the envelope sender the server recorded, as RFC 3834
 * §4 asks of a responder), else the From address; null when neither holds an address.
 */
export function answerAddress(headerSection: string): string | null {
  const fields = readHeaderFields(headerSection);
  const returnPath = headerValues(fields, 'return-path')
    .map(bareAddress)
    .find((address) => address.includes('@'));
  if (returnPath !== undefined) return returnPath;
  const from = headerValues(fields, 'from')
    .map(bareAddress)
    .find((address) => address.includes('@'));
  return from ?? null;
}

/** Plain words for a reason, for a rule run's report. */
export function describeAutomaticMail(reason: AutomaticMailReason): string {
  switch (reason) {
    case 'auto-submitted':
      return 'it was sent automatically (Auto-Submitted)';
    case 'precedence':
      return 'it is bulk or list mail (Precedence)';
    case 'mailing-list':
      return 'it came through a mailing list (List-Id)';
    case 'null-return-path':
      return 'it is a bounce (empty Return-Path)';
    case 'mailer-daemon':
      return 'it comes from a mail server (MAILER-DAEMON)';
    case 'delivery-report':
      return 'it is a delivery report (multipart/report)';
    case 'no-return-address':
      return 'it has no address to answer';
  }
}

/** The values a rule's answer template may name. */
export interface AnswerTemplateValues {
  /** The sender's name, or address when the message names none. */
  readonly sender: string;
  readonly subject: string;
  /** The original's date as the user reads it. */
  readonly date: string;
}

/** The placeholders a template may hold, as the rule editor and README name them. */
export const ANSWER_TEMPLATE_PLACEHOLDERS = ['{sender}', '{subject}', '{date}'] as const;

/**
 * A rule's answer text with `{sender}`, `{subject}` and `{date}` filled in (each once, in one pass, so
 * a value that itself holds a placeholder stays as it is); any other braces are left alone.
 */
export function fillAnswerTemplate(template: string, values: AnswerTemplateValues): string {
  return template.replace(/\{(sender|subject|date)\}/g, (_match, name: keyof AnswerTemplateValues) => values[name]);
}
