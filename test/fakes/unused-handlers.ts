import type { Handlers } from '../../electron/ipc/registry';

const unused = (): never => {
  throw new Error('not used in this test');
};

/** Handlers of the account operations for registry tests that exercise other operations. */
export const unusedAccountHandlers: Pick<Handlers, 'listAccounts' | 'getAccount' | 'discoverSettings' | 'saveAccount' | 'removeAccount' | 'testAccount'> = {
  listAccounts: unused,
  getAccount: unused,
  discoverSettings: unused,
  saveAccount: unused,
  removeAccount: unused,
  testAccount: unused,
};

/** Handlers of the mail, Send/Receive, compose and Outbox operations for registry tests that exercise other operations. */
export const unusedMailHandlers: Pick<
  Handlers,
  | 'listFolders'
  | 'listMessages'
  | 'getMessage'
  | 'setMessageFlags'
  | 'moveMessages'
  | 'deleteMessages'
  | 'markJunk'
  | 'emptyTrash'
  | 'listFolderTree'
  | 'createFolder'
  | 'renameFolder'
  | 'deleteFolder'
  | 'copyMessages'
  | 'markFolderRead'
  | 'deleteMessagesPermanently'
  | 'messageStates'
  | 'searchMessages'
  | 'listConversations'
  | 'getConversation'
  | 'downloadRestOfMessage'
  | 'getAttachment'
  | 'openAttachment'
  | 'getRawMessage'
  | 'openMessageWindow'
  | 'startSendReceive'
  | 'cancelSendReceive'
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
  | 'listServerMailbox'
  | 'serverMailboxAction'
  | 'getServerTranscript'
  | 'getPasswordStorage'
  | 'enterPassword'
  | 'signInWithProvider'
  | 'browseFiles'
  | 'startImport'
  | 'cancelImport'
  | 'findThunderbirdProfiles'
  | 'previewProgramImport'
  | 'startProgramImport'
  | 'exportMessages'
  | 'listRules'
  | 'saveRule'
  | 'removeRule'
  | 'setRuleEnabled'
  | 'moveRule'
  | 'countRuleMatches'
  | 'runRuleOnFolder'
> = {
  listFolders: unused,
  listMessages: unused,
  getMessage: unused,
  setMessageFlags: unused,
  moveMessages: unused,
  deleteMessages: unused,
  markJunk: unused,
  emptyTrash: unused,
  listFolderTree: unused,
  createFolder: unused,
  renameFolder: unused,
  deleteFolder: unused,
  copyMessages: unused,
  markFolderRead: unused,
  deleteMessagesPermanently: unused,
  messageStates: unused,
  searchMessages: unused,
  listConversations: unused,
  getConversation: unused,
  downloadRestOfMessage: unused,
  getAttachment: unused,
  openAttachment: unused,
  getRawMessage: unused,
  openMessageWindow: unused,
  startSendReceive: unused,
  cancelSendReceive: unused,
  composeReply: unused,
  composeFromMailto: unused,
  queueMessage: unused,
  listOutbox: unused,
  editOutboxMessage: unused,
  removeOutboxMessage: unused,
  sendOutboxAgain: unused,
  saveDraft: unused,
  listDrafts: unused,
  openDraft: unused,
  deleteDraft: unused,
  getSendSizeLimit: unused,
  answerReadReceipt: unused,
  listServerMailbox: unused,
  serverMailboxAction: unused,
  getServerTranscript: unused,
  getPasswordStorage: unused,
  enterPassword: unused,
  signInWithProvider: unused,
  browseFiles: unused,
  startImport: unused,
  cancelImport: unused,
  findThunderbirdProfiles: unused,
  previewProgramImport: unused,
  startProgramImport: unused,
  exportMessages: unused,
  listRules: unused,
  saveRule: unused,
  removeRule: unused,
  setRuleEnabled: unused,
  moveRule: unused,
  countRuleMatches: unused,
  runRuleOnFolder: unused,
};
