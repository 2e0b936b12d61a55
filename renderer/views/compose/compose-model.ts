/**
 * The compose window as state and events, without React or the DOM: what is loaded, what the user
 * wrote, what is still being typed in the address fields, and which question or error is showing.
 * The view dispatches events; everything it decides (is anything changed, may it send, how large is
 * it) is computed here so that it can be tested on its own.
 */
import { MAX_TOTAL_ATTACHMENT_BYTES } from '../../../shared/compose-ops';
import { estimateMessageSize } from '../../../shared/compose-size';
import type { MessageId } from '../../../shared/i18n/messages-en';
import type { ComposeRequest } from '../../state/navigation';
import { hasRecipients, parseChips, type AddressChip } from './address-chips';
import { sameContent, type ComposeContent, type LocalAttachment } from './compose-content';
import type { LoadedCompose } from './compose-load';
import type { ComposeWords } from './compose-words';

/** The address fields, each with chips and the text still being typed. */
export type AddressFieldName = 'to' | 'cc' | 'bcc';

/** The question that asks before what the user wrote is kept or lost. */
export type ComposeQuestion = 'close' | 'discard';

/** Everything the compose window shows. */
export interface ComposeState {
  readonly loaded: LoadedCompose | null;
  /** Null until loaded. */
  readonly content: ComposeContent | null;
  /** Text in each address field not yet turned into chips. */
  readonly typed: Readonly<Record<AddressFieldName, string>>;
  readonly showCc: boolean;
  readonly showBcc: boolean;
  readonly error: string | null;
  /** Sending or saving runs: the buttons that start either wait. */
  readonly busy: boolean;
  readonly question: ComposeQuestion | null;
  /** When the draft was last saved, for the header note. */
  readonly savedAt: number | null;
  /** The largest message the outgoing server accepts, when it said. */
  readonly limit: number | null;
  /** Changes whenever the rich editor must start again from the content (load, format switch). */
  readonly editorKey: number;
  /** Files are dragged over the window. */
  readonly dragging: boolean;
}

/** What changes the compose window. */
export type ComposeAction =
  | { readonly type: 'loaded'; readonly loaded: LoadedCompose }
  | { readonly type: 'loadFailed'; readonly error: string }
  | { readonly type: 'edited'; readonly patch: Partial<ComposeContent> }
  /** The body format switched: the editor starts again from the converted content. */
  | { readonly type: 'formatChanged'; readonly patch: Partial<ComposeContent> }
  | { readonly type: 'typed'; readonly field: AddressFieldName; readonly text: string }
  | { readonly type: 'fieldShown'; readonly field: 'cc' | 'bcc' }
  /** Sending starts: the typed addresses become chips and the typed text is cleared. */
  | { readonly type: 'settled'; readonly content: ComposeContent }
  | { readonly type: 'error'; readonly error: string | null }
  | { readonly type: 'busy'; readonly busy: boolean }
  | { readonly type: 'asked'; readonly question: ComposeQuestion | null }
  | { readonly type: 'saved'; readonly at: number }
  | { readonly type: 'limit'; readonly limit: number | null }
  | { readonly type: 'dragging'; readonly dragging: boolean };

const NOTHING_TYPED: Readonly<Record<AddressFieldName, string>> = { to: '', cc: '', bcc: '' };

/** A window that is still opening. */
export const INITIAL_COMPOSE: ComposeState = {
  loaded: null,
  content: null,
  typed: NOTHING_TYPED,
  showCc: false,
  showBcc: false,
  error: null,
  busy: false,
  question: null,
  savedAt: null,
  limit: null,
  editorKey: 0,
  dragging: false,
};

