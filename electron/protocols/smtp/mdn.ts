/**
 * A read receipt as RFC 8098 describes it: multipart/report (RFC 6522) with
 * report-type=disposition-notification, a human-readable part and a message/disposition-notification
 * part saying the message was displayed after the user agreed ("manual-action/MDN-sent-manually",
 * §3.2.6). It answers the original (In-Reply-To, Original-Message-ID) and goes to the address the
 * sender named in Disposition-Notification-To. Built as 7-bit text with CRLF line ends, so the
 * Outbox takes it as a ready message.
 */
import { neutraliseHeaderText } from '../../../shared/compose';
import type { ParsedAddress } from '../../../shared/mail/address';

/** Reporting-UA product name (RFC 8098 §3.2.1). */
const REPORTING_UA = 'Mailbag';

/** What a read receipt says. */
export interface ReadReceiptInput {
  /** The user, as the original reached them (Final-Recipient). */
  readonly from: ParsedAddress;
  /** Where the sender asked the receipt to go. */
  readonly to: ParsedAddress;
  /** The original's Message-ID (with angle brackets), when it had a valid one. */
  readonly originalMessageId: string | null;
  readonly originalSubject: string | null;
  /** Milliseconds since the epoch. */
  readonly date: number;
  /** Unique text for the MIME boundary. */
  readonly boundary: string;
}

/** A header value as an RFC 2047 encoded word when it is not plain ASCII. */
function encoded(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

function mailbox(address: ParsedAddress): string {
  return address.name === undefined || address.name === '' ? `<${address.address}>` : `${encoded(address.name)} <${address.address}>`;
}

/** Splits base64 into lines of 76 characters (RFC 2045 §6.8). */
function base64Lines(text: string): string {
  return (
    Buffer.from(text, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');
}

/** The receipt as message bytes (RFC 5322 text, CRLF line ends). */
export function buildReadReceipt(input: ReadReceiptInput): string {
  const subject = neutraliseHeaderText(input.originalSubject ?? '');
  const human = [
    `This is a receipt for the message you sent to ${input.from.address}${subject === '' ? '' : ` with the subject "${subject}"`}.`,
    '',
    'It was displayed on the recipient’s computer. This says nothing about whether it was read or understood.',
    '',
  ].join('\r\n');
  const notification = [
    `Reporting-UA: ${REPORTING_UA}; ${REPORTING_UA}`,
    `Final-Recipient: rfc822;${input.from.address}`,
    ...(input.originalMessageId === null ? [] : [`Original-Message-ID: ${input.originalMessageId}`]),
    'Disposition: manual-action/MDN-sent-manually; displayed',
    '',
  ].join('\r\n');
  return [
    `From: ${mailbox(input.from)}`,
    `To: ${mailbox(input.to)}`,
    `Subject: ${encoded(`Read: ${subject}`.slice(0, 900))}`,
    `Date: ${new Date(input.date).toUTCString()}`,
    ...(input.originalMessageId === null ? [] : [`In-Reply-To: ${input.originalMessageId}`, `References: ${input.originalMessageId}`]),
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=disposition-notification; boundary="${input.boundary}"`,
    '',
    `--${input.boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(human),
    `--${input.boundary}`,
    'Content-Type: message/disposition-notification',
    '',
    notification,
    `--${input.boundary}--`,
    '',
  ].join('\r\n');
}
