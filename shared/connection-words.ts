/**
 * Connection failures in plain words with the next step, instead of the system's own text
 * ("connect ECONNREFUSED 127.0.0.1:995"), which is kept as the error's detail for support. Shared by
 * the POP3 and SMTP engines so both protocols, the window, the Outbox and the command line say the same.
 */

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

/** The plain words and next step for a connection problem. */
export function connectionProblemWords(problem: ConnectionProblem, target?: ConnectionTarget): string {
  const server = target === undefined ? 'The server' : target.host;
  const port = target === undefined ? '' : ` on port ${target.port}`;
  switch (problem) {
    case 'refused':
      return `${server} refused the connection${port}: the mail server may be down, or the port may be wrong. Try again later, or check the port in the account settings.`;
    case 'no-route':
      return `There is no network route to ${target?.host ?? 'the server'}. Check that this computer is online (Wi-Fi, cable or VPN), then try again.`;
    case 'name-not-found':
      return `The server name ${target === undefined ? '' : `“${target.host}” `}was not found. Check it for typing mistakes in the account settings, and check that this computer is online.`;
    case 'timed-out':
      return `${server} did not answer${port}. The server may be down, or a firewall may block the port. Try again later.`;
    case 'broken-off':
      return `The connection to ${target?.host ?? 'the server'} was broken off. Try again; if it keeps happening, check the server settings.`;
  }
}
