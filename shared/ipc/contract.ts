import { z } from 'zod';
import { LOCALES } from '../i18n/locales';
import { accountSettingsSchema, type Account } from '../accounts';
import type { DiscoveryOutcome, DiscoverySourceName, DiscoverySourceStatus } from '../discovery';
import type { DoctorReport, DoctorStep } from '../doctor';
import type { ComposeDraft } from '../compose';
import { contactOperationInputs, type ContactOperationOutputs } from '../contacts';
import { conversationOperationInputs, type ConversationListPage, type ConversationView } from '../conversations';
import { composeOperationInputs, type DraftListPage, type OutboxChangedEvent, type OutboxItemView } from '../compose-ops';
import type { ErrorData, Result } from '../errors';
import { folderOperationInputs, type FolderOperationOutputs } from '../folder-ops';
import { importExportOperationInputs, type ImportExportOperationOutputs, type ImportFinishedEvent, type ImportProgressEvent } from '../import-export-ops';
import {
  mailOperationInputs,
  type AttachmentData,
  type AttachmentOpening,
  type FolderTree,
  type MailChangedEvent,
  type MessageListPage,
  type MessageView,
  type RawMessageData,
  type SearchResults,
  type SendReceiveFinishedEvent,
  type SendReceiveProgressEvent,
  type StartSendReceiveResult,
} from '../mail';
import { ruleOperationInputs, type RuleOperationOutputs } from '../rule-ops';
import { serverMailboxOperationInputs, type ServerMailboxActionResult, type ServerMailboxListing, type ServerTranscript } from '../server-mailbox';
import { settingsPatchSchema, type Settings } from '../settings';
import type { EventName, OperationName } from './names';
import type { WindowCommand } from '../window-commands';

/** Facts about the running application and its profile, shown in About and by `mailbag info`. */
/** Whether Mailbag can be, and is, the system's default mail program. */
export interface DefaultMailHandlerState {
  readonly available: boolean;
  readonly isDefault: boolean;
}

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly profileDir: string;
  /** Which transport the UI is talking through. */
  readonly transport: 'electron' | 'web' | 'cli';
  readonly versions: { readonly node: string; readonly sqlite: string; readonly electron?: string; readonly chrome?: string };
  readonly accountCount: number;
}

/** The answer to a request to open a link outside Mailbag. */
export interface OpenExternalResult {
  /** False when this transport cannot open links itself (the browser bridge): the page opens it. */
  readonly opened: boolean;
  /** The normalized URL that was (or may be) opened. */
  readonly url: string;
}

/** Longest password accepted. */
export const MAX_PASSWORD_LENGTH = 1024;

/** A password as typed: never empty, never with a line break (it could end a protocol line). */
export const passwordSchema = z
  .string()
  .min(1)
  .max(MAX_PASSWORD_LENGTH)
  .refine((value) => !/[\r\n\0]/.test(value), { message: 'A password cannot contain line breaks.' });

/** Ties the events of one request to it: chosen by the UI, echoed in every event. */
const runIdSchema = z.string().min(1).max(64).optional();

/** Where a saved password went. */
export interface PasswordStorage {
  readonly backend: 'keychain' | 'encrypted-file' | 'session';
  /** Whether the password survives a restart. */
  readonly persistent: boolean;
  /** KEYCHAIN_UNAVAILABLE when it is kept for this session only. */
  readonly warning?: ErrorData;
}

/** The answer to saveAccount. */
export interface SaveAccountResult {
  readonly account: Account;
  /** Null when no password was given (settings changed only). */
  readonly passwordStorage: PasswordStorage | null;
  /** Whether the SMTP sign-in was checked with the password. */
  readonly smtpVerified: boolean;
  /** Why the SMTP sign-in with the POP3 password failed, if it did (the account is saved anyway). */
  readonly smtpError: ErrorData | null;
}

/** Input of saveAccount: a new account without `id`; passwords are checked by a login before they are stored. */
export const saveAccountInputSchema = z.strictObject({
  id: z.string().min(1).max(128).optional(),
  settings: accountSettingsSchema,
  pop3Password: passwordSchema.optional(),
  smtpPassword: passwordSchema.optional(),
  rememberPasswords: z.boolean().optional(),
});

/**
 * Input of testAccount: an existing account (`accountId`), optionally with edited `settings`, or new
 * settings alone; passwords given here are used instead of the saved ones and never stored.
 */
export const testAccountInputSchema = z
  .strictObject({
    accountId: z.string().min(1).max(128).optional(),
    settings: accountSettingsSchema.optional(),
    pop3Password: passwordSchema.optional(),
    smtpPassword: passwordSchema.optional(),
    scope: z.enum(['all', 'incoming', 'outgoing']).optional(),
    /** Also send a test message to the account's own address, receive it and delete it (scope `all`). */
    roundTrip: z.boolean().optional(),
    runId: runIdSchema,
    /** The language of the steps' titles, summaries and advice; English when absent (what scripts read). */
    locale: z.enum(LOCALES).optional(),
  })
  .refine((input) => input.accountId !== undefined || input.settings !== undefined, { message: 'Give an account id or settings to test.' });

