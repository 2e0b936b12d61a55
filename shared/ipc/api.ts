import type { MessageTag } from '../tags';
import type { z } from 'zod';
import type { composeOperationInputs } from '../compose-ops';
import type { contactOperationInputs } from '../contacts';
import type { Result } from '../errors';
import type { folderOperationInputs } from '../folder-ops';
import type { importExportOperationInputs } from '../import-export-ops';
import type { conversationOperationInputs } from '../conversations';
import type { mailOperationInputs } from '../mail';
import type { ruleOperationInputs } from '../rule-ops';
import type { serverMailboxActionSchema } from '../server-mailbox';
import type { SettingsPatch } from '../settings';
import type {
  enterPasswordInputSchema,
  signInWithProviderInputSchema,
  EventListener,
  OperationInput,
  OperationRequest,
  OperationResult,
  saveAccountInputSchema,
  testAccountInputSchema,
} from './contract';
import { isEventName, type EventName, type OperationName } from './names';

/**
 * How requests and events travel: Electron IPC in the app, a WebSocket in the browser bridge. Both
 * carry the same operations, so the API built on top cannot differ between them.
 */
export interface ContractTransport {
  invoke(name: OperationName, input: unknown): Promise<Result<unknown>>;
  /** Receives every push event; returns a function that stops delivery. */
  subscribe(listener: (name: EventName, payload: unknown) => void): () => void;
}

/** The input of a mail operation as the UI writes it. */
type MailInput<N extends keyof typeof mailOperationInputs> = z.input<(typeof mailOperationInputs)[N]>;
type FolderInput<N extends keyof typeof folderOperationInputs> = z.input<(typeof folderOperationInputs)[N]>;

/** The input of an address book operation as the UI writes it. */
type ContactInput<N extends keyof typeof contactOperationInputs> = z.input<(typeof contactOperationInputs)[N]>;

/** The input of a compose operation as the UI writes it. */
type ComposeInput<N extends keyof typeof composeOperationInputs> = z.input<(typeof composeOperationInputs)[N]>;

type ApiShape = { readonly [N in OperationName]: (...args: never[]) => Promise<OperationResult<N>> } & {
  readonly on: <E extends EventName>(event: E, listener: EventListener<E>) => () => void;
};

/**
 * Sends one operation over a transport. The input is typed from the operation's schema in the contract
 * (a type-only import: the preload carries no zod), so a misspelt field fails to compile here instead
 * of failing validation in main at run time.
 */
export function callOperation<N extends OperationName>(transport: ContractTransport, name: N, input: OperationRequest<N>): Promise<OperationResult<N>> {
  return transport.invoke(name, input) as Promise<OperationResult<N>>;
}

/**
 * Builds the UI's API over a transport: one named function per contract operation and an event
 * subscription that returns its unsubscribe. The preload exposes exactly this object, and the
 * renderer's type of it is derived from the preload, so the two cannot drift.
 */
