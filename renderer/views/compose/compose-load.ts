/**
 * What a compose window starts from, for each kind of request: a new message with the identity's
 * signature, a reply or forward prefilled by main (composeReply), a draft, a mailto link, or a message
 * waiting in the Outbox. Attachments of a draft or an Outbox message are fetched as bytes, because
 * saving or editing replaces the stored message they live in.
 */
import type { Account, Identity } from '../../../shared/accounts';
import { attachmentsNotShownInline, type ComposeDraft } from '../../../shared/compose';
import type { Result } from '../../../shared/errors';
import { pickLocale } from '../../../shared/i18n/locales';
import type { AddressView } from '../../../shared/mail';
import type { MailAddress } from '../../../shared/mail/address';
import { bridge } from '../../bridge';
import type { ComposeRequest } from '../../state/navigation';
import { unwrap } from '../../state/use-result';
import type { GroupRecipient } from '../../../shared/mail/outgoing';
import { chipsOf, chipsOfGroups, parseChips } from './address-chips';
import { EMPTY_CONTENT, inlineImageMap, sanitizeQuotedHtml, type ComposeContent, type LocalAttachment } from './compose-content';
import type { ComposeWords } from './compose-words';
import { describeProblem } from './original-problems';
import { newMessageBody, textToRichHtml } from './signature';

/** One From choice: an identity of an account. */
export interface FromChoice {
  readonly key: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly identity: Identity;
}

/** A loaded compose window. */
export interface LoadedCompose {
  readonly content: ComposeContent;
  readonly choices: readonly FromChoice[];
  /** The stored draft this window replaces when it saves (a draft it was opened from). */
  readonly draftId: number | null;
  /** Values of the original that could not be used, in plain words. */
  readonly problems: readonly string[];
  /** Set when a reply goes to the Reply-To address the original asked for. */
  readonly replyToNote: string | null;
  /** What counts as unchanged (closing asks only when the content differs); the content when absent. */
  readonly baseline?: ComposeContent;
}

/** The identities of every account, the account's own address when it has none. */
export function fromChoices(accounts: readonly Account[]): FromChoice[] {
  return accounts.flatMap((account) => {
    if (account.settings === null) return [];
    const identities =
      account.settings.identities.length > 0
        ? account.settings.identities
        : [
            {
              name: account.settings.displayName,
              address: account.settings.address,
              signature: account.settings.signature ?? '',
              ...(account.settings.signatureHtml === undefined ? {} : { signatureHtml: account.settings.signatureHtml }),
            },
          ];
    return identities.map((identity, index) => ({ key: `${account.id}#${index}`, accountId: account.id, accountName: account.name, identity }));
  });
}

/** The choice for an address of an account, else the account's first. */
export function choiceFor(choices: readonly FromChoice[], accountId: string | null, address?: string): FromChoice | undefined {
  const ofAccount = choices.filter((choice) => accountId === null || choice.accountId === accountId);
  return ofAccount.find((choice) => address !== undefined && choice.identity.address.toLowerCase() === address.toLowerCase()) ?? ofAccount[0];
}

/** The From address of a choice: the identity's name and address, the address alone when unnamed. */
export function fromOf(choice: FromChoice | undefined): MailAddress | null {
  if (choice === undefined) return null;
  return choice.identity.name === '' ? { address: choice.identity.address } : { name: choice.identity.name, address: choice.identity.address };
}

function plainAddresses(list: readonly AddressView[]): MailAddress[] {
  return list.map((item) => (item.name === '' ? { address: item.address } : { name: item.name, address: item.address }));
}

/**
 * Content with a chip for each contact group of a saved draft or queued message, showing how many
 * members the group has now (unknown when the address book cannot be read or the group is gone).
 */
async function withGroups(content: ComposeContent, groups: readonly GroupRecipient[]): Promise<ComposeContent> {
  if (groups.length === 0) return content;
  const book = await bridge.listContacts();
  const reachable = new Set(book.ok ? book.value.contacts.filter((contact) => contact.addresses.length > 0).map((contact) => contact.id) : []);
  const sizes = new Map(book.ok ? book.value.groups.map((group) => [group.id, group.memberIds.filter((id) => reachable.has(id)).length]) : []);
  const count = (groupId: number): number | null => sizes.get(groupId) ?? null;
  return {
    ...content,
    to: [...content.to, ...chipsOfGroups(groups, 'to', count)],
    cc: [...content.cc, ...chipsOfGroups(groups, 'cc', count)],
    bcc: [...content.bcc, ...chipsOfGroups(groups, 'bcc', count)],
  };
}

/**
 * The locale and time zone the quoted date of a reply or forward is written in: the browser's own
 * locale when it is of the window's language (it keeps the region, de-AT), else the window's language.
 */
function quoteDateStyle(windowLocale: string): { locale: string; timeZone: string } {
  const { locale, timeZone } = Intl.DateTimeFormat().resolvedOptions();
  return { locale: pickLocale([locale]) === pickLocale([windowLocale]) ? locale : windowLocale, timeZone };
}

/** Content from a draft built by main (reply, forward, mailto, draft). */
function contentOfDraft(
  draft: ComposeDraft,
  messageAccountId: string | null,
  choices: readonly FromChoice[],
  attachments: readonly LocalAttachment[] = [],
  keepForwarded = true,
  inlineImages: ReadonlyMap<string, string> = new Map(),
): ComposeContent {
  // Mail kept in Local Folders after its account was removed is answered from any account.
  const choice = choiceFor(choices, messageAccountId, draft.from?.address);
  return {
    ...EMPTY_CONTENT,
    accountId: messageAccountId ?? choice?.accountId ?? null,
    from: draft.from ?? fromOf(choice),
    to: chipsOf(draft.to),
    cc: chipsOf(draft.cc),
    bcc: chipsOf(draft.bcc),
    subject: draft.subject,
    format: draft.html === null ? 'plain' : 'html',
    text: draft.text,
    html: draft.html === null ? textToRichHtml(draft.text, choice?.identity) : sanitizeQuotedHtml(draft.html, inlineImages),
    attachments,
    forwarded: keepForwarded ? draft.forwardedAttachments : [],
    attachOriginal: draft.attachOriginal,
    inReplyTo: draft.inReplyTo,
    references: draft.references,
  };
}

