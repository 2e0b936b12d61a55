/**
 * The server's listing for a receive run: UIDL for identities (RFC 1939 §7) and LIST for sizes
 * (RFC 1939 §5). A server without UIDL is detected from CAPA (RFC 2449 §6.8) or from its `-ERR` to
 * UIDL, and its messages are then listed with an empty unique-id (identified by content later).
 */
import { Pop3Error, type Pop3Session } from '../../protocols/pop3';
import type { ServerMessage } from './receive-plan';

/** What the server holds now. */
export interface ServerListing {
  readonly messages: readonly ServerMessage[];
  /** Unique-ids given to more than one message (RFC 1939 §7 forbids it). */
  readonly duplicates: ReadonlySet<string>;
  readonly hasUidl: boolean;
}

/** A `-ERR` to a single command leaves the session usable; anything else ended it. */
function refusedOnly(session: Pop3Session, error: unknown): boolean {
  return error instanceof Pop3Error && session.state === 'transaction';
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
  let sizes = new Map<number, number>();
  try {
    sizes = new Map((await session.list()).map((entry) => [entry.number, entry.size]));
  } catch (error) {
    if (!refusedOnly(session, error) || uidl === undefined) throw error;
  }
  if (uidl === undefined) {
    const messages = [...sizes].map(([number, size]) => ({ number, uidl: '', size }));
    return { messages, duplicates: new Set(), hasUidl: false };
  }
  const messages = uidl.entries.map((entry) => ({ number: entry.number, uidl: entry.uid, size: sizes.get(entry.number) ?? null }));
  return { messages, duplicates: uidl.duplicates, hasUidl: true };
}