export function createMailbagApi(transport: ContractTransport) {
  function call<N extends OperationName>(name: N, input: OperationRequest<N>): Promise<OperationResult<N>> {
    return callOperation(transport, name, input);
  }
  const api = {
    getAppInfo: () => call('getAppInfo', undefined),
    getSettings: () => call('getSettings', undefined),
    updateSettings: (patch: SettingsPatch) => call('updateSettings', patch),
    openExternalLink: (url: string) => call('openExternalLink', { url }),
    listAccounts: () => call('listAccounts', undefined),
    getAccount: (id: string) => call('getAccount', { id }),
    discoverSettings: (request: OperationInput<'discoverSettings'>) => call('discoverSettings', request),
    saveAccount: (request: z.input<typeof saveAccountInputSchema>) => call('saveAccount', request),
    removeAccount: (id: string, options: { deleteLocalMail: boolean }) => call('removeAccount', { id, deleteLocalMail: options.deleteLocalMail }),
    testAccount: (request: z.input<typeof testAccountInputSchema>) => call('testAccount', request),
    listFolders: (request?: MailInput<'listFolders'>) => call('listFolders', request),
    listMessages: (request: MailInput<'listMessages'>) => call('listMessages', request),
    getMessage: (id: number, options: { allParts?: boolean } = {}) => call('getMessage', options.allParts === true ? { id, allParts: true } : { id }),
    setMessageFlags: (request: MailInput<'setMessageFlags'>) => call('setMessageFlags', request),
    setMessageTag: (ids: readonly number[], tag: MessageTag, on: boolean) => call('setMessageTag', { ids: [...ids], tag, on }),
    moveMessages: (ids: readonly number[], folderId: number) => call('moveMessages', { ids: [...ids], folderId }),
    deleteMessages: (ids: readonly number[]) => call('deleteMessages', { ids: [...ids] }),
    markJunk: (ids: readonly number[], junk: boolean) => call('markJunk', { ids: [...ids], junk }),
    emptyTrash: (request?: MailInput<'emptyTrash'>) => call('emptyTrash', request),
    listFolderTree: (request?: FolderInput<'listFolderTree'>) => call('listFolderTree', request),
    createFolder: (request: FolderInput<'createFolder'>) => call('createFolder', request),
    renameFolder: (folderId: number, name: string) => call('renameFolder', { folderId, name }),
    deleteFolder: (folderId: number) => call('deleteFolder', { folderId }),
    copyMessages: (ids: readonly number[], folderId: number) => call('copyMessages', { ids: [...ids], folderId }),
    markFolderRead: (folderId: number) => call('markFolderRead', { folderId }),
    deleteMessagesPermanently: (ids: readonly number[]) => call('deleteMessagesPermanently', { ids: [...ids] }),
    messageStates: (ids: readonly number[]) => call('messageStates', { ids: [...ids] }),
    searchMessages: (request: MailInput<'searchMessages'>) => call('searchMessages', request),
    listConversations: (request: z.input<(typeof conversationOperationInputs)['listConversations']>) => call('listConversations', request),
    getConversation: (messageId: number) => call('getConversation', { messageId }),
    downloadRestOfMessage: (id: number) => call('downloadRestOfMessage', { id }),
    getAttachment: (messageId: number, index: number) => call('getAttachment', { messageId, index }),
    openAttachment: (messageId: number, index: number) => call('openAttachment', { messageId, index }),
    getRawMessage: (id: number) => call('getRawMessage', { id }),
    openMessageWindow: (id: number) => call('openMessageWindow', { id }),
    startSendReceive: (request?: MailInput<'startSendReceive'>) => call('startSendReceive', request),
    cancelSendReceive: (request?: MailInput<'cancelSendReceive'>) => call('cancelSendReceive', request),
    composeReply: (request: ComposeInput<'composeReply'>) => call('composeReply', request),
    composeFromMailto: (accountId: string, url: string) => call('composeFromMailto', { accountId, url }),
    takeMailtoLinks: () => call('takeMailtoLinks', undefined),
    getDefaultMailHandler: () => call('getDefaultMailHandler', undefined),
    makeDefaultMailHandler: () => call('makeDefaultMailHandler', undefined),
    queueMessage: (request: ComposeInput<'queueMessage'>) => call('queueMessage', request),
    listOutbox: (request?: ComposeInput<'listOutbox'>) => call('listOutbox', request),
    editOutboxMessage: (request: ComposeInput<'editOutboxMessage'>) => call('editOutboxMessage', request),
    removeOutboxMessage: (id: number) => call('removeOutboxMessage', { id }),
    sendOutboxAgain: (id: number) => call('sendOutboxAgain', { id }),
    saveDraft: (request: ComposeInput<'saveDraft'>) => call('saveDraft', request),
    listDrafts: (request: ComposeInput<'listDrafts'>) => call('listDrafts', request),
    openDraft: (id: number) => call('openDraft', { id }),
    deleteDraft: (id: number) => call('deleteDraft', { id }),
    listServerMailbox: (accountId: string) => call('listServerMailbox', { accountId }),
    serverMailboxAction: (request: z.input<typeof serverMailboxActionSchema>) => call('serverMailboxAction', request),
    getServerTranscript: (accountId: string) => call('getServerTranscript', { accountId }),
    getSendSizeLimit: (accountId: string) => call('getSendSizeLimit', { accountId }),
    answerReadReceipt: (messageId: number, send: boolean) => call('answerReadReceipt', { messageId, send }),
    getPasswordStorage: () => call('getPasswordStorage', undefined),
    enterPassword: (request: z.input<typeof enterPasswordInputSchema>) => call('enterPassword', request),
    signInWithProvider: (request: z.input<typeof signInWithProviderInputSchema>) => call('signInWithProvider', request),
    browseFiles: (path?: string) => call('browseFiles', path === undefined ? undefined : { path }),
    startImport: (request: z.input<(typeof importExportOperationInputs)['startImport']>) => call('startImport', request),
    cancelImport: (runId: string) => call('cancelImport', { runId }),
    findThunderbirdProfiles: () => call('findThunderbirdProfiles', undefined),
    previewProgramImport: (request: z.input<(typeof importExportOperationInputs)['previewProgramImport']>) => call('previewProgramImport', request),
    startProgramImport: (request: z.input<(typeof importExportOperationInputs)['startProgramImport']>) => call('startProgramImport', request),
    exportMessages: (request: z.input<(typeof importExportOperationInputs)['exportMessages']>) => call('exportMessages', request),
    listRules: () => call('listRules', undefined),
    saveRule: (request: z.input<(typeof ruleOperationInputs)['saveRule']>) => call('saveRule', request),
    removeRule: (id: number) => call('removeRule', { id }),
    setRuleEnabled: (id: number, enabled: boolean) => call('setRuleEnabled', { id, enabled }),
    moveRule: (id: number, direction: 'up' | 'down') => call('moveRule', { id, direction }),
    countRuleMatches: (query: string, accountId: string | null) => call('countRuleMatches', { query, accountId }),
    runRuleOnFolder: (id: number, folderId: number, dryRun: boolean) => call('runRuleOnFolder', { id, folderId, dryRun }),
    listContacts: (request?: ContactInput<'listContacts'>) => call('listContacts', request),
    saveContact: (request: ContactInput<'saveContact'>) => call('saveContact', request),
    deleteContacts: (ids: readonly number[]) => call('deleteContacts', { ids: [...ids] }),
    mergeContacts: (ids: readonly number[]) => call('mergeContacts', { ids: [...ids] }),
    findDuplicateContacts: () => call('findDuplicateContacts', undefined),
    saveContactGroup: (request: ContactInput<'saveContactGroup'>) => call('saveContactGroup', request),
    deleteContactGroup: (id: number) => call('deleteContactGroup', { id }),
    suggestAddresses: (query: string, limit?: number) => call('suggestAddresses', limit === undefined ? { query } : { query, limit }),
    importContacts: (request: ContactInput<'importContacts'>) => call('importContacts', request),
    exportContacts: (request: ContactInput<'exportContacts'>) => call('exportContacts', request),
    listRemoteContentContacts: () => call('listRemoteContentContacts', undefined),
    setContactRemoteContent: (id: number, allow: boolean) => call('setContactRemoteContent', { id, allow }),
    on: <E extends EventName>(event: E, listener: EventListener<E>): (() => void) => {
      if (!isEventName(event)) throw new TypeError(`Unknown event: ${String(event)}`);
      return transport.subscribe((name, payload) => {
        if (name === event) listener(payload as Parameters<EventListener<E>>[0]);
      });
    },
  } satisfies ApiShape;
  return Object.freeze(api);
}

/** The UI's API: what the preload exposes and what the browser bridge provides. */
export type MailbagApi = ReturnType<typeof createMailbagApi>;
