/**
 * The Server mailbox: what one account's POP3 server holds right now (UIDL, LIST and the header block
 * from `TOP n 0`, RFC 1939 §7), how each message stands relative to the store here, and the actions a
 * user may take on them. Also the protocol transcript of an account's last session.
 */
import { z } from 'zod';
import { createTranslator, type Translate } from './i18n/catalogs';
import type { MessageId } from './i18n/messages-en';
import type { ErrorData, ErrorWords } from './errors';
import { sayWords } from './error-words';
import type { ServerRuleMode } from './rules';

/** Messages larger than this are highlighted: often the one that blocks a slow connection. */
export const LARGE_MESSAGE_BYTES = 10 * 1024 * 1024;

/** Most messages one action may name. */
export const MAX_ACTION_MESSAGES = 10_000;

/**
 * How a server message stands here:
 * - `downloaded`: stored here in full;
 * - `headers-only`: only its header is stored here (a partial message);
 * - `not-downloaded`: not stored here; the next Send/Receive downloads it;
 * - `skipped`: known but deliberately not downloaded ("start fresh", or identical bytes already here);
 * - `delete-pending`: chosen for deletion; the server removes it at the end of the next session;
 * - `ambiguous`: the server gives its unique-id to several messages, so Mailbag never deletes it
 *   (Send/Receive stores each such message once, known by its content).
 */
export type ServerMessageState = 'downloaded' | 'headers-only' | 'not-downloaded' | 'skipped' | 'delete-pending' | 'ambiguous';

/** One message on the server. */
export interface ServerMailboxMessage {
  /** The message number in the listing session (RFC 1939 §3: valid only in that session). */
  readonly number: number;
  readonly uidl: string;
  /** Octets as LIST reports them, or null if the server did not say. */
  readonly size: number | null;
  /** The From header, decoded (RFC 2047), or '' when absent. */
  readonly from: string;
  readonly subject: string;
  /** The Date header as milliseconds since the epoch, or null when absent or unreadable. */
  readonly date: number | null;
  readonly state: ServerMessageState;
  /** The message stored here (full or partial), if any. */
  readonly localMessageId: number | null;
  /** Kept on the server forever: no policy deletes it. */
  readonly keptForever: boolean;
  /**
   * When the account's policy will remove it from the server (ms since the epoch; the next
   * Send/Receive at the earliest), or null when the policy keeps it.
   */
  readonly removalAt: number | null;
  /** Larger than `LARGE_MESSAGE_BYTES`. */
  readonly large: boolean;
  /** For a message not yet downloaded: the server rule that decides it at the next Send/Receive. */
  readonly serverRule?: { readonly name: string; readonly mode: ServerRuleMode };
}

/** What the server holds, with totals and what the server announced. */
export interface ServerMailboxListing {
  readonly accountId: string;
  /** When the server was listed (ms since the epoch). */
  readonly listedAt: number;
  readonly messages: readonly ServerMailboxMessage[];
  readonly totals: { readonly count: number; readonly bytes: number };
  /** Days the server keeps retrieved mail (RFC 2449 §6.7 EXPIRE), 'never', or null when not announced. */
  readonly expire: number | 'never' | null;
  /** Seconds the server wants between logins (RFC 2449 §6.5 LOGIN-DELAY), or null when not announced. */
  readonly loginDelaySeconds: number | null;
  /** The threshold above which a message is highlighted. */
  readonly largeMessageBytes: number;
  /** Per-message warnings: messages left out because the server's listing about them could not be understood (English, for logs and the command line). */
  readonly warnings: readonly string[];
  /** The same warnings as data, for the window to say in its language. */
  readonly skipped?: readonly ListingWarning[];
}

/**
 * Why the server's listing left a message out: a UIDL or LIST line that could not be understood
 * (RFC 1939 §7, §5), or a message number only one of the two listings gives.
 */
export interface ListingWarning {
  /** The message number, when the bad line started with one. */
  readonly number: number | null;
  readonly kind: 'bad-unique-id' | 'bad-size' | 'not-in-list' | 'no-unique-id';
  /** The line that could not be understood, control characters made visible and cut short. */
  readonly line?: string;
}

/** A listing warning as a catalog message, so a per-message error about it is said in the reader's language. */
export function listingWarningMessage(warning: ListingWarning): ErrorWords {
  const number = warning.number === null ? '?' : String(warning.number);
  switch (warning.kind) {
    case 'bad-unique-id':
    case 'bad-size': {
      const values = { part: warning.kind === 'bad-unique-id' ? 'uid' : 'size', line: warning.line ?? '' };
      return warning.number === null ? { id: 'server.skippedBadLineUnnumbered', values } : { id: 'server.skippedBadLine', values: { ...values, number } };
    }
    case 'not-in-list':
      return { id: 'server.skippedNotInList', values: { number } };
    case 'no-unique-id':
      return { id: 'server.skippedNoUid', values: { number } };
  }
}

/** The detail of a Server mailbox action's problem with one message: `Message UIDL`, then the problem's own detail. */
export function messageProblemDetail(uidl: string, detail: string | undefined): string {
  return `Message ${uidl}${detail === undefined ? '' : `: ${detail}`}`;
}