/** The state after one event. */
export function composeReducer(state: ComposeState, action: ComposeAction): ComposeState {
  switch (action.type) {
    case 'loaded': {
      const { content } = action.loaded;
      return { ...state, loaded: action.loaded, content, showCc: content.cc.length > 0, showBcc: content.bcc.length > 0, editorKey: state.editorKey + 1 };
    }
    case 'loadFailed':
      return { ...state, error: action.error };
    case 'edited':
      return state.content === null ? state : { ...state, content: { ...state.content, ...action.patch } };
    case 'formatChanged':
      return state.content === null ? state : { ...state, content: { ...state.content, ...action.patch }, editorKey: state.editorKey + 1 };
    case 'typed':
      return { ...state, typed: { ...state.typed, [action.field]: action.text } };
    case 'fieldShown':
      return action.field === 'cc' ? { ...state, showCc: true } : { ...state, showBcc: true };
    case 'settled':
      return { ...state, content: action.content, typed: NOTHING_TYPED };
    case 'error':
      return { ...state, error: action.error };
    case 'busy':
      return { ...state, busy: action.busy };
    case 'asked':
      return { ...state, question: action.question };
    case 'saved':
      return { ...state, savedAt: action.at };
    case 'limit':
      return { ...state, limit: action.limit };
    case 'dragging':
      return { ...state, dragging: action.dragging };
  }
}

/** The catalog id of the window's title for what is being written. */
export function composeTitle(request: ComposeRequest): MessageId {
  switch (request.kind) {
    case 'answer':
      return request.mode === 'reply'
        ? 'compose.title.reply'
        : request.mode === 'replyAll'
          ? 'compose.title.replyAll'
          : request.mode === 'replyList'
            ? 'compose.title.replyList'
            : 'compose.title.forward';
    case 'draft':
      return 'compose.title.draft';
    case 'outbox':
      return 'compose.title.outbox';
    case 'new':
    case 'mailto':
      return 'compose.title.new';
    default: {
      const unknown: never = request;
      return unknown;
    }
  }
}

/** The heading: the title, with the subject once there is one. */
export function composeHeading(request: ComposeRequest, content: ComposeContent | null, t: ComposeWords['t']): string {
  const title = t(composeTitle(request));
  return content !== null && content.subject.trim() !== '' ? t('compose.heading', { title, subject: content.subject }) : title;
}

/** Content with the text still being typed in the address fields turned into chips, so nothing typed is lost. */
export function settleContent(content: ComposeContent, typed: Readonly<Record<AddressFieldName, string>>): ComposeContent {
  const add = (field: AddressFieldName): readonly AddressChip[] =>
    typed[field].trim() === '' ? content[field] : [...content[field], ...parseChips(typed[field])];
  return { ...content, to: add('to'), cc: add('cc'), bcc: add('bcc') };
}

/** Whether closing would lose something: the content differs from how it opened, or an address is half typed. */
export function hasChanges(state: ComposeState): boolean {
  const { loaded, content } = state;
  return (
    loaded !== null &&
    content !== null &&
    (!sameContent(content, loaded.baseline ?? loaded.content) || Object.values(state.typed).some((text) => text.trim() !== ''))
  );
}

/** Why the message cannot be sent as it is, in plain words; null when it can. */
export function sendProblem(content: ComposeContent, t: ComposeWords['t']): string | null {
  const all = [...content.to, ...content.cc, ...content.bcc];
  const invalid = all.filter((chip) => chip.problem !== null);
  if (invalid.length > 0) return t('compose.invalidAddresses', { addresses: invalid.map((chip) => chip.text).join(', ') });
  if (!hasRecipients(all)) return t('compose.noRecipient');
  if (content.accountId === null) return t('compose.noAccount');
  return null;
}

/** Why the message is not sent although it could be: larger than the server said it accepts; null when it fits or the limit is unknown. */
export function oversizeProblem(content: ComposeContent, limit: number | null, words: ComposeWords): string | null {
  if (limit === null || composeSize(content) <= limit) return null;
  return words.t('compose.tooLarge', { limit: words.size(limit) });
}

