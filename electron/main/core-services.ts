/**
 * The part of the composition root that a core builds on first use (core.ts), on top of the services
 * that move mail (core-engine.ts): the handler registry with the contract's schemas and every handler
 * controller, the server mailbox, imports, the Junk schedule, the scheduler and the display and
 * threading workers. A command that reads the store and the accounts (`mailbag list`), or that only
 * moves or indexes mail (`mailbag receive`, `search`), neither loads nor builds any of it; the window
 * and the browser bridge build it as they start.
 */
import { wordedError } from '../../shared/error-words';
import { MAX_ATTACHMENT_BYTES } from '../../shared/mail';
import type { AppInfo, DefaultMailHandlerState, OpenExternalResult } from '../../shared/ipc/contract';
import { parseExternalUrl } from '../../shared/urls';
import { createRegistry, type CallContext, type Registry } from '../ipc/registry';
import { describeError } from '../services/logger';
import { createJunkPurgeSchedule, type JunkPurgeSchedule } from '../services/junk-purge-schedule';
import { sqliteVersion } from '../storage/database';
import { openAccountsTable } from '../storage/accounts-table';
import { contactGroupMembers } from '../storage/contacts';
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
import { createRuleHandlers } from './rule-handlers';
import { createContactHandlers } from './contact-handlers';
import { createServerMailboxHandlers } from './server-mailbox-handlers';
import { createServerMailboxService, type ServerMailboxService } from '../services/server-mailbox';
import { createDisplayWorker, type DisplayWorkerClient } from '../workers/display-client';
import { startThreadingWorker, type ThreadingWorkerClient } from '../workers/threading-client';
import { readAppVersion } from './app-version';
import { createMailtoLinks, type MailtoLinks } from './mailto-links';
import type { CoreBase, WiredEngine } from './core-engine';
import type { CoreOptions } from './core-options';

/** The services a core builds on first use of one of them, on top of the engine. */
export interface CoreServices {
  readonly registry: Registry;
  /** `mailto:` links the system handed over, waiting for the window to open compose on them. */
  readonly mailtoLinks: MailtoLinks;
  /** Empties Junk after the days the settings say (started with the scheduler). */
  readonly junkPurge: JunkPurgeSchedule;
  /** What each account's server holds, and the actions on it (shares the session lock with Send/Receive). */
  readonly serverMailbox: ServerMailboxService;
  appInfo(transport: CallContext['transport']): AppInfo;
  /**
   * Starts automatic Send/Receive: at startup when enabled, then every N minutes (the account's own
   * interval or the global one, never sooner than the server's LOGIN-DELAY). The Electron app and the
   * browser bridge call it; the command line, which opens the core for one command, does not. It first
   * sets the full-text index catching up with mail stored but not indexed yet.
   */
  startScheduler(): void;
  /** Stops these services and closes the engine (in that order, as the engine says); the store and the database stay open. */
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

/** Wires every other service on `base` and `engine` and builds the one handler registry that all transports use. */
export function wireCoreServices(base: CoreBase, engine: WiredEngine, options: CoreOptions, start: CoreStart): CoreServices {
  const { profileDir, logger } = options;
  const { events, settings, database, store, credentials, accounts, paths, signInConfiguration } = base;
  const { sendReceive, outbox, indexPending, filterNewMail, sendRuleAnswers } = engine;
  const identity = readAppVersion();
  const sqlite = sqliteVersion(database);
  const accountRows = openAccountsTable(database);
  const accountHandlers = createAccountHandlers({
    accounts,
    events,
    ...(options.discoveryNetwork === undefined ? {} : { discoveryNetwork: options.discoveryNetwork }),
    ...(options.doctorLookup === undefined ? {} : { doctorLookup: options.doctorLookup }),
  });
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
    serverMailbox,
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
    close: () =>
      engine.close({
        async stopStarting() {
          sendReceiveController.stop();
          await composeController.stop();
        },
        async stop() {
          await importExport.stop();
          await junkPurge.stop();
          await serverMailbox.close();
          await sendReceiveController.idle();
          await display?.close();
          await threading?.close();
        },
      }),
  };
}
