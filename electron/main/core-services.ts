/**
 * The part of the composition root that a core builds on first use (core.ts): the handler registry
 * with the contract's schemas, Send/Receive, the Outbox, the server mailbox, imports, rules, full-text
 * indexing and the workers. A command that reads the store and the accounts (`mailbag list`) neither
 * loads nor builds any of it; the window and the browser bridge build it as they start.
 */
import { wordedError } from '../../shared/error-words';
import { joinRuleProblems } from '../../shared/rule-ops';
import { MAX_ATTACHMENT_BYTES } from '../../shared/mail';
import type { AppInfo, DefaultMailHandlerState, OpenExternalResult } from '../../shared/ipc/contract';
import { parseExternalUrl } from '../../shared/urls';
import type { SignInWith } from '../../shared/accounts';
import type { AccountService } from '../services/accounts';
import type { OAuthConfiguration } from '../services/oauth/client-config';
import type { CredentialStore } from '../services/credentials/credential-store';
import { createRegistry, type CallContext, type Registry } from '../ipc/registry';
import type { EventHub } from '../services/events';
import { describeError } from '../services/logger';
import { createJunkPurgeSchedule, type JunkPurgeSchedule } from '../services/junk-purge-schedule';
import type { SettingsService } from '../services/settings';
import { sqliteVersion, type SqliteDatabase } from '../storage/database';
import { openAccountsTable } from '../storage/accounts-table';
import { contactGroupMembers, recordSentMessage } from '../storage/contacts';
import type { MessageStore } from '../storage/message-store';
import { filterNewMail as filterWithRules, hasClientRules, type RulesReport } from '../storage/rule-engine';
import { SendReceiveService } from '../services/send-receive';
import { createAccountHandlers } from './account-handlers';
import { createProviderSignIn } from './provider-sign-in';
import { createAttachmentOpener, removeOldOpenedAttachments } from './attachment-opener';
import { createComposeController } from './compose-handlers';
import { createDrafts } from '../services/compose/drafts';
import { createFolderHandlers } from './folder-handlers';
import { createImportExportController } from './import-export-handlers';
import { createConversationHandlers } from './conversation-handlers';
import { createMailHandlers } from './mail-handlers';
import { createSendReceiveController } from './send-receive-handlers';
import { createFullTextIndexing } from './full-text-indexing';
import { createRuleHandlers } from './rule-handlers';
import { createContactHandlers } from './contact-handlers';
import { createServerMailboxHandlers } from './server-mailbox-handlers';
import { createServerMailboxService, type ServerMailboxService } from '../services/server-mailbox';
import { createDisplayWorker, type DisplayWorkerClient } from '../workers/display-client';
import { startThreadingWorker, type ThreadingWorkerClient } from '../workers/threading-client';
import { readAppVersion } from './app-version';
import { createMailtoLinks, type MailtoLinks } from './mailto-links';
import { createOutbox, type Outbox } from '../services/outbox';
import { queueRuleAnswers, type RuleAnswerReport } from '../services/rule-answers';
import { composeInWorker, sendInWorker } from '../workers/smtp-client';
import type { CoreOptions } from './core-options';

/** What the core opens at once, which the services below are built on. */
export interface CoreBase {
  readonly profileDir: string;
  readonly events: EventHub;
  readonly settings: SettingsService;
  readonly database: SqliteDatabase;
  /** The message store (raw mail and its index); new mail is committed by the receive workers. */
  readonly store: MessageStore;
  readonly credentials: CredentialStore;
  readonly accounts: AccountService;
  /** Where the profile's database and raw mail live, for the receive workers' own connections. */
  readonly paths: { readonly databaseFile: string; readonly rawDirectory: string };
  /**
   * The provider sign-in (endpoints, scopes and client id) an account of `client` uses, from the provider
   * table and this installation's configuration; AUTH_UNSUPPORTED saying how to configure a client id.
   */
  signInConfiguration(client: SignInWith): OAuthConfiguration;
}

/** The services a core builds on first use. */
export interface CoreServices {
  readonly registry: Registry;
  /** `mailto:` links the system handed over, waiting for the window to open compose on them. */
  readonly mailtoLinks: MailtoLinks;
  /** Empties Junk after the days the settings say (started with the scheduler). */
  readonly junkPurge: JunkPurgeSchedule;
  /** Runs Send/Receive per account in worker threads. */
  readonly sendReceive: SendReceiveService;
  /** What each account's server holds, and the actions on it (shares the session lock with Send/Receive). */
  readonly serverMailbox: ServerMailboxService;
  /** The persistent queue of messages to send (one per core: it recovers interrupted sends when wired). */
  readonly outbox: Outbox;
  /**
   * Parses and indexes every message that is stored but not yet indexed, in the parse workers (started
   * on first use, one per core). Closing the core stops it between two commits; the rest is indexed
   * at the next call, also after a crash. Calls made while a run waits to start share that run. Runs
   * one at a time: a call while indexing is under way waits for it and runs again.
   */
  indexPending(): Promise<void>;
  /**
   * Runs the message rules on mail that arrived and waits for them, indexing it first so word
   * conditions see it; one run at a time. Without rules it only empties the waiting list.
   */
  filterNewMail(): Promise<RulesReport>;
  /** Puts the answers rules recorded (replies, forwards) in the Outbox and sends them; filterNewMail does it too. */
  sendRuleAnswers(): Promise<RuleAnswerReport>;
  appInfo(transport: CallContext['transport']): AppInfo;
  /**
   * Starts automatic Send/Receive: at startup when enabled, then every N minutes (the account's own
   * interval or the global one, never sooner than the server's LOGIN-DELAY). The Electron app and the
   * browser bridge call it; the command line, which opens the core for one command, does not. It first
   * sets the full-text index catching up with mail stored but not indexed yet.
   */
  startScheduler(): void;
  /** Cancels running Send/Receive and stops the workers; the store and the database stay open. */
  close(): Promise<void>;
}

