import { wordedError } from '../../shared/error-words';
import { joinRuleProblems } from '../../shared/rule-ops';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_ATTACHMENT_BYTES } from '../../shared/mail';
import type { AppInfo, DefaultMailHandlerState, OpenExternalResult } from '../../shared/ipc/contract';
import { createAccountService, type AccountService } from '../services/accounts';
import { verifyPop3Login, verifyPop3Token, verifySmtpLogin, verifySmtpToken } from '../services/account-login';
import { requireOAuthConfiguration, type OAuthConfiguration } from '../services/oauth/client-config';
import { createOAuthTokenKeeper } from '../services/oauth/token-keeper';
import type { SignInWith } from '../../shared/accounts';
import { createCredentialStore, type CredentialStore } from '../services/credentials/credential-store';
import type { SafeStorageLike } from '../services/credentials/encrypted-file';
import { loadSystemKeychain, type Keychain } from '../services/credentials/keychain';
import type { DiscoveryNetwork } from '../services/discovery/discover';
import type { HostLookup } from '../services/doctor';
import { parseExternalUrl } from '../../shared/urls';
import { createRegistry, type CallContext, type Registry } from '../ipc/registry';
import { createEventHub, type EventHub } from '../services/events';
import { describeError, type Logger } from '../services/logger';
import { createJunkPurgeSchedule, type JunkPurgeSchedule } from '../services/junk-purge-schedule';
import { openSettings, type SettingsService } from '../services/settings';
import { openDatabase, sqliteVersion, type SqliteDatabase } from '../storage/database';
import { openAccountsTable } from '../storage/accounts-table';
import { contactGroupMembers, recordSentMessage } from '../storage/contacts';
import { openMessageStore, RAW_DIRECTORY_NAME, type MessageStore } from '../storage/message-store';
import { filterNewMail as filterWithRules, hasClientRules, type RulesReport } from '../storage/rule-engine';
import { SendReceiveService, type ReceiveRunner } from '../services/send-receive';
import { createAccountHandlers } from './account-handlers';
import { createProviderSignIn } from './provider-sign-in';
import { createAttachmentOpener, removeOldOpenedAttachments } from './attachment-opener';
import { createComposeController } from './compose-handlers';
import { createDrafts } from '../services/compose/drafts';
import { createFolderHandlers } from './folder-handlers';
import { createImportExportController } from './import-export-handlers';
import { thunderbirdRoots } from '../services/import/thunderbird-profiles';
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
import { PRIVATE_DIRECTORY_MODE, tightenProfile } from '../storage/private-files';
import { createOutbox, type Outbox } from '../services/outbox';
import { queueRuleAnswers, type RuleAnswerReport } from '../services/rule-answers';
import { composeInWorker, sendInWorker } from '../workers/smtp-client';
import { markPhase } from '../jobs/phase-marks';

/** File name of the SQLite index inside the profile directory. */
export const DATABASE_FILE_NAME = 'mailbag.sqlite';

/** What the composition root needs to know about where it runs. */
export interface CoreOptions {
  readonly profileDir: string;
  readonly logger: Logger;
  /** better-sqlite3 addon built for Electron's ABI, when running inside Electron. */
  readonly sqliteNativeBinding?: string;
  readonly electronVersions?: { readonly electron: string; readonly chrome: string };
  /** Opens a checked URL in the system browser; absent where the page must open links itself. */
  readonly openExternal?: (url: URL) => Promise<void>;
  /**
   * Opens a file with the desktop's program for it, resolving to an error text (empty on success), as
   * Electron's shell.openPath does; absent where Mailbag cannot start programs (the page saves instead).
   */
  readonly openPath?: (filePath: string) => Promise<string>;
  /** Opens a message in a window of its own; absent where Mailbag has no windows (the page opens a tab). */
  readonly openMessageWindow?: (messageId: number) => void;
  /** The system's mailto: registration, where the installed app can make it; absent in a browser or a source build. */
  readonly defaultMailHandler?: { readonly isDefault: () => boolean; readonly makeDefault: () => boolean };
  /** Environment for the keychain's session-bus check; default process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** The keychain (tests pass a fake); default the system keychain through keytar. */
  readonly keychain?: Keychain | (() => Promise<Keychain>);
  /** Electron's safeStorage, for the encrypted-file fallback; absent in plain Node. */
  readonly safeStorage?: SafeStorageLike;
  /** Setup discovery's network (tests pass local fakes); default the system's. */
  readonly discoveryNetwork?: DiscoveryNetwork;
  /** The doctor's name resolver (tests); default the system's. */
  readonly doctorLookup?: HostLookup;
  /**
   * Wraps the account service every other service uses: the command line's `--password-stdin` gives
   * one account's password this way, so each command resolves passwords the one way receive does.
   */
  readonly wrapAccounts?: (accounts: AccountService) => AccountService;
  /**
   * Whether the full-text index follows Send/Receive batch by batch, beside the download and yielding
   * to it (default true).
   */
  readonly indexWhileReceiving?: boolean;
  /** Where Send/Receive runs each account's job; default a worker thread per run (the window never waits on it). */
  readonly receiveRunner?: ReceiveRunner;
  /**
   * Whether a finished Send/Receive's mail is indexed in full before it is announced (default true: the
   * window's search finds it). The command line turns it off: it ends as soon as mail is listed, and
   * what is left is indexed at its next search.
   */
  readonly indexWhenReceived?: boolean;
  /** Whether the machine has a core to spare for indexing beside a download (tests); default its load average. */
  readonly spareCoreForIndexing?: () => boolean;
}