/** Reads back what `messageProblemDetail` wrote (a unique-id never holds a space, RFC 1939 §7), so the message can be named in the reader's language. */
export function messageProblemOf(detail: string): { readonly uidl: string; readonly detail?: string } | undefined {
  const match = /^Message (\S+)(?:: ([\s\S]*))?$/.exec(detail);
  if (match === null || match[1] === undefined) return undefined;
  return match[2] === undefined ? { uidl: match[1] } : { uidl: match[1], detail: match[2] };
}

/** A listing warning in the language of `t`; the server's line stays as the server sent it. */
export function listingWarningWords(t: Translate, warning: ListingWarning): string {
  return sayWords(t, listingWarningMessage(warning));
}

/** What an action did, and the server as it is afterwards. */
export interface ServerMailboxActionResult {
  readonly listing: ServerMailboxListing;
  /** Messages stored here in full by this action (new or completed). */
  readonly downloaded: number;
  /** Messages stored here as headers only by this action. */
  readonly partial: number;
  /** Messages the server confirmed deleting. */
  readonly deleted: number;
  /** Messages now kept on the server forever, or handed back to the policy. */
  readonly kept: number;
  /** Problems with single messages; the others were handled. */
  readonly errors: readonly ErrorData[];
}

/** Who talked to the server in a recorded session. */
export type TranscriptKind = 'send-receive' | 'server-mailbox';

/** One line of a protocol transcript. */
export interface TranscriptLine {
  /** `client` and `server` are protocol lines; `info` is Mailbag's own note (connect, TLS, body size). */
  readonly direction: 'client' | 'server' | 'info';
  readonly text: string;
  readonly time: number;
}

/** The protocol transcript of an account's last POP3 session, passwords redacted. */
export interface ServerTranscript {
  readonly accountId: string;
  readonly kind: TranscriptKind;
  readonly startedAt: number;
  readonly endedAt: number;
  /** Lines left out in the middle of a very long session. */
  readonly omitted: number;
  readonly lines: readonly TranscriptLine[];
}

const accountIdSchema = z.string().min(1).max(128);
/** A UIDL: 1 to 70 printable ASCII characters (RFC 1939 §7). */
export const uidlSchema = z.string().regex(/^[\x21-\x7e]{1,70}$/, 'A unique-id is 1 to 70 printable characters.');
const uidlsSchema = z.array(uidlSchema).min(1).max(MAX_ACTION_MESSAGES);

/** The actions on selected server messages. */
export type ServerMailboxAction = 'download' | 'download-headers' | 'keep-forever' | 'release' | 'delete';

/** Input of serverMailboxAction. Deleting must be confirmed (`confirmed: true`): it cannot be undone. */
export const serverMailboxActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ accountId: accountIdSchema, action: z.literal('download'), uidls: uidlsSchema }),
  z.strictObject({ accountId: accountIdSchema, action: z.literal('download-headers'), uidls: uidlsSchema }),
  z.strictObject({ accountId: accountIdSchema, action: z.literal('keep-forever'), uidls: uidlsSchema }),
  z.strictObject({ accountId: accountIdSchema, action: z.literal('release'), uidls: uidlsSchema }),
  z.strictObject({ accountId: accountIdSchema, action: z.literal('delete'), uidls: uidlsSchema, confirmed: z.literal(true) }),
]);

/** The Server mailbox's contract operations and their input schemas. */
export const serverMailboxOperationInputs = {
  /** Connects to the server and lists it (one POP3 session; refused while Send/Receive runs for the account). */
  listServerMailbox: z.strictObject({ accountId: accountIdSchema }),
  serverMailboxAction: serverMailboxActionSchema,
  /** The account's last recorded POP3 session. */
  getServerTranscript: z.strictObject({ accountId: accountIdSchema }),
} as const;

/** Each state's words in the catalogs. */
const STATE_WORDS: Readonly<Record<ServerMailboxMessage['state'], MessageId>> = {
  downloaded: 'server.stateDownloaded',
  'headers-only': 'server.stateHeadersOnly',
  'not-downloaded': 'server.stateNotDownloaded',
  skipped: 'server.stateSkipped',
  'delete-pending': 'server.stateDeletePending',
  ambiguous: 'server.stateAmbiguous',
};

/** What each server rule will do to a message at the next Send/Receive, in the catalogs. */
const RULE_WORDS: Readonly<Record<NonNullable<ServerMailboxMessage['serverRule']>['mode'], MessageId>> = {
  leave: 'server.ruleLeave',
  'headers-only': 'server.ruleHeaders',
  delete: 'server.ruleDelete',
};

/**
 * Plain words for a message's state, as the view and the command line show it, in the language of
 * `t` (English when absent).
 */
export function stateWords(
  message: Pick<ServerMailboxMessage, 'state' | 'removalAt' | 'keptForever' | 'serverRule'>,
  formatDate: (time: number) => string,
  t: Translate = createTranslator('en').t,
): string {
  const state = t(STATE_WORDS[message.state]);
  if (message.serverRule !== undefined && message.state === 'not-downloaded')
    return t(RULE_WORDS[message.serverRule.mode], { state, rule: message.serverRule.name });
  if (message.keptForever) return t('server.stateKept', { state });
  if (message.removalAt !== null) return t('server.stateRemoval', { state, day: formatDate(message.removalAt) });
  return state;
}