/** About how many bytes the message will be once encoded, to compare with the server's limit. */
export function composeSize(content: ComposeContent): number {
  return estimateMessageSize({
    ...(content.format === 'html' ? { html: content.html, text: content.html } : { text: content.text }),
    attachmentBytes: [...content.attachments.map((item) => item.size), ...content.forwarded.map((item) => item.size)],
    headerText: [content.subject, ...[...content.to, ...content.cc].map((chip) => chip.text)].join(' '),
  });
}

/** The warning when the message is larger than the outgoing server accepts; null when it fits or the limit is unknown. */
export function sizeWarning(content: ComposeContent, limit: number | null, words: ComposeWords): string | null {
  if (limit === null) return null;
  const estimate = composeSize(content);
  if (estimate <= limit) return null;
  return words.t('compose.sizeWarning', { size: words.size(estimate), limit: words.size(limit) });
}

/** One attachment as the list shows it: a file the user added or a part forwarded from the original. */
export interface AttachmentRow {
  readonly key: string;
  readonly name: string;
  readonly size: number;
  readonly local: boolean;
}

function forwardedKey(item: ComposeContent['forwarded'][number]): string {
  return `f-${item.messageId}-${item.index}`;
}

/** Every attachment of the message, added files first; `unnamed` names a forwarded part without a file name. */
export function attachmentRows(content: ComposeContent, unnamed: string): AttachmentRow[] {
  return [
    ...content.attachments.map((item) => ({ key: item.key, name: item.fileName, size: item.size, local: true })),
    ...content.forwarded.map((item) => ({ key: forwardedKey(item), name: item.fileName ?? unnamed, size: item.size, local: false })),
  ];
}

/** The change that removes one attachment row. */
export function withoutAttachment(content: ComposeContent, row: AttachmentRow): Partial<ComposeContent> {
  return row.local
    ? { attachments: content.attachments.filter((other) => other.key !== row.key) }
    : { forwarded: content.forwarded.filter((other) => forwardedKey(other) !== row.key) };
}

/** Bytes already attached, added and forwarded together. */
export function attachedBytes(content: ComposeContent): number {
  return content.attachments.reduce((sum, item) => sum + item.size, 0) + content.forwarded.reduce((sum, item) => sum + item.size, 0);
}

/** A file the user chose, as far as attaching needs it. */
export interface ChosenFile {
  readonly name: string;
  readonly size: number;
  readonly type: string;
}

/**
 * Reads chosen files as attachments while their total stays within the limit; a file that would pass
 * it, or cannot be read, is reported through onError and left out, and the others are still added.
 */
export async function readAttachments<F extends ChosenFile>(
  files: readonly F[],
  alreadyAttached: number,
  io: {
    readonly read: (file: F) => Promise<string>;
    readonly onError: (message: string) => void;
    readonly now: () => number;
    readonly words: ComposeWords;
  },
): Promise<LocalAttachment[]> {
  let total = alreadyAttached;
  const added: LocalAttachment[] = [];
  for (const file of files) {
    if (total + file.size > MAX_TOTAL_ATTACHMENT_BYTES) {
      io.onError(
        io.words.t('compose.attachmentTooLarge', { name: file.name, size: io.words.size(file.size), limit: io.words.size(MAX_TOTAL_ATTACHMENT_BYTES) }),
      );
      continue;
    }
    try {
      const base64 = await io.read(file);
      total += file.size;
      added.push({
        key: `${io.now()}-${file.name}-${added.length}`,
        fileName: file.name,
        contentType: file.type === '' ? 'application/octet-stream' : file.type,
        size: file.size,
        base64,
      });
    } catch {
      // The browser's reason is in its own language, not the window's: the file is named instead.
      io.onError(io.words.t('compose.fileUnreadable', { name: file.name }));
    }
  }
  return added;
}

/** The message of a failure, or the fallback when it has none. */
export function errorText(reason: unknown, fallback: string): string {
  return reason instanceof Error && reason.message !== '' ? reason.message : fallback;
}
