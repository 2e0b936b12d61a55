/**
 * The Outbox: a persistent queue of composed messages in the store. A message is kept as its composed
 * raw bytes in the account's Outbox folder, so every attempt sends identical bytes with the same
 * Message-ID; after the server accepted it, the same stored message moves to Sent. Recipients that
 * accepted it are never sent it again; a send that may have reached the server is never repeated
 * without the user's "send again"; a send interrupted by a crash becomes "may have been sent".
 */
import { wordedError } from '../../../shared/error-words';
import { MailbagError } from '../../../shared/errors';
import { checkAddress, type MailAddress, type ParsedAddress } from '../../../shared/mail/address';
import { addressProblemWords } from '../../../shared/mail/address-problem-words';
import type { OutboxReasonValue, OutboxReasonWords } from '../../../shared/outbox-reason';
import { MAX_RECIPIENTS, NULL_REVERSE_PATH, type GroupRecipient, type OutgoingMessage } from '../../../shared/mail/outgoing';
import { DEFAULT_SMTP_TIMEOUTS, hasBccField, type ComposedMessage, type SmtpCredentials, type SmtpErrorData, type SmtpSendOutcome } from '../../protocols/smtp';
import type { MessageStore } from '../../storage/message-store';
import type { SqliteDatabase } from '../../storage/database';
import { folderIdForRole } from '../../storage/folders';
import {
  claimOutboxRow,
  deleteOutboxRow,
  dueOutboxIds,
  findOutboxRow,
  getOutboxRow,
  insertOutboxRow,
  listOutboxRows,
  markInterruptedSends,
  recordExpandedGroups,
  recordSmtpSizeLimit,
  replaceOutboxMessage,
  smtpSizeLimit,
  smtpSizeLimitRecord,
  updateOutboxRow,
  type NewOutboxRow,
  type OutboxAnswer,
  type OutboxRecipient,
  type OutboxRow,
  type OutboxState,
  type OutboxUrgency,
} from '../../storage/outbox';
import type { SmtpJobOptions } from '../../workers/smtp-client';
import type { SmtpJob } from '../../workers/smtp-messages';
import { smtpConnectOptions, smtpCredentials, smtpTokenCredentials } from '../account-login';
import type { AccountService } from '../accounts';
import { prepareEml } from './eml';
import { addRecipientHeaders, expandGroups, type GroupMembersLookup } from './group-expansion';
import { decideAfterSend, INTERRUPTED_REASON, reasonPair, recipientsToSkip, type OutboxAttemptResult } from './policy';

/** Failures that end before any message is sent: a password missing, from a failing command, or refused. */
const SIGN_IN_CODES: ReadonlySet<string> = new Set(['PASSWORD_NEEDED', 'PASSWORD_COMMAND', 'AUTH_FAILED']);

/** States in which a message may still be edited: nobody has been sent it yet. */
const EDITABLE_STATES: readonly OutboxState[] = ['queued', 'retrying', 'failed'];

/** Sends kept bytes (the SMTP worker's `sendInWorker`); always resolves with an outcome. */
export type OutboxSender = (job: Omit<Extract<SmtpJob, { kind: 'send' }>, 'kind'>, options?: SmtpJobOptions) => Promise<SmtpSendOutcome>;
/** Composes a message (the SMTP worker's `composeInWorker`). */
export type OutboxComposer = (message: OutgoingMessage) => Promise<{ readonly composed: ComposedMessage } | { readonly error: SmtpErrorData }>;

/** What the Outbox needs. */
export interface OutboxOptions {
  readonly database: SqliteDatabase;
  readonly store: MessageStore;
  readonly accounts: Pick<AccountService, 'get' | 'password' | 'accessToken' | 'renewAccessToken'>;
  readonly sendInWorker: OutboxSender;
  readonly composeInWorker: OutboxComposer;
  /** Milliseconds since the epoch; injected by tests to step through backoff delays. */
  readonly clock?: () => number;
  /**
   * Indexes stored messages not yet indexed (core.indexPending): called once a message is in the
   * Outbox, so it is listed with its subject and recipients and found by search at once, in the Outbox
   * and later in Sent, without waiting for a Send/Receive.
   */
  readonly indexPending?: () => Promise<void>;
  /**
   * Told, in the transaction that records it, that the server accepted a message for these recipients
   * (the address book counts them and collects them into "Collected addresses").
   */
  readonly onAccepted?: (storedMessageId: number, recipients: readonly string[]) => void;
  /**
   * A contact group's members now (the address book), read when a message addressed to the group is
   * sent; without it such a message fails with GROUP_UNAVAILABLE.
   */
  readonly groupMembers?: GroupMembersLookup;
}

