/**
 * The compose and Outbox operations: reply/forward/mailto drafts built by the pure builders of
 * `shared/compose.ts`, and messages queued in the Outbox with their attachments as bytes — base64 from
 * the renderer, or read by main from stored messages (a forward) — never a path or URL.
 */
import { wordedError } from '../../shared/error-words';
import type { Account, Identity } from '../../shared/accounts';
import { randomUUID } from 'node:crypto';
import { appendSignature, attachmentsNotShownInline, buildAnswer, isMessageId, type ComposeDraft, type ComposeIdentity } from '../../shared/compose';
import { checkAddress } from '../../shared/mail/address';
import { buildReadReceipt } from '../protocols/smtp';
import { MAX_TOTAL_ATTACHMENT_BYTES, type composeMessageSchema } from '../../shared/compose-ops';
import type { MessageView } from '../../shared/mail';
import { checkOutgoingMessage, type OutgoingAttachment, type OutgoingMessage } from '../../shared/mail/outgoing';
import { parseMailto } from '../../shared/mailto';
import type { z } from 'zod';
import type { OperationInput } from '../../shared/ipc/contract';
import type { CallContext, Handlers } from '../ipc/registry';
import type { AccountService } from '../services/accounts';
import type { EventHub } from '../services/events';
import { describeError, type Logger } from '../services/logger';
import type { Outbox } from '../services/outbox';
import type { OutboxUrgency } from '../storage/outbox';
import { composeDraft, draftBcc, draftGroups, type Drafts } from '../services/compose/drafts';
import { expandGroups, type GroupMembersLookup } from '../services/outbox/group-expansion';
import { composeCheckedInWorker } from '../workers/smtp-client';
import type { MessagePage } from '../storage/message-queries';
import { pickLocale } from '../../shared/i18n/locales';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings';
import { probeOutgoing } from '../services/account-login';

/** The compose and Outbox operations of the contract. */
export type ComposeHandlers = Pick<
  Handlers,
  | 'composeReply'
  | 'composeFromMailto'
  | 'queueMessage'
  | 'listOutbox'
  | 'editOutboxMessage'
  | 'removeOutboxMessage'
  | 'sendOutboxAgain'
  | 'saveDraft'
  | 'listDrafts'
  | 'openDraft'
  | 'deleteDraft'
  | 'getSendSizeLimit'
  | 'answerReadReceipt'
>;

/** How long asking the outgoing server for its SIZE limit may take before compose goes on without it. */
export const SIZE_PROBE_TIMEOUT_MS = 10_000;

/** Timers of the compose controller (tests pass fakes to step through the undo delay). */
export interface ComposeTimers {
  set(callback: () => void, delayMs: number): unknown;
  clear(handle: unknown): void;
}