/** Whether Mailbag is the mail program, after registering it when `make` (the user's button in Settings → Desktop). */
function defaultMailHandlerState(handler: CoreOptions['defaultMailHandler'], make: boolean): DefaultMailHandlerState {
  if (handler === undefined) return { available: false, isDefault: false };
  if (make && !handler.isDefault()) handler.makeDefault();
  return { available: true, isDefault: handler.isDefault() };
}

/** What the environment said when the core was created, which the services use as it was then. */
export interface CoreStart {
  /** Where Thunderbird keeps its profiles (from the home directory and the environment). */
  readonly thunderbirdRoots: string[];
}

/** Wires every service on `base` and builds the one handler registry that all transports use. */
export function wireCoreServices(base: CoreBase, options: CoreOptions, start: CoreStart): CoreServices {
  const { profileDir, logger } = options;
  const { events, settings, database, store, credentials, accounts, paths, signInConfiguration } = base;
  const sendReceive = new SendReceiveService(options.receiveRunner);
  // Mail is indexed beside each download and in full after it; parse workers start on first use.
  const fullText = createFullTextIndexing({
    store,
    target: {
      databaseFile: paths.databaseFile,
      ...(options.sqliteNativeBinding === undefined ? {} : { nativeBinding: options.sqliteNativeBinding }),
    },
    logger,
    downloading: () => sendReceive.runningAccounts().length > 0,
    ...(options.spareCoreForIndexing === undefined ? {} : { spareCore: options.spareCoreForIndexing }),
  });
  const { indexPending } = fullText;
  let filtering: Promise<RulesReport | undefined> = Promise.resolve(undefined);
  function filterNewMail(): Promise<RulesReport> {
    const run = filtering.then(async () => {
      if (hasClientRules(database)) await indexPending();
      const report = await filterWithRules(store);
      const answers = await sendRuleAnswers();
      return joinRuleProblems(report, answers);
    });
    filtering = run.catch(() => undefined);
    return run;
  }
  const identity = readAppVersion();
  const sqlite = sqliteVersion(database);
  const accountRows = openAccountsTable(database);
  const accountHandlers = createAccountHandlers({
    accounts,
    events,
    ...(options.discoveryNetwork === undefined ? {} : { discoveryNetwork: options.discoveryNetwork }),
    ...(options.doctorLookup === undefined ? {} : { doctorLookup: options.doctorLookup }),
  });
  const outbox = createOutbox({
    database,
    store,
    accounts,
    sendInWorker,
    composeInWorker,
    indexPending,
    onAccepted: (storedMessageId, recipients) => {
      recordSentMessage(database, storedMessageId, recipients, { collect: settings.get().collectAddresses });
      events.emit('contactsChanged', { at: Date.now() });
    },
    groupMembers: (groupId) => contactGroupMembers(database, groupId),
  });
  /** Queues the answers rules recorded and sends them at once (a failure waits in the Outbox like any message). */
  async function sendRuleAnswers(): Promise<RuleAnswerReport> {
    const report = await queueRuleAnswers({ store, outbox });
    if (report.queued.length > 0) await outbox.flush({ ids: report.queued, urgency: 'now' });
    return report;
  }
  let display: DisplayWorkerClient | undefined;
  let threading: ThreadingWorkerClient | undefined;
  const mailHandlers = createMailHandlers({ store, accounts, events, display: () => (display ??= createDisplayWorker()) });
  const composeController = createComposeController({
    accounts,
    outbox,
    drafts: createDrafts({ database, store }),
    listFolder: (folderId, page) => store.listMessages(folderId, page),
    events,
    logger,
    indexPending,
    getMessage: (id, context) => Promise.resolve(mailHandlers.getMessage({ id }, context)),
    readAttachment: (messageId, index) => (display ??= createDisplayWorker()).attachment(store.rawSource(messageId), index, MAX_ATTACHMENT_BYTES),
    readRawMessage: (messageId) => store.readRawMessage(messageId),
    settings,
    groupMembers: (groupId) => contactGroupMembers(database, groupId),
    readReceipts: {
      answer: (messageId) => store.readReceiptAnswer(messageId),
      record: (messageId, answer, at) => store.recordReadReceiptAnswer(messageId, answer, at),
    },
  });
  const sendReceiveController = createSendReceiveController({
    sendReceive,
    accounts,
    settings,
    store,
    events,
    paths,
    logger,
    indexPending,
    filterNewMail,
    indexBesideDownload: fullText.indexBesideDownload,
    indexWhileReceiving: options.indexWhileReceiving ?? true,
    indexWhenReceived: options.indexWhenReceived ?? true,
    flushOutbox: (accountId, urgency) => composeController.flushOutbox(accountId, urgency),
    signInWithProvider: createProviderSignIn({
      accounts,
      events,
      signInConfiguration,
      ...(options.openExternal === undefined ? {} : { openExternal: options.openExternal }),
    }),
    onPasswordEntered: (accountId) => {
      if (outbox.retryAfterSignIn(accountId) > 0) events.emit('outboxChanged', { accountIds: [accountId] });
    },
  });

  const serverMailbox = createServerMailboxService({ accounts, database, paths, sessions: sendReceive.sessions });
  const serverMailboxHandlers = createServerMailboxHandlers({ service: serverMailbox, events, logger, indexPending });

  function appInfo(transport: CallContext['transport']): AppInfo {
    return {
      name: identity.name,
      version: identity.version,
      profileDir,
      transport,
      versions: {
        node: process.versions.node,
        sqlite,
        ...(options.electronVersions === undefined ? {} : options.electronVersions),
      },
      accountCount: accountRows.count(),
    };
  }

  async function openExternalLink(text: string): Promise<OpenExternalResult> {
    const url = parseExternalUrl(text);
    if (url === null) throw wordedError('VALIDATION', { id: 'refusal.linkNotOpenable' });
    if (options.openExternal === undefined) return { opened: false, url: url.href };
    await options.openExternal(url);
    return { opened: true, url: url.href };
  }

  const openAttachment = createAttachmentOpener({
    profileDir,
    readAttachment: (messageId, index) => (display ??= createDisplayWorker()).attachment(store.rawSource(messageId), index, MAX_ATTACHMENT_BYTES),
    ...(options.openPath === undefined ? {} : { openPath: options.openPath }),
  });
  if (options.openPath !== undefined) {
    removeOldOpenedAttachments(profileDir).catch((error: unknown) => logger.warn('removing old opened attachments failed', { error: describeError(error) }));
  }

  const junkPurge = createJunkPurgeSchedule({ store, settings, events, logger });
  const importExport = createImportExportController({
    store,
    database,
    accounts,
    thunderbirdRoots: start.thunderbirdRoots,
    events,
    logger,
    paths,
    indexPending,
  });
  const mailtoLinks = createMailtoLinks(events);
  const registry = createRegistry(
    {
      getAppInfo: (_input, context) => appInfo(context.transport),
      getSettings: () => settings.get(),
      updateSettings: (patch) => settings.update(patch),
      openExternalLink: ({ url }) => openExternalLink(url),
      openAttachment,
      openMessageWindow: ({ id }) => {
        if (options.openMessageWindow === undefined) return { opened: false };
        options.openMessageWindow(id);
        return { opened: true };
      },
      getPasswordStorage: () => credentials.status(),
      takeMailtoLinks: () => ({ urls: mailtoLinks.take() }),
      getDefaultMailHandler: () => defaultMailHandlerState(options.defaultMailHandler, false),
      makeDefaultMailHandler: () => defaultMailHandlerState(options.defaultMailHandler, true),
      ...accountHandlers,
      ...mailHandlers,
      ...createFolderHandlers({ store, accounts, events }),
      ...createConversationHandlers({
        store,
        settings,
        computeThreading: (scope) => (threading ??= startThreadingWorker(paths.databaseFile, options.sqliteNativeBinding)).layout(scope),
      }),
      ...sendReceiveController.handlers,
      ...composeController.handlers,
      ...serverMailboxHandlers,
      ...importExport.handlers,
      ...createRuleHandlers({ store, events, indexPending, sendRuleAnswers }),
      ...createContactHandlers({ database, events }),
    },
    (operation, error) => logger.error('operation failed', { operation, error: describeError(error) }),
  );

  return {
    registry,
    mailtoLinks,
    junkPurge,
    sendReceive,
    serverMailbox,
    outbox,
    indexPending,
    filterNewMail,
    sendRuleAnswers,
    appInfo,
    startScheduler: () => {
      // Mail stored but not yet in the full-text index (a crash, an early exit, `mailbag receive`)
      // is indexed first, in the background, and mail that waits for the rules is filtered.
      void indexPending()
        .then(() => filterNewMail())
        .catch((error: unknown) => logger.warn('running the rules failed', { error: describeError(error) }));
      sendReceiveController.startScheduler();
      junkPurge.start();
    },
    async close() {
      // Indexing stops between two commits; what is left is indexed at the next run, also after a crash.
      const indexingClosed = fullText.close();
      sendReceiveController.stop();
      await composeController.stop();
      await sendReceive.cancelAll();
      await importExport.stop();
      await junkPurge.stop();
      await serverMailbox.close();
      await sendReceiveController.idle();
      await display?.close();
      await threading?.close();
      await indexingClosed;
      await filtering;
    },
  };
}