/** Fetches attachments of a stored message as bytes. */
async function fetchAttachments(list: ReadonlyArray<{ readonly messageId: number; readonly index: number }>): Promise<LocalAttachment[]> {
  const result: LocalAttachment[] = [];
  for (const item of list) {
    const data = unwrap(await bridge.getAttachment(item.messageId, item.index));
    result.push({
      key: `${item.messageId}-${item.index}`,
      fileName: data.fileName ?? `attachment-${item.index + 1}`,
      contentType: data.contentType,
      size: data.size,
      base64: data.base64,
    });
  }
  return result;
}

function value<T>(result: Result<T>): T {
  return unwrap(result);
}

/** Loads what a compose request starts from. `restored` is content Undo took back. */
export async function loadCompose(request: ComposeRequest, restored: ComposeContent | null, words: ComposeWords): Promise<LoadedCompose> {
  const { t } = words;
  const accounts = value(await bridge.listAccounts());
  const choices = fromChoices(accounts);
  if (choices.length === 0) throw new Error(t('compose.noAccounts'));
  const base = { choices, draftId: null, problems: [], replyToNote: null } as const;
  switch (request.kind) {
    case 'new': {
      // Content taken back by Undo was never saved: it counts as changed, so closing asks first.
      if (restored !== null) return { ...base, content: restored, baseline: { ...EMPTY_CONTENT, accountId: restored.accountId, from: restored.from } };
      const choice = choiceFor(choices, request.accountId ?? null) ?? choices[0];
      return { ...base, content: { ...EMPTY_CONTENT, accountId: choice?.accountId ?? null, from: fromOf(choice), ...newMessageBody(choice?.identity) } };
    }
    case 'answer': {
      const original = value(await bridge.getMessage(request.messageId));
      const draft = value(await bridge.composeReply({ messageId: request.messageId, mode: request.mode, dateStyle: quoteDateStyle(words.locale) }));
      const replying = request.mode === 'reply' || request.mode === 'replyAll';
      const replyToNote =
        replying &&
        original.replyTo.length > 0 &&
        draft.to.some((item) => original.replyTo.some((other) => other.address.toLowerCase() === item.address.toLowerCase()))
          ? t('compose.replyToNote', { addresses: original.replyTo.map((item) => item.address).join(', ') })
          : null;
      // Inline images of the original come with it from the store, never from the network.
      const content = contentOfDraft(draft, original.accountId, choices, [], true, inlineImageMap(original.inlineImages));
      return { ...base, content, problems: draft.problems.map((problem) => describeProblem(problem, t)), replyToNote };
    }
    case 'draft': {
      const draft = value(await bridge.openDraft(request.draftId));
      const stored = value(await bridge.getMessage(request.draftId));
      const attachments = await fetchAttachments(draft.forwardedAttachments);
      return {
        ...base,
        draftId: draft.draftId,
        content: await withGroups(contentOfDraft(draft, draft.accountId, choices, attachments, false, inlineImageMap(stored.inlineImages)), draft.groups ?? []),
        problems: draft.problems.map((problem) => describeProblem(problem, t)),
      };
    }
    case 'mailto': {
      const accountId = request.accountId ?? choices[0]?.accountId ?? '';
      const draft = value(await bridge.composeFromMailto(accountId, request.url));
      return { ...base, content: contentOfDraft(draft, accountId, choices), problems: draft.problems.map((problem) => describeProblem(problem, t)) };
    }
    case 'outbox': {
      const entry = value(await bridge.listOutbox()).find((item) => item.id === request.outboxId);
      if (entry === undefined) throw new Error(t('compose.notInOutbox'));
      const stored = value(await bridge.getMessage(entry.storedMessageId));
      // Images the HTML shows are part of its text again, not attachments.
      const shown = inlineImageMap(stored.inlineImages);
      const attachments = await fetchAttachments(attachmentsNotShownInline(stored).map((item) => ({ messageId: stored.id, index: item.index })));
      const to = plainAddresses(stored.to);
      const cc = plainAddresses(stored.cc);
      const listed = new Set([...to, ...cc].map((item) => item.address.toLowerCase()));
      // Bcc recipients are in the envelope only (the stored bytes never carry a Bcc header).
      const bcc = entry.recipients
        .filter((item) => !listed.has(item.address.toLowerCase()))
        .map((item) => item.address)
        .join(', ');
      const from = stored.fromAll[0];
      const draft: ComposeDraft = {
        from: from === undefined ? null : from.name === '' ? { address: from.address } : { name: from.name, address: from.address },
        to,
        cc,
        bcc: [],
        subject: stored.subject ?? '',
        text: stored.text,
        html: stored.html,
        inReplyTo: stored.inReplyTo,
        references: stored.references,
        forwardedAttachments: [],
        attachOriginal: null,
        problems: [],
      };
      const content = contentOfDraft(draft, entry.accountId, choices, attachments, true, shown);
      return { ...base, content: await withGroups({ ...content, bcc: parseChips(bcc) }, entry.groups) };
    }
    default: {
      const unknown: never = request;
      // eslint-disable-next-line mailbag-window/strings -- unreachable (the type system has every request), never shown
      throw new Error(`Unknown compose request ${String(unknown)}`);
    }
  }
}