/** Mailbag's services wired together, shared by the Electron app, the browser bridge and the CLI. */
export interface Core {
  readonly profileDir: string;
  readonly registry: Registry;
  readonly events: EventHub;
  /** `mailto:` links the system handed over, waiting for the window to open compose on them. */
  readonly mailtoLinks: MailtoLinks;
  readonly settings: SettingsService;
  /** Empties Junk after the days the settings say (started with the scheduler). */
  readonly junkPurge: JunkPurgeSchedule;
  readonly database: SqliteDatabase;
  readonly credentials: CredentialStore;
  readonly accounts: AccountService;
  /** The message store (raw mail and its index); new mail is committed by the receive workers. */
  readonly store: MessageStore;
  /** Runs Send/Receive per account in worker threads. */
  readonly sendReceive: SendReceiveService;
  /** What each account's server holds, and the actions on it (shares the session lock with Send/Receive). */
  readonly serverMailbox: ServerMailboxService;
  /** The persistent queue of messages to send (one per core: it recovers interrupted sends at start). */
  readonly outbox: Outbox;
  /**
   * The provider sign-in (endpoints, scopes and client id) an account of `client` uses, from the provider
   * table and this installation's configuration; AUTH_UNSUPPORTED saying how to configure a client id.
   */
  signInConfiguration(client: SignInWith): OAuthConfiguration;
  /** Where the profile's database and raw mail live, for the receive workers' own connections. */
  readonly paths: { readonly databaseFile: string; readonly rawDirectory: string };
  /**
   * Parses and indexes every message that is stored but not yet indexed, in the parse workers (started
   * on first use, one per core). Closing the core stops it between two commits; the rest is indexed
   * at the next call, also after a crash. Calls made while a run waits to start share that run. Runs one at a time: a call while indexing is under way waits for it and runs again.
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
  /** Cancels running Send/Receive, stops the parse worker and closes the store and database. */
  close(): Promise<void>;
}

/** Whether Mailbag is the mail program, after registering it when `make` (the user's button in Settings → Desktop). */
function defaultMailHandlerState(handler: CoreOptions['defaultMailHandler'], make: boolean): DefaultMailHandlerState {
  if (handler === undefined) return { available: false, isDefault: false };
  if (make && !handler.isDefault()) handler.makeDefault();
  return { available: true, isDefault: handler.isDefault() };
}

/**
 * The composition root: opens the profile (creating it private to the user), wires every service, and
 * builds the one handler registry that all transports use. Nothing here imports Electron.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const { profileDir, logger } = options;
  try {
    mkdirSync(profileDir, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  } catch (error) {
    throw wordedError('STORAGE', { id: 'refusal.profileNotCreated' }, { detail: profileDir, cause: error });
  }
  try {
    const tightened = tightenProfile(profileDir);
    if (tightened.length > 0) {
      // eslint-disable-next-line mailbag-window/strings -- a log entry for support, not shown in the window
      logger.warn(`Other users could read parts of the profile ${profileDir}; Mailbag made ${tightened.length} file(s) and folder(s) private to you.`);
    }
  } catch (error) {
    throw wordedError('STORAGE', { id: 'refusal.profileNotPrivate' }, { detail: profileDir, cause: error });
  }
  const events = createEventHub((error) => logger.warn('event delivery failed', { error: describeError(error) }));
  const settings = await openSettings(profileDir, (next) => events.emit('settingsChanged', next));
  const database = openDatabase(
    path.join(profileDir, DATABASE_FILE_NAME),
    options.sqliteNativeBinding === undefined ? {} : { nativeBinding: options.sqliteNativeBinding },
  );
  const paths = { databaseFile: path.join(profileDir, DATABASE_FILE_NAME), rawDirectory: path.join(profileDir, RAW_DIRECTORY_NAME) };
  let store: MessageStore;
  try {
    store = await openMessageStore({ database, rawDirectory: paths.rawDirectory });
  } catch (error) {
    database.close();
    throw error;
  }
  markPhase('store opened');
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
  const env = options.env ?? process.env;
  const credentials = createCredentialStore({
    profileDir,
    logger,
    keychain: options.keychain ?? (() => loadSystemKeychain(env)),
    ...(options.safeStorage === undefined ? {} : { safeStorage: options.safeStorage }),
  });
  const signInConfiguration = (client: SignInWith): OAuthConfiguration => requireOAuthConfiguration(client, env);
  const tokens = createOAuthTokenKeeper({
    credentials,
    logger,
    configurationOf: (accountId) => {
      const client = accounts.get(accountId).settings?.signInWith;
      if (client === undefined) throw wordedError('VALIDATION', { id: 'refusal.passwordAccount' });
      return signInConfiguration(client);
    },
  });
  const baseAccounts = createAccountService({
    database,
    credentials,
    verifyPop3: (account, password) => verifyPop3Login(account, password),
    verifySmtp: (account, password) => verifySmtpLogin(account, password),
    tokens,
    verifyPop3Token: (account, accessToken) => verifyPop3Token(account, accessToken),
    verifySmtpToken: (account, accessToken) => verifySmtpToken(account, accessToken),
  });
  const accounts = options.wrapAccounts === undefined ? baseAccounts : options.wrapAccounts(baseAccounts);
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
    thunderbirdRoots: thunderbirdRoots(process.platform, os.homedir(), options.env ?? process.env),
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

  markPhase('services ready');
  return {
    profileDir,
    registry,
    events,
    mailtoLinks,
    settings,
    junkPurge,
    database,
    credentials,
    accounts,
    store,
    sendReceive,
    serverMailbox,
    outbox,
    signInConfiguration,
    paths,
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
      await store.close();
      database.close();
    },
  };
}