/** A message to queue: the compose fields; `from` defaults to the account's own name and address. */
export type OutboxComposeInput = Omit<OutgoingMessage, 'from'> & { readonly from?: MailAddress };

/** A queued (or finished) message as the UI and the command line show it. */
export interface OutboxEntry {
  readonly id: number;
  readonly accountId: string;
  /** The stored message in the message store (its Outbox folder, then Sent). */
  readonly storedMessageId: number;
  readonly messageId: string;
  readonly state: OutboxState;
  /** Plain English words: why it is waiting, failed, or may have been sent; which recipients refused it. */
  readonly reason: string | null;
  readonly reasonCode: string | null;
  /** The same reason as data, said in the reader's language; null when only the English words are kept. */
  readonly reasonWords: OutboxReasonWords | null;
  readonly attempts: number;
  readonly nextAttemptAt: number | null;
  readonly recipients: readonly OutboxRecipient[];
  /** Contact groups not yet replaced by their members (that happens when the message is sent). */
  readonly groups: readonly GroupRecipient[];
  readonly size: number;
  readonly queuedAt: number;
  readonly sentAt: number | null;
  /** A queued message is not sent before this time (the undo delay); null when due at once. */
  readonly notBefore: number | null;
}

/** When a newly queued or edited message may be sent. */
export interface OutboxHold {
  /** Milliseconds since the epoch before which it is not sent (so Undo can still remove it). */
  readonly notBefore?: number;
}

/** What one flush did with one message. */
export interface OutboxFlushResult {
  readonly id: number;
  readonly accountId: string;
  readonly result: OutboxAttemptResult;
  readonly state: OutboxState;
  readonly reason: string | null;
  readonly reasonCode: string | null;
  readonly reasonWords: OutboxReasonWords | null;
  readonly recipients: readonly OutboxRecipient[];
}

/** The Outbox service. */
export interface Outbox {
  /**
   * Composes and queues a message; VALIDATION if a field is bad or it exceeds the server's SIZE.
   * `answers`: the stored original it replies to or forwards, marked so once the server accepted it.
   */
  queue(accountId: string, input: OutboxComposeInput, hold?: OutboxHold, answers?: OutboxAnswer): Promise<OutboxEntry>;
  /**
   * Composes and queues a message only if `claim` agrees, called with the new row's id in the very
   * transaction that inserts the row (a rule's answer is marked sent to the Outbox there, so a crash
   * never queues it twice). Null when `claim` refused: nothing is queued or kept.
   */
  queueClaimed(accountId: string, input: OutboxComposeInput, answers: OutboxAnswer, claim: (outboxId: number) => boolean): Promise<OutboxEntry | null>;
  /**
   * Queues a ready RFC 5322 message (envelope from its To/Cc/Bcc; Bcc removed from the bytes).
   * `nullReversePath`: sent with `MAIL FROM:<>` (a notification, RFC 5321 §4.5.5), or from the
   * account's address when the server refuses the empty sender.
   */
  queueRaw(accountId: string, eml: Uint8Array, options?: { readonly nullReversePath?: boolean }): Promise<OutboxEntry>;
  /** Replaces a message nobody has been sent yet with a newly composed one. */
  edit(id: number, input: OutboxComposeInput, hold?: OutboxHold): Promise<OutboxEntry>;
  list(options?: { readonly accountId?: string }): OutboxEntry[];
  get(id: number): OutboxEntry;
  /** Removes a message unless it is being sent (its stored bytes too, unless it went to Sent). */
  remove(id: number): Promise<void>;
  /**
   * Sends every due message (of one account), one after another; one result per message tried.
   * `urgency: 'now'` (a Send/Receive the user asked for) also sends messages waiting out a retry delay.
   */
  flush(options?: {
    readonly accountId?: string;
    readonly signal?: AbortSignal;
    readonly ids?: readonly number[];
    readonly urgency?: OutboxUrgency;
  }): Promise<OutboxFlushResult[]>;
  /** The user's decision to send a failed or "may have been sent" message again (to recipients not known to have it). */
  sendAgain(id: number): OutboxEntry;
  /**
   * After the user entered a password: messages of the account that failed only because no password
   * was at hand or the server refused it (so nothing reached a recipient) are queued again. Returns how many.
   */
  retryAfterSignIn(accountId: string): number;
  /** The SIZE limit (bytes) learned from the account's server, if any. */
  sizeLimit(accountId: string): number | undefined;
  /** Whether the account's server was ever asked for its SIZE limit, and what it said (undefined: never asked). */
  sizeLimitRecord(accountId: string): { readonly maxMessageSize: number | undefined } | undefined;
  /** Records a SIZE limit learned elsewhere (account setup's probe). */
  recordSizeLimit(accountId: string, maxMessageSize: number | undefined): void;
}

