/**
 * The few header fields the Server mailbox shows for a message it has not downloaded: From, Subject
 * and Date from the header block that `TOP n 0` returns (RFC 1939 §7), with encoded-words decoded
 * (RFC 2047) so a subject in any charset reads as the user expects.
 */
import { firstHeader } from '../receive/header-identity';

/** Longest From or Subject kept (they are shown in one table cell). */
export const MAX_SUMMARY_FIELD_CHARS = 300;

/** What the Server mailbox shows of a message's header. */
export interface HeaderSummary {
  readonly from: string;
  readonly subject: string;
  /** Milliseconds since the epoch, or null when absent or unreadable. */
  readonly date: number | null;
}

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

function decodeBytes(charset: string, bytes: Buffer): string {
  const label = charset.split('*')[0] ?? charset;
  try {
    return new TextDecoder(label.toLowerCase(), { fatal: false }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** Decodes RFC 2047 encoded-words; blanks between two adjacent encoded-words are dropped (§6.2). */
export function decodeEncodedWords(text: string): string {
  const joined = text.replace(/(=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)\s+(?==\?)/g, '$1');
  return joined.replace(ENCODED_WORD, (_match, charset: string, encoding: string, payload: string) => {
    const bytes =
      encoding.toUpperCase() === 'B'
        ? Buffer.from(payload, 'base64')
        : Buffer.from(
            payload.replace(/_/g, ' ').replace(/=([0-9a-fA-F]{2})/g, (_hex, code: string) => String.fromCharCode(parseInt(code, 16))),
            'latin1',
          );
    return decodeBytes(charset, bytes);
  });
}

function clip(text: string): string {
  return text.length > MAX_SUMMARY_FIELD_CHARS ? `${text.slice(0, MAX_SUMMARY_FIELD_CHARS)}…` : text;
}

/** The summary of a header block (raw octets, as the server sent them). */
export function summarizeHeaders(headerBlock: Buffer): HeaderSummary {
  // Header fields are ASCII with encoded-words, but 8-bit UTF-8 is common in practice (RFC 6532).
  const text = headerBlock.toString('utf8');
  const dateText = firstHeader(text, 'Date');
  const date = dateText === '' ? Number.NaN : Date.parse(dateText.replace(/\s*\([^)]*\)\s*$/, ''));
  return {
    from: clip(decodeEncodedWords(firstHeader(text, 'From'))),
    subject: clip(decodeEncodedWords(firstHeader(text, 'Subject'))),
    date: Number.isFinite(date) ? date : null,
  };
}
