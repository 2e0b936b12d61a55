/**
 * A fallback identity for servers without UIDL (RFC 1939 §7 makes UIDL optional): the message's header
 * block fetched with `TOP n 0`, reduced to its Message-ID and its first (newest) Received header, which
 * the receiving server wrote and which therefore differs even between two copies of one message sent
 * twice. Messages with neither, or whose identity is shared, are left alone (never fetched, never
 * deleted), so leaving mail on such a server never downloads the same message twice.
 */
import { createHash } from 'node:crypto';
import { wordedError } from '../../../shared/error-words';
import { firstHeaderValue } from '../../../shared/mail/header-section';
import { Pop3Error, readHeaderSections, type Pop3Session } from '../../protocols/pop3';
import { CANNOT_LEAVE_MAIL_WORDS } from '../../protocols/pop3/probe';
import type { ServerListing } from './server-listing';

/** Most header bytes kept per message while identifying (a header block is rarely larger). */
export const MAX_IDENTITY_HEADER_BYTES = 256 * 1024;
/** Prefix of header-derived identities in the journal. */
export const HEADER_IDENTITY_PREFIX = 'hdr:';

/**
 * The value of the first header field `name` (RFC 5322 §2.2.3) with its white space runs made one
 * blank, or ''. Strict field syntax, so an identity stays the same from one version to the next.
 */
export function firstHeader(headerBlock: string, name: string): string {
  return (firstHeaderValue(headerBlock, name) ?? '').replace(/\s+/g, ' ');
}

/** The identity of a header block, or '' when it has neither a Message-ID nor a Received header. */
export function headerIdentity(headerBlock: string): string {
  const messageId = firstHeader(headerBlock, 'Message-ID');
  const received = firstHeader(headerBlock, 'Received');
  if (messageId === '' && received === '') return '';
  return HEADER_IDENTITY_PREFIX + createHash('sha256').update(`${messageId}\n${received}`).digest('hex');
}

/**
 * Gives every listed message a header identity with pipelined `TOP n 0`. Identities that are empty or
 * shared are reported as duplicates. Refuses with an explanation if the server has no TOP.
 */
export async function identifyByHeaders(session: Pop3Session, listing: ServerListing): Promise<ServerListing> {
  const refusal = wordedError('SERVER_PERMANENT', CANNOT_LEAVE_MAIL_WORDS);
  if (session.capabilities.announced && !session.capabilities.top) throw refusal;
  const { outcomes, headers } = await readHeaderSections(
    session,
    listing.messages.map((message) => message.number),
    MAX_IDENTITY_HEADER_BYTES,
  );
  if (outcomes.length > 0 && outcomes.every((outcome) => !outcome.ok && outcome.error instanceof Pop3Error)) throw refusal;
  const messages = listing.messages.map((message) => ({ ...message, uidl: headerIdentity(headers.get(message.number)?.toString('latin1') ?? '') }));
  const seen = new Set<string>();
  const duplicates = new Set<string>(['']);
  for (const message of messages) {
    if (seen.has(message.uidl)) duplicates.add(message.uidl);
    seen.add(message.uidl);
  }
  return { messages, duplicates, hasUidl: true, skipped: listing.skipped };
}
