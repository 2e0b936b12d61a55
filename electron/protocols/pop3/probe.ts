/**
 * What a signed-in POP3 session can do when the server does not announce it: servers without CAPA
 * (RFC 1939 only, such as popa3d and Solid POP3) may still have UIDL and TOP, which RFC 1939 §7 lists
 * as optional commands. Trying them is the only way to know.
 */
import { Writable } from 'node:stream';
import { wordedError } from '../../../shared/error-words';
import type { ErrorWords } from '../../../shared/errors';
import { Pop3Error, type Pop3Session } from './';

/** The explanation given when mail cannot be left on a server (receive gives the same at every check), as a catalog message. */
export const CANNOT_LEAVE_MAIL_WORDS: ErrorWords = { id: 'storageError.cannotLeaveMail' };

/** Support for an optional command: announced or tried, or unknown (nothing to try it on). */
export type CommandSupport = 'yes' | 'no' | 'unknown';

/** What the server can do, from CAPA or, without CAPA, from trying the commands. */
export interface OptionalCommands {
  readonly uidl: CommandSupport;
  readonly top: CommandSupport;
  /** Whether the answers come from trying the commands (no CAPA) rather than from the listing. */
  readonly probed: boolean;
}

/** A sink that keeps nothing: TOP n 0 is only tried, never kept. */
function discard(): Writable {
  return new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
}

async function answers(work: () => Promise<unknown>): Promise<CommandSupport> {
  try {
    await work();
    return 'yes';
  } catch (error) {
    // A plain -ERR is "not supported"; a failed session is a failure of the check, not an answer.
    if (error instanceof Pop3Error && error.code !== 'NETWORK' && error.code !== 'TIMEOUT' && error.code !== 'PROTOCOL_ERROR' && error.code !== 'CANCELLED')
      return 'no';
    throw error;
  }
}

/**
 * UIDL and TOP support of a signed-in session: from CAPA when the server announced it, otherwise by
 * trying `UIDL` (the whole listing, cheap for an empty maildrop; `UIDL 1` otherwise) and `TOP 1 0`
 * (only possible when there is a message).
 */
export async function optionalCommands(session: Pop3Session): Promise<OptionalCommands> {
  const capabilities = session.capabilities;
  if (capabilities.announced) {
    return { uidl: capabilities.uidl ? 'yes' : 'no', top: capabilities.top ? 'yes' : 'no', probed: false };
  }
  const { count } = await session.stat();
  if (count === 0) return { uidl: await answers(() => session.uidl()), top: 'unknown', probed: true };
  return {
    uidl: await answers(() => session.uidlOne(1)),
    top: await answers(() => session.top(1, 0, discard())),
    probed: true,
  };
}

/**
 * Refuses to keep mail on a server that can neither name its messages nor show their headers: the
 * receive would download everything again at every check. Leaves alone a policy that deletes.
 */
export function assertCanLeaveMail(commands: OptionalCommands, keepsMail: boolean): void {
  if (keepsMail && commands.uidl === 'no' && commands.top === 'no') {
    throw wordedError('SERVER_PERMANENT', CANNOT_LEAVE_MAIL_WORDS);
  }
}
