/**
 * Names of the contract's operations and events. Kept apart from the schemas so that the preload, which
 * must stay tiny, can list them without loading the validation library.
 */
export const OPERATION_NAMES = [
  'getAppInfo',
  'getSettings',
  'updateSettings',
  'openExternalLink',
  'listAccounts',
  'getAccount',
  'discoverSettings',
  'saveAccount',
  'removeAccount',
  'testAccount',
  'listFolders',
  'listMessages',
  'getMessage',
  'setMessageFlags',
  'setMessageTag',
  'moveMessages',
  'markJunk',
  'deleteMessages',
  'emptyTrash',
  'listFolderTree',
  'createFolder',
  'renameFolder',
  'deleteFolder',
  'copyMessages',
  'markFolderRead',
  'deleteMessagesPermanently',
  'messageStates',
  'searchMessages',
  'listConversations',
  'getConversation',
  'downloadRestOfMessage',
  'getAttachment',
  'openAttachment',
  'getRawMessage',
  'openMessageWindow',
  'startSendReceive',
  'cancelSendReceive',
  'composeReply',
  'composeFromMailto',
  'takeMailtoLinks',
  'getDefaultMailHandler',
  'makeDefaultMailHandler',
  'queueMessage',
  'listOutbox',
  'editOutboxMessage',
  'removeOutboxMessage',
  'sendOutboxAgain',
  'saveDraft',
  'listDrafts',
  'openDraft',
  'deleteDraft',
  'listServerMailbox',
  'serverMailboxAction',
  'getServerTranscript',
  'getSendSizeLimit',
  'answerReadReceipt',
  'getPasswordStorage',
  'enterPassword',
  'signInWithProvider',
  'browseFiles',
  'startImport',
  'cancelImport',
  'findThunderbirdProfiles',
  'previewProgramImport',
  'startProgramImport',
  'exportMessages',
  'listRules',
  'saveRule',
  'removeRule',
  'setRuleEnabled',
  'moveRule',
  'countRuleMatches',
  'runRuleOnFolder',
  'listContacts',
  'saveContact',
  'deleteContacts',
  'mergeContacts',
  'findDuplicateContacts',
  'saveContactGroup',
  'deleteContactGroup',
  'suggestAddresses',
  'importContacts',
  'exportContacts',
  'listRemoteContentContacts',
  'setContactRemoteContent',
] as const;

/** One operation the UI may call. */
export type OperationName = (typeof OPERATION_NAMES)[number];

/** Push events main sends to the UI. */
export const EVENT_NAMES = [
  'settingsChanged',
  'accountsChanged',
  'discoveryProgress',
  'doctorStep',
  'sendReceiveProgress',
  'sendReceiveFinished',
  'newMail',
  'mailChanged',
  'outboxChanged',
  'importProgress',
  'importFinished',
  'windowCommand',
  'providerSignInPage',
  'contactsChanged',
] as const;

/** One push event. */
export type EventName = (typeof EVENT_NAMES)[number];

/** The Electron IPC channel that carries one operation. */
export function operationChannel(name: OperationName): string {
  return `mailbag:operation:${name}`;
}

/** The Electron IPC channel that carries every push event. */
export const EVENT_CHANNEL = 'mailbag:event';

/** Whether a string names a contract operation. */
export function isOperationName(value: unknown): value is OperationName {
  return typeof value === 'string' && (OPERATION_NAMES as readonly string[]).includes(value);
}

/** Whether a string names a contract event. */
export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
}