const REAL_TIMERS: ComposeTimers = {
  set: (callback, delayMs) => setTimeout(callback, delayMs),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** File name of a message forwarded as attachment (RFC 2046 §5.2.1 message/rfc822). */
export const FORWARDED_MESSAGE_FILE_NAME = 'forwarded-message.eml';

/** An attachment of a stored message, as main reads it. */
export interface StoredAttachment {
  readonly fileName: string | null;
  readonly contentType: string;
  readonly bytes: Uint8Array;
}

/** What the compose operations need. */
export interface ComposeHandlerOptions {
  readonly accounts: Pick<AccountService, 'get' | 'list'>;
  readonly outbox: Outbox;
  readonly drafts: Drafts;
  /** A page of a folder (the store's listMessages). */
  readonly listFolder: (folderId: number, page: { offset?: number; limit?: number }) => MessagePage;
  readonly events: EventHub;
  readonly logger: Logger;
  /** Indexes stored but unindexed messages (core.indexPending), so a saved draft lists and reopens whole. */
  readonly indexPending: () => Promise<void>;
  /** A stored message as the reader shows it (the getMessage operation). */
  readonly getMessage: (id: number, context: CallContext) => Promise<MessageView>;
  /** One attachment of a stored message, bounded. */
  readonly readAttachment: (messageId: number, index: number) => Promise<StoredAttachment>;
  /** The raw bytes of a stored message. */
  readonly readRawMessage: (messageId: number) => Promise<Uint8Array>;
  /** The user's settings (undo delay, send immediately); the defaults when absent. */
  readonly settings?: { get(): Settings };
  /** Milliseconds since the epoch; injected by tests. */
  readonly clock?: () => number;
  /** Timers for the undo delay; injected by tests. */
  readonly timers?: ComposeTimers;
  /**
   * Asks the account's outgoing server for its SIZE limit (RFC 1870) without signing in: the limit in
   * bytes, undefined when it announces none, or null when the server could not be asked.
   */
  readonly probeSizeLimit?: (account: Account) => Promise<number | undefined | null>;
  /**
   * A contact group's members now (the address book): Send refuses a group deleted or emptied since it
   * was picked at once, in the compose window, before the message reaches the Outbox.
   */
  readonly groupMembers?: GroupMembersLookup;
  /** The user's answers to read-receipt requests (the store's read_receipts). */
  readonly readReceipts: {
    answer(messageId: number): 'sent' | 'declined' | null;
    record(messageId: number, answer: 'sent' | 'declined', at: number): boolean;
  };
}

/** Asks the outgoing server in EHLO, as account setup does; never throws. */
async function probeSizeLimit(account: Account): Promise<number | undefined | null> {
  if (account.settings === null) return null;
  const outcome = await probeOutgoing(account.settings, undefined, { timeoutMs: SIZE_PROBE_TIMEOUT_MS });
  return outcome.ok ? outcome.server.maxMessageSize : null;
}

/** Compose wired to the UI, plus the Outbox flush that Send/Receive runs first. */
export interface ComposeController {
  readonly handlers: ComposeHandlers;
  /**
   * Sends what is due in an account's Outbox, then announces the change; never throws. `now` (a
   * Send/Receive the user asked for) sends messages waiting out a retry delay too.
   */
  flushOutbox(accountId: string, urgency?: OutboxUrgency): Promise<void>;
  /** Stops Outbox sends under way (the Outbox records each as it ended) and waits for them. */
  stop(): Promise<void>;
}

type ComposeMessage = z.output<typeof composeMessageSchema>;
type MessagePayload = Omit<OperationInput<'queueMessage'>, 'accountId'>;

function settingsOf(account: Account): NonNullable<Account['settings']> {
  if (account.settings === null) throw wordedError('VALIDATION', { id: 'refusal.composeAccountIncomplete' });
  return account.settings;
}

function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The identity named by `address`, else the one of the account's address, else the account itself. */
export function identityOf(account: Account, address?: string): ComposeIdentity {
  const settings = settingsOf(account);
  // The account's own address is its default identity, with the account's own signature.
  const fallback: Identity = {
    name: settings.displayName,
    address: settings.address,
    signature: settings.signature ?? '',
    ...(settings.signatureHtml === undefined ? {} : { signatureHtml: settings.signatureHtml }),
  };
  if (address === undefined) return settings.identities.find((item) => sameAddress(item.address, settings.address)) ?? settings.identities[0] ?? fallback;
  const found = settings.identities.find((item) => sameAddress(item.address, address)) ?? (sameAddress(address, settings.address) ? fallback : undefined);
  if (found === undefined) throw wordedError('VALIDATION', { id: 'refusal.notAnIdentity' });
  return found;
}

function ownAddresses(account: Account): string[] {
  const settings = settingsOf(account);
  return [settings.address, ...settings.identities.map((item) => item.address)];
}

function refuse(problems: ReadonlyArray<{ field: string; problem: string }>): never {
  const fields = problems.map((item) => `${item.field}: ${item.problem}`).join(', ');
  throw wordedError('VALIDATION', { id: 'refusal.cannotSendAsWritten' }, { detail: fields });
}

/** Builds the compose operations; `flushOutbox` is what Send/Receive runs before receiving. */
export function createComposeController(options: ComposeHandlerOptions): ComposeController {
  const { accounts, outbox, events, logger } = options;
  const clock = options.clock ?? Date.now;
  const timers = options.timers ?? REAL_TIMERS;
  const preferences = (): Settings => options.settings?.get() ?? DEFAULT_SETTINGS;
  const changed = (accountId: string): void => events.emit('outboxChanged', { accountIds: [accountId] });
  /** Flushes waiting for a message's undo delay to pass, cleared on stop. */
  const waiting = new Set<unknown>();
  let stopped = false;
  /** With "send immediately" on, sends the account's Outbox once `delayMs` has passed. */
  const sendSoon = (accountId: string, delayMs: number): void => {
    if (stopped || !preferences().sendImmediately) return;
    if (delayMs <= 0) {
      void controller.flushOutbox(accountId);
      return;
    }
    const handle = timers.set(() => {
      waiting.delete(handle);
      void controller.flushOutbox(accountId);
    }, delayMs);
    waiting.add(handle);
  };

  /** The outgoing message, with From checked to be one of the account's own addresses. */
  const outgoingOf = (account: Account, message: ComposeMessage, attachments: OutgoingAttachment[], purpose: 'send' | 'draft' = 'send'): OutgoingMessage => {
    const identity = identityOf(account, message.from?.address);
    const { from: _from, ...rest } = message;
    const outgoing: OutgoingMessage = { ...rest, from: { name: message.from?.name ?? identity.name, address: identity.address }, attachments };
    if (purpose === 'draft') return outgoing; // checked by composeDraft, which allows no recipients
    const checked = checkOutgoingMessage(outgoing);
    if (!checked.ok) refuse(checked.problems);
    return outgoing;
  };

  /** Throws GROUP_UNAVAILABLE, naming the group, when a group of the message is gone or empty now. */
  const checkGroups = (message: ComposeMessage): void => {
    const groups = message.groups ?? [];
    if (groups.length > 0) expandGroups(groups, [], options.groupMembers ?? (() => null));
  };

  /** Attachments as bytes: decoded base64 from the renderer, or read by main from stored messages. */
  const attachmentsOf = async (payload: MessagePayload): Promise<OutgoingAttachment[]> => {
    const parts: OutgoingAttachment[] = payload.attachments.map((item) => ({
      fileName: item.fileName,
      contentType: item.contentType,
      content: new Uint8Array(Buffer.from(item.base64, 'base64')),
      ...(item.contentId === undefined ? {} : { contentId: item.contentId }),
      ...(item.inline === undefined ? {} : { inline: item.inline }),
    }));
    for (const reference of payload.forwardedAttachments) {
      const stored = await options.readAttachment(reference.messageId, reference.index);
      parts.push({ fileName: stored.fileName ?? `attachment-${reference.index + 1}`, contentType: stored.contentType, content: stored.bytes });
    }
    if (payload.attachOriginal !== undefined) {
      parts.push({ fileName: FORWARDED_MESSAGE_FILE_NAME, contentType: 'message/rfc822', content: await options.readRawMessage(payload.attachOriginal) });
    }
    const total = parts.reduce((sum, item) => sum + item.content.byteLength, 0);
    if (total > MAX_TOTAL_ATTACHMENT_BYTES) throw wordedError('VALIDATION', { id: 'refusal.attachmentsTooLarge' }, { detail: `${total} bytes` });
    return parts;
  };

  /** The account a message is answered from: its own, or the first one for mail whose account was removed. */
  const answeringAccount = (accountId: string | null): Account => {
    if (accountId !== null) return accounts.get(accountId);
    const first = accounts.list()[0];
    if (first === undefined) throw wordedError('VALIDATION', { id: 'refusal.noAccountToAnswer' });
    return first;
  };

  const handlers: ComposeHandlers = {
    async composeReply({ messageId, mode, identity, dateStyle }, context): Promise<ComposeDraft> {
      const original = await options.getMessage(messageId, context);
      const account = answeringAccount(original.accountId);
      return buildAnswer(original, mode, {
        identity: identityOf(account, identity),
        ownAddresses: ownAddresses(account),
        ...(dateStyle === undefined ? {} : { dateStyle }),
        // The language chosen in Settings, else the one the reader's window speaks (its locale).
        language: preferences().language ?? pickLocale(dateStyle?.locale === undefined ? [] : [dateStyle.locale]),
      });
    },
    composeFromMailto({ accountId, url }) {
      const account = accounts.get(accountId);
      const identity = identityOf(account);
      const parsed = parseMailto(url, { name: identity.name, address: identity.address });
      if (!parsed.ok) throw wordedError('VALIDATION', { id: 'refusal.mailtoUnusable' }, { detail: parsed.problem });
      const body = parsed.draft.text === '' ? '\n\n' : `${parsed.draft.text}\n\n`;
      return { ...parsed.draft, text: appendSignature(body, identity.signature) };
    },
    async queueMessage({ accountId, ...payload }) {
      const account = accounts.get(accountId);
      checkGroups(payload.message);
      // The message waits for the undo delay: until then Undo (removeOutboxMessage) takes it back.
      const delayMs = preferences().undoSendSeconds * 1000;
      const hold = delayMs > 0 ? { notBefore: clock() + delayMs } : {};
      const entry = await outbox.queue(accountId, outgoingOf(account, payload.message, await attachmentsOf(payload)), hold, payload.answers);
      changed(accountId);
      sendSoon(accountId, delayMs);
      return entry;
    },
    async saveDraft({ accountId, replaces, ...payload }) {
      const account = accounts.get(accountId);
      // Attachments are read before the earlier version (which they may come from) is deleted.
      const raw = await composeDraft(outgoingOf(account, payload.message, await attachmentsOf(payload), 'draft'), (checked) => composeCheckedInWorker(checked));
      const id = await options.drafts.save(accountId, raw, replaces);
      await options.indexPending();
      events.emit('mailChanged', { accountIds: [accountId], folderIds: [options.drafts.folderOf(accountId)], messageIds: [] });
      return { id };
    },
    listDrafts({ accountId, offset, limit }) {
      accounts.get(accountId);
      const folderId = options.drafts.folderOf(accountId);
      const page = options.listFolder(folderId, { ...(offset === undefined ? {} : { offset }), ...(limit === undefined ? {} : { limit }) });
      return {
        folderId,
        total: page.total,
        drafts: page.messages.map((item) => ({ id: item.id, subject: item.subject, date: item.date, size: item.size, hasAttachments: item.hasAttachments })),
      };
    },
    async openDraft({ id }, context) {
      const accountId = options.drafts.accountOf(id);
      const view = await options.getMessage(id, context);
      const raw = await options.readRawMessage(id);
      const bcc = draftBcc(raw);
      const strip = (list: readonly { name: string; address: string }[]) =>
        list.map((item) => (item.name === '' ? { address: item.address } : { name: item.name, address: item.address }));
      const [from] = strip(view.fromAll);
      return {
        draftId: id,
        accountId,
        from: from ?? null,
        to: strip(view.to),
        cc: strip(view.cc),
        bcc,
        groups: draftGroups(raw),
        subject: view.subject ?? '',
        text: view.text,
        html: view.html,
        inReplyTo: view.inReplyTo,
        references: view.references,
        // Images the HTML shows come back inside it (the editor gets them with the message), not as attachments.
        forwardedAttachments: attachmentsNotShownInline(view).map((item) => ({
          messageId: id,
          index: item.index,
          fileName: item.fileName,
          contentType: item.contentType,
          size: item.size,
        })),
        attachOriginal: null,
        problems: view.truncated ? [{ field: 'text', problem: 'truncated' }] : [],
      };
    },
    async deleteDraft({ id }) {
      const accountId = options.drafts.accountOf(id);
      await options.drafts.remove(id);
      events.emit('mailChanged', { accountIds: [accountId], folderIds: [options.drafts.folderOf(accountId)], messageIds: [id] });
      return { deleted: id };
    },
    listOutbox(input) {
      return outbox.list(input?.accountId === undefined ? {} : { accountId: input.accountId });
    },
    async editOutboxMessage({ id, ...payload }) {
      const current = outbox.get(id);
      checkGroups(payload.message);
      // An edited message is sent again like a new one: after the undo delay.
      const delayMs = preferences().undoSendSeconds * 1000;
      const hold = delayMs > 0 ? { notBefore: clock() + delayMs } : {};
      const entry = await outbox.edit(id, outgoingOf(accounts.get(current.accountId), payload.message, await attachmentsOf(payload)), hold);
      changed(current.accountId);
      sendSoon(current.accountId, delayMs);
      return entry;
    },
    async removeOutboxMessage({ id }) {
      const current = outbox.get(id);
      await outbox.remove(id);
      changed(current.accountId);
      return { removed: id };
    },
    sendOutboxAgain({ id }) {
      const entry = outbox.sendAgain(id);
      changed(entry.accountId);
      sendSoon(entry.accountId, 0);
      return entry;
    },
    async answerReadReceipt({ messageId, send }, context) {
      const earlier = options.readReceipts.answer(messageId);
      if (earlier !== null) return { answered: earlier };
      const original = await options.getMessage(messageId, context);
      if (original.readReceipt === null) throw wordedError('VALIDATION', { id: 'refusal.noReceiptAsked' });
      if (!send) {
        options.readReceipts.record(messageId, 'declined', clock());
        return { answered: 'declined' };
      }
      const account = answeringAccount(original.accountId);
      // The receipt comes from the identity the message reached, else the account's own.
      const reached = [...original.to, ...original.cc].find((item) => ownAddresses(account).some((own) => sameAddress(own, item.address)));
      const identity = identityOf(account, reached?.address);
      const from = checkAddress(identity.name === '' ? { address: identity.address } : { name: identity.name, address: identity.address });
      const to = checkAddress({ address: original.readReceipt.to.address });
      if (!from.ok || !to.ok)
        throw wordedError('VALIDATION', { id: 'refusal.receiptUnaddressable' }, { detail: from.ok ? (to.ok ? '' : to.problem) : from.problem });
      // Recorded first: a second answer (another window, a second click) never queues a second receipt.
      if (!options.readReceipts.record(messageId, 'sent', clock())) return { answered: options.readReceipts.answer(messageId) ?? 'sent' };
      const raw = buildReadReceipt({
        from: from.value,
        to: to.value,
        originalMessageId: original.messageId !== null && isMessageId(original.messageId) ? original.messageId : null,
        originalSubject: original.subject,
        date: clock(),
        boundary: `mdn-${randomUUID()}`,
      });
      // A notification goes with the null reverse-path (RFC 5321 §4.5.5), so nothing ever answers it back.
      await outbox.queueRaw(account.id, new Uint8Array(Buffer.from(raw, 'utf8')), { nullReversePath: true });
      changed(account.id);
      sendSoon(account.id, 0);
      return { answered: 'sent' };
    },
    async getSendSizeLimit({ accountId }) {
      const account = accounts.get(accountId);
      const known = outbox.sizeLimitRecord(accountId);
      if (known !== undefined) return { maxMessageSize: known.maxMessageSize ?? null };
      // Never asked yet (no message sent, no probe recorded): ask the server once and remember it.
      const probed = await (options.probeSizeLimit ?? probeSizeLimit)(account);
      if (probed === null) return { maxMessageSize: null };
      outbox.recordSizeLimit(accountId, probed);
      return { maxMessageSize: probed ?? null };
    },
  };

  const stopping = new AbortController();
  const flushing = new Set<Promise<void>>();
  const flush = async (accountId: string, urgency: OutboxUrgency): Promise<void> => {
    if (stopping.signal.aborted) return;
    try {
      const results = await outbox.flush({ accountId, signal: stopping.signal, urgency });
      if (results.length === 0) return;
      changed(accountId);
      if (results.some((item) => item.state === 'sent')) events.emit('mailChanged', { accountIds: [accountId], folderIds: [], messageIds: [] });
    } catch (error) {
      // eslint-disable-next-line mailbag-window/strings -- a log entry for support, not shown in the window
      logger.warn('sending the Outbox failed', { error: describeError(error) });
    }
  };

  const controller: ComposeController = {
    handlers,
    flushOutbox(accountId, urgency = 'scheduled') {
      const running = flush(accountId, urgency);
      flushing.add(running);
      void running.finally(() => flushing.delete(running));
      return running;
    },
    async stop() {
      stopped = true;
      for (const handle of waiting) timers.clear(handle);
      waiting.clear();
      stopping.abort();
      await Promise.all([...flushing]);
    },
  };
  return controller;
}