/**
 * Input of enterPassword: the password asked for when none is saved or the server refused the saved
 * one. It is checked by a sign-in before it is kept; `remember: false` keeps it for this session only.
 */
export const enterPasswordInputSchema = z.strictObject({
  accountId: z.string().min(1).max(128),
  /** Which server's password; SMTP with the same password as POP3 means the POP3 one. Default POP3. */
  protocol: z.enum(['pop3', 'smtp']).optional(),
  password: passwordSchema,
  remember: z.boolean(),
});

/**
 * Input of signInWithProvider: an account that signs in with its provider (OAuth 2.0) — new settings
 * to set up, or a saved account (`accountId`, its settings unless edited ones are given) signing in again.
 */
export const signInWithProviderInputSchema = z
  .strictObject({
    accountId: z.string().min(1).max(128).optional(),
    settings: accountSettingsSchema.optional(),
    /** The language of the page the browser shows once the provider sends it back; English when absent. */
    locale: z.enum(LOCALES).optional(),
  })
  .refine((input) => input.accountId !== undefined || input.settings !== undefined, { message: 'Give an account id or settings to sign in with.' });

/**
 * Input schemas of every operation. Main validates each request against these before any handler
 * runs; the renderer may reuse them for form validation.
 */
export const operationInputs = {
  getAppInfo: z.undefined(),
  getSettings: z.undefined(),
  updateSettings: settingsPatchSchema,
  openExternalLink: z.strictObject({ url: z.string().min(1).max(8192) }),
  listAccounts: z.undefined(),
  takeMailtoLinks: z.undefined(),
  getDefaultMailHandler: z.undefined(),
  makeDefaultMailHandler: z.undefined(),
  getAccount: z.strictObject({ id: z.string().min(1).max(128) }),
  discoverSettings: z.strictObject({ address: z.string().min(3).max(254), name: z.string().max(200).optional(), runId: runIdSchema }),
  saveAccount: saveAccountInputSchema,
  /** `deleteLocalMail` must be true when the account has messages stored here: they go with it. */
  removeAccount: z.strictObject({ id: z.string().min(1).max(128), deleteLocalMail: z.boolean() }),
  testAccount: testAccountInputSchema,
  ...mailOperationInputs,
  ...folderOperationInputs,
  ...conversationOperationInputs,
  ...composeOperationInputs,
  ...serverMailboxOperationInputs,
  /** The outgoing server's SIZE limit of an account, so compose can warn before Send. */
  getSendSizeLimit: z.strictObject({ accountId: z.string().min(1).max(128) }),
  /** Where passwords go now (whether "Remember" can keep one across a restart). */
  getPasswordStorage: z.undefined(),
  enterPassword: enterPasswordInputSchema,
  signInWithProvider: signInWithProviderInputSchema,
  ...importExportOperationInputs,
  ...ruleOperationInputs,
  ...contactOperationInputs,
} as const satisfies Record<OperationName, z.ZodType>;