function toEntry(row: OutboxRow): OutboxEntry {
  return {
    id: row.id,
    accountId: row.accountId,
    storedMessageId: row.messageId,
    messageId: row.rfcMessageId,
    state: row.state,
    reason: row.reason,
    reasonCode: row.reasonCode,
    reasonWords: row.reasonWords,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    recipients: row.recipients,
    groups: row.groups,
    size: row.size,
    queuedAt: row.queuedAt,
    sentAt: row.sentAt,
    notBefore: row.notBefore,
  };
}

/** Megabytes with one decimal, as a number the message formats in the reader's locale. */
function megabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}

/**
 * Creates the Outbox. When this process holds the store's writer lock, messages a crash left in
 * `sending` become "may have been sent" first (another running Mailbag may be sending them otherwise).
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const { database, store, accounts } = options;
  const clock = options.clock ?? Date.now;
  if (store.holdsWriterLock) markInterruptedSends(database, INTERRUPTED_REASON.reason, 'NETWORK', clock(), INTERRUPTED_REASON.reasonWords);

  const settingsOf = (accountId: string) => {
    const settings = accounts.get(accountId).settings;
    if (settings === null) throw wordedError('VALIDATION', { id: 'serviceError.outbox.accountIncomplete' });
    return settings;
  };

  const senderOf = (accountId: string): ParsedAddress => {
    const checked = checkAddress({ address: settingsOf(accountId).address });
    if (!checked.ok) throw wordedError('VALIDATION', { id: 'serviceError.outbox.senderUnusable', values: { problem: addressProblemWords(checked.problem) } });
    return checked.value;
  };

  const checkSize = (accountId: string, size: number): void => {
    const limit = smtpSizeLimit(database, accountId);
    // RFC 1870 §6.1: a message larger than the announced SIZE must not be sent; say so before queueing.
    if (limit !== undefined && size > limit) {
      throw wordedError(
        'VALIDATION',
        { id: 'serviceError.outbox.tooLarge', values: { size: megabytes(size), limit: megabytes(limit) } },
        { detail: `${size} > ${limit} bytes (SIZE from EHLO)` },
      );
    }
  };

  const compose = async (accountId: string, input: OutboxComposeInput): Promise<ComposedMessage & { readonly groups: readonly GroupRecipient[] }> => {
    const settings = settingsOf(accountId);
    const message: OutgoingMessage = { ...input, from: input.from ?? { name: settings.displayName, address: settings.address } };
    const composed = await options.composeInWorker(message);
    if ('error' in composed) throw MailbagError.fromData(composed.error);
    if (hasBccField(composed.composed.raw)) throw wordedError('INTERNAL', { id: 'serviceError.outbox.bccInComposed' });
    return { ...composed.composed, groups: input.groups ?? [] };
  };

  /** Stores the bytes in the Outbox folder (durably) and returns the row's fields. */
  const storeBytes = async (
    accountId: string,
    message: { raw: Uint8Array; messageId: string; envelope: ComposedMessage['envelope']; eightBit: boolean; groups?: readonly GroupRecipient[] },
    hold: OutboxHold = {},
  ): Promise<NewOutboxRow> => {
    checkSize(accountId, message.raw.byteLength);
    const stored = await store.addMessage({ accountId, folder: 'outbox', seen: true, receivedAt: clock() }, message.raw);
    if (stored.messageId === null) throw wordedError('INTERNAL', { id: 'serviceError.outbox.notStored' });
    return {
      accountId,
      messageId: stored.messageId,
      rfcMessageId: message.messageId,
      envelopeFrom: message.envelope.from,
      recipients: message.envelope.to,
      needsSmtpUtf8: message.envelope.needsSmtpUtf8,
      eightBit: message.eightBit,
      size: message.raw.byteLength,
      ...(hold.notBefore === undefined ? {} : { notBefore: hold.notBefore }),
      ...(message.groups === undefined || message.groups.length === 0 ? {} : { groups: message.groups }),
    };
  };

  const enqueue = async (
    accountId: string,
    message: Parameters<typeof storeBytes>[1],
    hold: OutboxHold = {},
    answers?: OutboxAnswer,
    claim?: (outboxId: number) => boolean,
  ): Promise<OutboxEntry | null> => {
    const row = await storeBytes(accountId, message, hold);
    const id = database
      .transaction(() => {
        // An original deleted while the answer was written is no reason to keep the answer from going.
        const stillStored = answers !== undefined && database.prepare('select 1 from messages where id = ?').get(answers.messageId) !== undefined;
        const inserted = insertOutboxRow(database, answers !== undefined && stillStored ? { ...row, answers } : row, clock());
        if (claim === undefined || claim(inserted)) return inserted;
        database.prepare('delete from outbox where id = ?').run(inserted);
        return null;
      })
      .immediate();
    if (id === null) {
      await store.deleteMessagesPermanently([row.messageId]);
      return null;
    }
    await options.indexPending?.();
    return toEntry(getOutboxRow(database, id));
  };
  const enqueued = (entry: OutboxEntry | null): OutboxEntry => {
    if (entry === null) throw wordedError('INTERNAL', { id: 'serviceError.outbox.notQueued' });
    return entry;
  };

  /**
   * Writes the members of the row's contact groups into its bytes and envelope (stored durably before
   * the earlier bytes are deleted), so every attempt from here on sends the same expanded message.
   */
  const expandRow = async (claimed: OutboxRow): Promise<OutboxRow> => {
    if (claimed.groups.length === 0) return claimed;
    const members: GroupMembersLookup = options.groupMembers ?? (() => null);
    const expansion = expandGroups(
      claimed.groups,
      claimed.recipients.map((recipient) => recipient.address),
      members,
    );
    if (expansion.envelope.length > MAX_RECIPIENTS)
      throw wordedError('VALIDATION', { id: 'serviceError.outbox.tooManyRecipients', values: { max: String(MAX_RECIPIENTS) } });
    const raw = addRecipientHeaders(await store.readRawMessage(claimed.messageId), expansion);
    checkSize(claimed.accountId, raw.byteLength);
    const stored = await store.addMessage({ accountId: claimed.accountId, folder: 'outbox', seen: true, receivedAt: clock() }, raw);
    if (stored.messageId === null) throw wordedError('INTERNAL', { id: 'serviceError.outbox.notStored' });
    const recorded = recordExpandedGroups(
      database,
      claimed.id,
      {
        messageId: stored.messageId,
        recipients: expansion.envelope,
        needsSmtpUtf8: claimed.needsSmtpUtf8 || expansion.needsSmtpUtf8,
        eightBit: raw.some((byte) => byte > 0x7f),
        size: raw.byteLength,
      },
      clock(),
    );
    await store.deleteMessagesPermanently([recorded ? claimed.messageId : stored.messageId]);
    if (!recorded) throw wordedError('CANCELLED', { id: 'serviceError.outbox.removedWhileSending' });
    await options.indexPending?.();
    return getOutboxRow(database, claimed.id);
  };

  const attempt = async (claimed: OutboxRow, signal: AbortSignal | undefined): Promise<OutboxFlushResult> => {
    let outcome: SmtpSendOutcome;
    let row = claimed;
    try {
      row = await expandRow(claimed);
      const settings = settingsOf(row.accountId);
      const raw = await store.readRawMessage(row.messageId);
      const { signal: _signal, transcript: _transcript, ...connection } = smtpConnectOptions(settings, {});
      const sendFrom = (credentials: SmtpCredentials | undefined, from: string): Promise<SmtpSendOutcome> =>
        options.sendInWorker(
          {
            connection: { ...connection, timeouts: DEFAULT_SMTP_TIMEOUTS },
            ...(credentials === undefined ? {} : { credentials }),
            message: {
              raw,
              envelope: { from, to: row.recipients.map((recipient) => recipient.address), needsSmtpUtf8: row.needsSmtpUtf8 },
              eightBit: row.eightBit,
            },
            skipRecipients: recipientsToSkip(row.recipients),
          },
          signal === undefined ? {} : { signal },
        );
      const send = async (credentials: SmtpCredentials | undefined): Promise<SmtpSendOutcome> => {
        const first = await sendFrom(credentials, row.envelopeFrom);
        // A server whose policy refuses the empty sender for good gets the notification from the account's address.
        const refusedEmptySender =
          row.envelopeFrom === NULL_REVERSE_PATH && first.kind === 'failed' && first.error.command === 'MAIL FROM' && first.error.code === 'SERVER_PERMANENT';
        return refusedEmptySender ? sendFrom(credentials, senderOf(row.accountId).envelope) : first;
      };
      if (settings.signInWith !== undefined && settings.outgoing.credentials !== 'none') {
        // The provider's access token; a refusal renews it once (a revoked sign-in asks to sign in again).
        const token = await accounts.accessToken(row.accountId);
        outcome = await send(smtpTokenCredentials(settings, token));
        if (outcome.kind === 'failed' && outcome.error.code === 'AUTH_FAILED') {
          outcome = await send(smtpTokenCredentials(settings, await accounts.renewAccessToken(row.accountId, token)));
        }
      } else {
        const password = await accounts.password(row.accountId, 'smtp');
        if (password === undefined && settings.outgoing.credentials !== 'none')
          // English for `--json` and the log; the window and the command line word it from the code (shared/outbox-reason.ts).
          throw wordedError('PASSWORD_NEEDED', { id: 'outbox.passwordNeeded' });
        outcome = await send(smtpCredentials(settings, password));
      }
    } catch (error) {
      // Nothing reached the server: the message waits, with the reason, for the user to act.
      const data = error instanceof MailbagError ? error : wordedError('INTERNAL', { id: 'outbox.reason.couldNotStart' }, { cause: error });
      // Said in the reader's language when the error carries a catalog message, else in its own words.
      const said: OutboxReasonWords =
        data.words === undefined ? { text: data.message } : { id: data.words.id, ...(data.words.values === undefined ? {} : { values: data.words.values }) };
      // The detail too, where it is a catalog message ("Server said: …"); else its own words.
      const detail: OutboxReasonValue | undefined = data.detailWords ?? data.detail;
      const { reason, reasonWords } = reasonPair(detail === undefined ? said : { id: 'outbox.reason.withDetail', values: { reason: said, detail } });
      updateOutboxRow(
        database,
        row.id,
        { state: 'failed', recipients: row.recipients, attempts: row.attempts, nextAttemptAt: null, reason, reasonCode: data.code, reasonWords, sentAt: null },
        clock(),
        ['sending'],
      );
      const after = getOutboxRow(database, row.id);
      return {
        id: row.id,
        accountId: row.accountId,
        result: 'failed',
        state: after.state,
        reason,
        reasonCode: data.code,
        reasonWords: after.reasonWords,
        recipients: after.recipients,
      };
    }
    const now = clock();
    if (outcome.server !== undefined) recordSmtpSizeLimit(database, row.accountId, outcome.server.maxMessageSize, now);
    const decision = decideAfterSend(row, outcome, now);
    database
      .transaction(() => {
        // The row may be gone (its message deleted meanwhile): then there is nothing to move.
        const updated = updateOutboxRow(database, row.id, decision.update, now, ['sending']);
        if (updated && decision.moveToSent) store.moveMessages([row.messageId], folderIdForRole(database, row.accountId, 'sent'));
        // Only now, with the server's acceptance, is the original answered or forwarded (never for a draft or a failed send).
        const answers = updated && decision.update.state === 'sent' ? findOutboxRow(database, row.id)?.answers : null;
        if (answers !== null && answers !== undefined) store.setFlags([answers.messageId], answers.kind === 'reply' ? { answered: true } : { forwarded: true });
        if (updated && options.onAccepted !== undefined) {
          const before = new Set(row.recipients.filter((recipient) => recipient.status === 'accepted').map((recipient) => recipient.address));
          const accepted = decision.update.recipients.filter((recipient) => recipient.status === 'accepted' && !before.has(recipient.address));
          if (accepted.length > 0)
            options.onAccepted(
              row.messageId,
              accepted.map((recipient) => recipient.address),
            );
        }
      })
      .immediate();
    return {
      id: row.id,
      accountId: row.accountId,
      result: decision.result,
      state: decision.update.state,
      reason: decision.update.reason,
      reasonCode: decision.update.reasonCode,
      reasonWords: decision.update.reasonWords ?? null,
      recipients: decision.update.recipients,
    };
  };

  return {
    async queue(accountId, input, hold = {}, answers) {
      return enqueued(await enqueue(accountId, await compose(accountId, input), hold, answers));
    },

    async queueClaimed(accountId, input, answers, claim) {
      return enqueue(accountId, await compose(accountId, input), {}, answers, claim);
    },

    async queueRaw(accountId, eml, rawOptions = {}) {
      return enqueued(await enqueue(accountId, prepareEml(eml, senderOf(accountId), clock(), rawOptions)));
    },

    async edit(id, input, hold = {}) {
      const current = getOutboxRow(database, id);
      const untouched = (row: OutboxRow): boolean =>
        EDITABLE_STATES.includes(row.state) && row.recipients.every((recipient) => recipient.status === 'pending' || recipient.status === 'refused');
      if (!untouched(current)) throw wordedError('VALIDATION', { id: 'serviceError.outbox.sendingStarted' });
      const row = await storeBytes(current.accountId, await compose(current.accountId, input), hold);
      const replaced = database
        .transaction(() => {
          const latest = findOutboxRow(database, id);
          return latest !== undefined && untouched(latest) && replaceOutboxMessage(database, id, row, clock(), EDITABLE_STATES);
        })
        .immediate();
      await store.deleteMessagesPermanently([replaced ? current.messageId : row.messageId]);
      if (!replaced) throw wordedError('VALIDATION', { id: 'serviceError.outbox.sendingStarted' });
      await options.indexPending?.();
      return toEntry(getOutboxRow(database, id));
    },

    list(listOptions = {}) {
      return listOutboxRows(database, listOptions.accountId).map(toEntry);
    },

    get(id) {
      return toEntry(getOutboxRow(database, id));
    },

    async remove(id) {
      getOutboxRow(database, id);
      const removed = deleteOutboxRow(database, id);
      if (removed === undefined) throw wordedError('VALIDATION', { id: 'serviceError.outbox.removeWhileSending' });
      if (removed.state !== 'sent') await store.deleteMessagesPermanently([removed.messageId]);
    },

    async flush(flushOptions = {}) {
      const results: OutboxFlushResult[] = [];
      const wanted = flushOptions.ids === undefined ? undefined : new Set(flushOptions.ids);
      const urgency = flushOptions.urgency ?? 'scheduled';
      for (const id of dueOutboxIds(database, clock(), flushOptions.accountId, urgency)) {
        if (flushOptions.signal?.aborted === true) break;
        if (wanted !== undefined && !wanted.has(id)) continue;
        const row = claimOutboxRow(database, id, clock(), urgency);
        if (row === undefined) continue;
        results.push(await attempt(row, flushOptions.signal));
      }
      return results;
    },

    sendAgain(id) {
      const row = getOutboxRow(database, id);
      if (row.state !== 'failed' && row.state !== 'ambiguous') {
        throw wordedError('VALIDATION', { id: 'serviceError.outbox.notResendable', values: { state: row.state } });
      }
      // The user decided: recipients not known to have the message are sent it again.
      const recipients = row.recipients.map((recipient): OutboxRecipient =>
        recipient.status === 'accepted' ? recipient : { address: recipient.address, status: 'pending' },
      );
      const changed = updateOutboxRow(
        database,
        id,
        { state: 'queued', recipients, attempts: 0, nextAttemptAt: null, reason: null, reasonCode: null, sentAt: null },
        clock(),
        [row.state],
      );
      if (!changed) throw wordedError('VALIDATION', { id: 'serviceError.outbox.changedMeanwhile' });
      return toEntry(getOutboxRow(database, id));
    },

    retryAfterSignIn(accountId) {
      let count = 0;
      for (const row of listOutboxRows(database, accountId)) {
        const signInOnly = row.state === 'failed' && row.reasonCode !== null && SIGN_IN_CODES.has(row.reasonCode);
        if (!signInOnly || !row.recipients.every((recipient) => recipient.status === 'pending')) continue;
        if (
          updateOutboxRow(
            database,
            row.id,
            { state: 'queued', recipients: row.recipients, attempts: 0, nextAttemptAt: null, reason: null, reasonCode: null, sentAt: null },
            clock(),
            ['failed'],
          )
        )
          count += 1;
      }
      return count;
    },

    sizeLimit(accountId) {
      return smtpSizeLimit(database, accountId);
    },

    sizeLimitRecord(accountId) {
      return smtpSizeLimitRecord(database, accountId);
    },

    recordSizeLimit(accountId, maxMessageSize) {
      recordSmtpSizeLimit(database, accountId, maxMessageSize, clock());
    },
  };
}
