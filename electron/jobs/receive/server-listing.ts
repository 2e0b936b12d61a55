/**
 * The server's listing for a receive run: UIDL for identities (RFC 1939 §7) and LIST for sizes
 * (RFC 1939 §5). A server without UIDL is detected from CAPA (RFC 2449 §6.8) or from its `-ERR` to
 * UIDL, and its messages are then listed with an empty unique-id (identified by content later).
 * A listing line that cannot be understood costs only its own message: it is skipped with a warning
 * (never fetched, never deleted), and so is a message number only one of the two listings mentions.
 */
import { Pop3Error, type Pop3InvalidLine, type Pop3Session } from '../../protocols/pop3';
import type { ListingWarning } from '../../../shared/server-mailbox';
import { visibleControls } from '../../../shared/terminal-text';
import type { ServerMessage } from './receive-plan';

/** A message the listing could not vouch for: left alone on the server, with the reason in plain words. */
export interface SkippedServerMessage {
  /** The message number, when the bad line started with one. */
  readonly number: number | null;
  readonly reason: string;
  /** The same as data, for the window to say in its language. */
  readonly warning: ListingWarning;
}

/** What the server holds now. */
export interface ServerListing {
  readonly messages: readonly ServerMessage[];
  /** Unique-ids given to more than one message (RFC 1939 §7 forbids it). */
  readonly duplicates: ReadonlySet<string>;
  readonly hasUidl: boolean;
  /** Messages left out of `messages` because the listings about them were bad or disagreed. */
  readonly skipped: readonly SkippedServerMessage[];
}

/** Longest piece of a bad line quoted in a warning. */
const QUOTED_LINE_CHARS = 80;

/** A `-ERR` to a single command leaves the session usable; anything else ended it. */
function refusedOnly(session: Pop3Session, error: unknown): boolean {
  return error instanceof Pop3Error && session.state === 'transaction';
}

/** A bad line, quoted safely: control characters as `\xNN`, cut to a sane length. */
function quoted(line: string): string {
  const visible = visibleControls(line);
  return visible.length > QUOTED_LINE_CHARS ? `${visible.slice(0, QUOTED_LINE_CHARS)}…` : visible;
}

function skippedLine(verb: 'UIDL' | 'LIST', invalid: Pop3InvalidLine): SkippedServerMessage {
  const what = invalid.number === null ? 'A message' : `Message ${invalid.number}`;
  const part = verb === 'UIDL' ? 'unique-id' : 'size';
  const line = quoted(invalid.line);
  return {
    number: invalid.number,
    reason: `${what} was skipped: the server gave it a ${part} that could not be understood (“${line}”).`,
    warning: { number: invalid.number, kind: verb === 'UIDL' ? 'bad-unique-id' : 'bad-size', line },
  };
}

/** Reads UIDL and LIST. Sizes are null when LIST is refused. */
export async function listServer(session: Pop3Session): Promise<ServerListing> {
  const capabilities = session.capabilities;
  let uidl: Awaited<ReturnType<Pop3Session['uidl']>> | undefined;
  if (!capabilities.announced || capabilities.uidl) {
    try {
      uidl = await session.uidl();
    } catch (error) {
      if (!refusedOnly(session, error)) throw error;
    }
  }
  let sizes: Map<number, number> | undefined;
  const skipped: SkippedServerMessage[] = [];
  const badNumbers = new Set<number>();
  const skip = (entry: SkippedServerMessage): void => {
    skipped.push(entry);
    if (entry.number !== null) badNumbers.add(entry.number);
  };
  for (const invalid of uidl?.invalid ?? []) skip(skippedLine('UIDL', invalid));
  try {
    const listing = await session.sizes();
    sizes = new Map(listing.entries.map((entry) => [entry.number, entry.size]));
    for (const invalid of listing.invalid) skip(skippedLine('LIST', invalid));
  } catch (error) {
    if (!refusedOnly(session, error) || uidl === undefined) throw error;
  }
  if (uidl === undefined) {
    const messages = [...(sizes ?? [])].filter(([number]) => !badNumbers.has(number)).map(([number, size]) => ({ number, uidl: '', size }));
    return { messages, duplicates: new Set(), hasUidl: false, skipped };
  }
  const messages: ServerMessage[] = [];
  const identified = new Set<number>();
  for (const entry of uidl.entries) {
    identified.add(entry.number);
    if (badNumbers.has(entry.number)) continue;
    if (sizes !== undefined && !sizes.has(entry.number)) {
      // LIST answered but does not know this number: it may not exist at all (RFC 1939 §5).
      skip({
        number: entry.number,
        reason: `Message ${entry.number} was skipped: the server's UIDL lists it but its LIST does not.`,
        warning: { number: entry.number, kind: 'not-in-list' },
      });
      continue;
    }
    messages.push({ number: entry.number, uidl: entry.uid, size: sizes?.get(entry.number) ?? null });
  }
  for (const number of sizes?.keys() ?? []) {
    if (!identified.has(number) && !badNumbers.has(number))
      skip({
        number,
        reason: `Message ${number} was skipped: the server's LIST lists it but gives it no unique-id (UIDL).`,
        warning: { number, kind: 'no-unique-id' },
      });
  }
  return { messages, duplicates: uidl.duplicates, hasUidl: true, skipped };
}