/** What each operation returns on success. */
export interface OperationOutputs extends FolderOperationOutputs, ImportExportOperationOutputs, RuleOperationOutputs, ContactOperationOutputs {
  getAppInfo: AppInfo;
  getSettings: Settings;
  updateSettings: Settings;
  openExternalLink: OpenExternalResult;
  listAccounts: readonly Account[];
  getAccount: Account;
  discoverSettings: DiscoveryOutcome;
  saveAccount: SaveAccountResult;
  removeAccount: { readonly deletedMessages: number };
  testAccount: DoctorReport;
  listFolders: FolderTree;
  listMessages: MessageListPage;
  getMessage: MessageView;
  setMessageFlags: { readonly changed: number };
  setMessageTag: { readonly changed: number };
  moveMessages: { readonly moved: number };
  /** Junk moves to its account's Junk folder, mail marked not junk leaves Junk for the Inbox. */
  markJunk: { readonly marked: number; readonly moved: number };
  /** Messages outside Trash move there; messages already in Trash are deleted for good. */
  deleteMessages: { readonly movedToTrash: number; readonly deletedPermanently: number };
  emptyTrash: { readonly deleted: number };
  searchMessages: SearchResults;
  listConversations: ConversationListPage;
  getConversation: ConversationView;
  downloadRestOfMessage: { readonly accountId: string };
  getAttachment: AttachmentData;
  /** Not opened where this transport cannot start programs (the browser bridge, the CLI): the page saves it instead; a program is refused. */
  openAttachment: AttachmentOpening;
  getRawMessage: RawMessageData;
  /** False where main cannot open windows (the browser bridge, the CLI): the page opens a tab instead. */
  openMessageWindow: { readonly opened: boolean };
  startSendReceive: StartSendReceiveResult;
  cancelSendReceive: { readonly cancelled: readonly string[] };
  composeReply: ComposeDraft;
  composeFromMailto: ComposeDraft;
  /** The `mailto:` links the system handed to the app since the last call, oldest first. */
  takeMailtoLinks: { readonly urls: readonly string[] };
  /** Whether Mailbag is the system's mailto: handler; `available` false where it cannot be (a browser, a build from the source tree). */
  getDefaultMailHandler: DefaultMailHandlerState;
  /** Registers Mailbag as the system's mailto: handler, at the user's request, and says whether it now is. */
  makeDefaultMailHandler: DefaultMailHandlerState;
  queueMessage: OutboxItemView;
  listOutbox: readonly OutboxItemView[];
  editOutboxMessage: OutboxItemView;
  removeOutboxMessage: { readonly removed: number };
  sendOutboxAgain: OutboxItemView;
  saveDraft: { readonly id: number };
  listDrafts: DraftListPage;
  /** The draft as compose input; its attachments are references to the stored draft's parts. */
  openDraft: ComposeDraft & { readonly draftId: number; readonly accountId: string };
  deleteDraft: { readonly deleted: number };
  listServerMailbox: ServerMailboxListing;
  serverMailboxAction: ServerMailboxActionResult;
  /** Null until a session of the account was recorded. */
  getServerTranscript: ServerTranscript | null;
  /** Largest message in bytes the account's outgoing server accepts (RFC 1870 SIZE); null when unknown or unlimited. */
  getSendSizeLimit: { readonly maxMessageSize: number | null };
  /** The answer now recorded (an earlier answer stays: a receipt is sent at most once). */
  answerReadReceipt: { readonly answered: 'sent' | 'declined' };
  getPasswordStorage: PasswordStorage;
  /** Where the password went; automatic checks of the account resume. */
  enterPassword: PasswordStorage;
  /** The account, saved once the provider's token opened its mailbox; automatic checks resume. */
  signInWithProvider: SaveAccountResult;
}

/** What each push event carries. */
export interface EventPayloads {
  settingsChanged: Settings;
  /** The account list after a save or removal. */
  accountsChanged: readonly Account[];
  /** One discovery source finished (`runId` from the discoverSettings request, null without one). */
  discoveryProgress: { readonly runId: string | null; readonly source: DiscoverySourceName; readonly status: DiscoverySourceStatus };
  /** One doctor step finished (`runId` from the testAccount request, null without one). */
  doctorStep: { readonly runId: string | null; readonly step: DoctorStep };
  /** One account's Send/Receive moved on. */
  sendReceiveProgress: SendReceiveProgressEvent;
  /** One account's Send/Receive ended (after new mail was indexed). */
  sendReceiveFinished: SendReceiveFinishedEvent;
  /** New messages arrived (the UI shows a notification when the `notifications` setting is on). */
  newMail: { readonly accountId: string; readonly count: number };
  /** Stored mail changed: refresh these lists and counts. */
  mailChanged: MailChangedEvent;
  /** The Outbox changed: refresh it. */
  outboxChanged: OutboxChangedEvent;
  /** An import moved on (`runId` from startImport). */
  importProgress: ImportProgressEvent;
  /** An import ended, with what could not be read. */
  importFinished: ImportFinishedEvent;
  /** The application menu, the tray, a notification or a `mailto:` link asked the window to do something. */
  windowCommand: WindowCommand;
  /**
   * The provider's sign-in page, for the page to open in a new tab: sent where main cannot start the
   * system browser (the browser bridge); the desktop app opens the system browser itself.
   */
  providerSignInPage: { readonly url: string };
  /** The address book changed (a contact or group saved, merged, deleted, imported, or collected by sending). */
  contactsChanged: { readonly at: number };
}

/** The validated input of one operation. */
export type OperationInput<N extends OperationName> = z.output<(typeof operationInputs)[N]>;

/**
 * The input of one operation as the UI writes it, before main validates it (defaults not yet filled
 * in). Typing requests with it makes a misspelt or missing field a compile error on the UI's side too.
 */
export type OperationRequest<N extends OperationName> = z.input<(typeof operationInputs)[N]>;

/** The success value of one operation. */
export type OperationOutput<N extends OperationName> = OperationOutputs[N];

/** The full answer of one operation: a value or error data. */
export type OperationResult<N extends OperationName> = Result<OperationOutput<N>>;

/** A listener for one push event. */
export type EventListener<E extends EventName> = (payload: EventPayloads[E]) => void;

// Compile-time check that every event has a payload type and no payload type lacks an event name.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const eventsComplete: Exact<keyof EventPayloads, EventName> = true;
const operationsComplete: Exact<keyof OperationOutputs, OperationName> = true;
void eventsComplete;
void operationsComplete;
