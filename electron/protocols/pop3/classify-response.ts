import type { ErrorWords } from '../../../shared/errors';
import { withoutLinks } from '../../../shared/terminal-text';
import { wordedPop3Error, type Pop3Error, type Pop3ErrorCode } from './errors';
import type { Pop3StatusLine } from './status-line';

/** A refused STLS (RFC 2595 §4): the account requires encryption the server would not start. */
const STLS_REFUSED: ErrorWords = { id: 'tls.stlsRefused' };

/** Where in the conversation a `-ERR` arrived; the same words mean different things in each. */
export type Pop3ErrorPhase = 'greeting' | 'tls' | 'authentication' | 'transaction' | 'update';

/** What a response code or wording means for the user, before it becomes an error. */
interface Classification {
  readonly code: Pop3ErrorCode;
  readonly retryable?: boolean;
  /** The message as a catalog message, so the window and the command line say it in their language. */
  readonly words: ErrorWords;
}

/**
 * Maps an RFC 2449 §8 / RFC 3206 response code to a classification. Codes are hierarchical, so an
 * unknown sub-level falls back to its parent (`SYS/TEMP/DISK` is `SYS/TEMP`).
 */
export function classifyResponseCode(responseCode: string): Classification | undefined {
  const levels = responseCode.toUpperCase().split('/');
  const top = levels[0] ?? '';
  switch (top) {
    case 'IN-USE': // RFC 2449 §8.1.1: another session holds the maildrop lock
      return { code: 'MAILBOX_BUSY', words: { id: 'protocolError.mailboxInUse' } };
    case 'LOGIN-DELAY': // RFC 2449 §8.1.2: signed in too soon after the previous session
      return {
        code: 'MAILBOX_BUSY',
        words: { id: 'protocolError.loginDelay' },
      };
    case 'AUTH': // RFC 3206 §5: the credentials themselves were wrong
      return { code: 'AUTH_FAILED', words: { id: 'protocolError.credentialsRefused' } };
    case 'SYS': // RFC 3206 §4
      if (levels[1] === 'TEMP') {
        return { code: 'SERVER_TEMPORARY', words: { id: 'protocolError.serverTemporary' } };
      }
      if (levels[1] === 'PERM') {
        return { code: 'SERVER_PERMANENT', words: { id: 'protocolError.serverPermanent' } };
      }
      return undefined;
    default:
      return undefined;
  }
}

const BUSY_WORDS =
  /\b(in[ -]use|locked|lock file|already (?:locked|in use|logged in|connected|active)|another (?:session|client|process|connection)|mailbox (?:is )?busy|maildrop (?:is )?busy)\b/i;
const DELAY_WORDS = /\b(login[ -]delay|too (?:soon|often|frequent|many (?:logins|connections|sessions))|wait \d+)/i;
const TEMPORARY_WORDS = /\b(temporar(?:y|ily)|try (?:again )?later|unavailable|overload(?:ed)?|timed? ?out)\b/i;
const CREDENTIAL_WORDS =
  /\b(password|passwd|credentials?|authentication failed|invalid (?:user(?:name)?|login)|bad (?:user(?:name)?|login)|unknown user|no such user|(?:login|logon) (?:failed|incorrect|rejected)|incorrect|wrong)\b/i;

/**
 * The wording heuristics used when the server gives no response code. Deliberately cautious: only
 * clear words about credentials make an AUTH_FAILED, because telling the user their password is wrong
 * when the mailbox is merely locked makes them retype (or lose) a good password.
 */
function classifyWording(text: string, phase: Pop3ErrorPhase): Classification {
  if (BUSY_WORDS.test(text)) {
    return { code: 'MAILBOX_BUSY', words: { id: 'protocolError.mailboxSeemsInUse' } };
  }
  if (DELAY_WORDS.test(text)) {
    return { code: 'MAILBOX_BUSY', words: { id: 'protocolError.loginDelay' } };
  }
  if (TEMPORARY_WORDS.test(text)) {
    return { code: 'SERVER_TEMPORARY', words: { id: 'protocolError.serverReportsTemporary' } };
  }
  switch (phase) {
    case 'authentication':
      if (CREDENTIAL_WORDS.test(text)) {
        return { code: 'AUTH_FAILED', words: { id: 'protocolError.credentialsRefused' } };
      }
      return { code: 'SERVER_PERMANENT', words: { id: 'protocolError.signInRefused' } };
    case 'greeting':
      return { code: 'SERVER_TEMPORARY', words: { id: 'protocolError.connectionRefused' }, retryable: true };
    case 'tls':
      return { code: 'TLS_REQUIRED', words: STLS_REFUSED };
    case 'transaction':
      return { code: 'SERVER_PERMANENT', words: { id: 'protocolError.commandRefused' } };
    case 'update':
      return {
        code: 'SERVER_TEMPORARY',
        words: { id: 'protocolError.updateFailed' },
      };
  }
}

/** Whether `phase` comes before the user is signed in (and, with STLS, before encryption). */
function beforeSignIn(phase: Pop3ErrorPhase): boolean {
  return phase === 'greeting' || phase === 'tls';
}

/**
 * Turns a `-ERR` status line into a typed error. Response codes decide when present (RFC 2449 §8,
 * RFC 3206); otherwise the wording heuristics above, which never default to "wrong password".
 * Before sign-in no credential has been sent, so a response code there (`[AUTH]` in a greeting or an
 * STLS refusal, possibly injected before TLS) is never taken as a sign-in result: the server refused
 * the connection, and the links in its words are not shown.
 */
export function errorFromResponse(status: Pop3StatusLine, line: string, phase: Pop3ErrorPhase, command: string | undefined): Pop3Error {
  const trusted = !beforeSignIn(phase);
  const coded = status.responseCode === undefined ? undefined : classifyResponseCode(status.responseCode);
  // A busy or broken server may say so at any time; only a sign-in can be refused for its credentials.
  const fromCode = coded?.code === 'AUTH_FAILED' && !trusted ? undefined : coded;
  const keepCode = status.responseCode !== undefined && fromCode !== undefined;
  const classification = fromCode ?? classifyWording(status.text, phase);
  return wordedPop3Error(classification.code, classification.words, {
    response: trusted ? line : withoutLinks(line),
    ...(command === undefined ? {} : { command }),
    ...(keepCode ? { responseCode: status.responseCode } : {}),
    ...(classification.retryable === undefined ? {} : { retryable: classification.retryable }),
  });
}
