/**
 * Connection failures in plain words with the next step, instead of the system's own text
 * ("connect ECONNREFUSED 127.0.0.1:995"), which is kept as the error's detail for support. Shared by
 * the POP3 and SMTP engines so both protocols, the window, the Outbox and the command line say the same.
 */
import type { ErrorWords } from './errors';
import type { MessageId } from './i18n/messages-en';

/** The kinds of connection failure a person can act on differently. */
export type ConnectionProblem = 'refused' | 'no-route' | 'name-not-found' | 'timed-out' | 'broken-off';

/** System error codes (errno names, as Node reports them) by the problem they mean. */
const PROBLEM_BY_SYSTEM_CODE: Readonly<Record<string, ConnectionProblem>> = {
  ECONNREFUSED: 'refused',
  EHOSTUNREACH: 'no-route',
  ENETUNREACH: 'no-route',
  ENETDOWN: 'no-route',
  EHOSTDOWN: 'no-route',
  EADDRNOTAVAIL: 'no-route',
  ENOTFOUND: 'name-not-found',
  EAI_AGAIN: 'name-not-found',
  EAI_NONAME: 'name-not-found',
  EAI_FAIL: 'name-not-found',
  ETIMEDOUT: 'timed-out',
  ECONNRESET: 'broken-off',
  EPIPE: 'broken-off',
  ECONNABORTED: 'broken-off',
};

/** The problem a system error code means, or undefined for a code that is not about connecting. */
export function connectionProblemOf(systemCode: string | undefined): ConnectionProblem | undefined {
  return systemCode === undefined ? undefined : PROBLEM_BY_SYSTEM_CODE[systemCode];
}

/** The system error code in an error or its text ("connect ECONNREFUSED 127.0.0.1:995" → ECONNREFUSED). */
export function systemCodeOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null) {
    for (const key of ['originalCode', 'code'] as const) {
      const value = (error as Record<string, unknown>)[key];
      if (typeof value === 'string' && connectionProblemOf(value) !== undefined) return value;
    }
  }
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return /\b(E[A-Z_]{3,})\b/.exec(text)?.[1];
}

/** Where the connection went, when known: named in the words. */
export interface ConnectionTarget {
  readonly host: string;
  readonly port: number;
}

/** The messages of each problem: naming the host (and port) when known, or "the server". */
const PROBLEM_MESSAGES: Readonly<Record<ConnectionProblem, { readonly named: MessageId; readonly unnamed: MessageId }>> = {
  refused: { named: 'connection.refused', unnamed: 'connection.refusedServer' },
  'no-route': { named: 'connection.noRoute', unnamed: 'connection.noRouteServer' },
  'name-not-found': { named: 'connection.nameNotFound', unnamed: 'connection.nameNotFoundServer' },
  'timed-out': { named: 'connection.timedOut', unnamed: 'connection.timedOutServer' },
  'broken-off': { named: 'connection.brokenOff', unnamed: 'connection.brokenOffServer' },
};

/**
 * The plain words and next step for a connection problem, as a catalog message: the engines keep its
 * English as the error's message (what `--json` shows) and the window and command line say it in
 * their language. A port is passed as written (never grouped like a number).
 */
export function connectionProblemWords(problem: ConnectionProblem, target?: ConnectionTarget): ErrorWords {
  const messages = PROBLEM_MESSAGES[problem];
  return target === undefined ? { id: messages.unnamed } : { id: messages.named, values: { host: target.host, port: String(target.port) } };
}
