/**
 * A Server mailbox session as it crosses to its worker thread: the profile, the account's connection
 * and credentials, and what to do. Plain data only (no functions, no signal), like a `ReceiveJob`.
 */
import type { ServerRuleMode } from '../../../shared/rules';
import type { ListingWarning } from '../../../shared/server-mailbox';
import type { ErrorData } from '../../../shared/errors';
import type { Pop3Credentials } from '../../protocols/pop3';
import type { ReceiveConnection } from '../receive/receive-job';

/** What the session does after listing the server. */
export type ServerMailboxRequest =
  | { readonly kind: 'list' }
  /** Stores these messages here: in full (completing partial ones), or their headers only. */
  | { readonly kind: 'download'; readonly uidls: readonly string[]; readonly headersOnly: boolean }
  /** Deletes these messages on the server through the deletion engine (reason `deleted-by-user`). */
  | { readonly kind: 'delete'; readonly uidls: readonly string[] };

/** One Server mailbox session. */
export interface ServerMailboxJob {
  readonly accountId: string;
  readonly databaseFile: string;
  readonly rawDirectory: string;
  readonly connection: ReceiveConnection;
  readonly credentials: Pop3Credentials;
  readonly request: ServerMailboxRequest;
}

/** One message as the server lists it, with its header summary. */
export interface ServerEntry {
  readonly number: number;
  readonly uidl: string;
  readonly size: number | null;
  readonly from: string;
  readonly subject: string;
  readonly date: number | null;
  /** The first server rule its header section and size match, if any (acted on at the next Send/Receive when it is new). */
  readonly rule?: { readonly name: string; readonly mode: ServerRuleMode };
}

/** What a session saw and did. */
export interface ServerSessionResult {
  readonly listedAt: number;
  /** The server's messages after the session (deleted ones removed). */
  readonly entries: readonly ServerEntry[];
  /** Unique-ids the server gives to several messages (RFC 1939 §7 forbids it): left alone. */
  readonly duplicates: readonly string[];
  readonly hasUidl: boolean;
  readonly expire: number | 'never' | null;
  readonly loginDelaySeconds: number | null;
  readonly downloaded: number;
  readonly partial: number;
  readonly deleted: number;
  readonly errors: readonly ErrorData[];
  /** Messages left out of `entries` because the server's listing about them could not be understood, in plain words. */
  readonly skipped: readonly string[];
  /** The same as data, for the window to say in its language. */
  readonly skippedWarnings?: readonly ListingWarning[];
}

/** How a session ended: its result, or its error as data (what was stored stays stored). */
export type ServerSessionOutcome = { readonly ok: true; readonly result: ServerSessionResult } | { readonly ok: false; readonly error: ErrorData };
