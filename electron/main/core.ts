import { wordedError } from '../../shared/error-words';
import { toErrorData } from '../../shared/errors';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppInfo } from '../../shared/ipc/contract';
import { OPERATION_NAMES } from '../../shared/ipc/names';
import { createAccountService, type AccountService, type LoginVerifier } from '../services/accounts';
import { requireOAuthConfiguration, type OAuthConfiguration } from '../services/oauth/client-config';
import { createOAuthTokenKeeper } from '../services/oauth/token-keeper';
import type { SignInWith } from '../../shared/accounts';
import { createCredentialStore, type CredentialStore } from '../services/credentials/credential-store';
import { loadSystemKeychain } from '../services/credentials/keychain';
import type { CallContext, Registry } from '../ipc/registry';
import { createEventHub, type EventHub } from '../services/events';
import { describeError } from '../services/logger';
import type { JunkPurgeSchedule } from '../services/junk-purge-schedule';
import { openSettings, type SettingsService } from '../services/settings';
import { openDatabase, type SqliteDatabase } from '../storage/database';
import { openMessageStore, RAW_DIRECTORY_NAME, type MessageStore } from '../storage/message-store';
import type { RulesReport } from '../storage/rule-engine';
import type { SendReceiveService } from '../services/send-receive';
import type { ServerMailboxService } from '../services/server-mailbox';
import type { MailtoLinks } from './mailto-links';
import { PRIVATE_DIRECTORY_MODE, tightenProfile } from '../storage/private-files';
import type { Outbox } from '../services/outbox';
import type { RuleAnswerReport } from '../services/rule-answers';
import { markPhase } from '../jobs/phase-marks';
import { thunderbirdRoots } from '../services/import/thunderbird-profiles';
import type * as AccountLoginModule from '../services/account-login';
import type * as CoreServicesModule from './core-services';
import type { CoreBase, CoreServices, CoreStart } from './core-services';
import type { CoreOptions } from './core-options';

export type { CoreOptions } from './core-options';

/** File name of the SQLite index inside the profile directory. */
export const DATABASE_FILE_NAME = 'mailbag.sqlite';

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

/** The login checks of account-login.ts, whose POP3 and SMTP engines (and TLS) load when an account is first checked. */
type LoginChecks = typeof AccountLoginModule;

/** A login check of account-login.ts, loaded when it first runs. */
function loginCheck(pick: (checks: LoginChecks) => LoginVerifier): LoginVerifier {
  return async (settings, secret) => pick(await import('../services/account-login'))(settings, secret);
}

/**
 * The services of core-services.ts, loaded by the first caller that needs one. The module is loaded
 * synchronously (a `require` of a module of the bundle runs its code then, as it would have at start),
 * so a core keeps its synchronous members and the window sees no difference.
 */
function loadCoreServices(): typeof CoreServicesModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, synchronously (see above)
  return require('./core-services') as typeof CoreServicesModule;
}

/**
 * The composition root: opens the profile (creating it private to the user) and its store, settings
 * and accounts at once; every other service, and the one handler registry that all transports use,
 * is wired when first used (core-services.ts), so a command that only reads the store does not pay
 * for them. Nothing here imports Electron.
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
    verifyPop3: loginCheck((checks) => checks.verifyPop3Login),
    verifySmtp: loginCheck((checks) => checks.verifySmtpLogin),
    tokens,
    verifyPop3Token: loginCheck((checks) => checks.verifyPop3Token),
    verifySmtpToken: loginCheck((checks) => checks.verifySmtpToken),
  });
  const accounts = options.wrapAccounts === undefined ? baseAccounts : options.wrapAccounts(baseAccounts);
  const base: CoreBase = { profileDir, events, settings, database, store, credentials, accounts, paths, signInConfiguration };
  // The services are wired later, with what the environment said now.
  const start: CoreStart = { thunderbirdRoots: thunderbirdRoots(process.platform, os.homedir(), env) };
  let services: CoreServices | undefined;
  const wired = (): CoreServices => {
    if (services === undefined) {
      services = loadCoreServices().wireCoreServices(base, options, start);
      options.onServicesWired?.();
    }
    return services;
  };
  const registry: Registry = {
    operations: OPERATION_NAMES,
    dispatch(operation, input, context) {
      let wiredRegistry: Registry;
      try {
        wiredRegistry = wired().registry;
      } catch (error) {
        // Errors return as data, as the registry returns them (a core already closed, say).
        logger.error('operation failed', { operation: String(operation).slice(0, 64), error: describeError(error) });
        return Promise.resolve({ ok: false, error: toErrorData(error) });
      }
      return wiredRegistry.dispatch(operation, input, context);
    },
  };

  markPhase('core ready');
  return {
    ...base,
    registry,
    get mailtoLinks() {
      return wired().mailtoLinks;
    },
    get junkPurge() {
      return wired().junkPurge;
    },
    get sendReceive() {
      return wired().sendReceive;
    },
    get serverMailbox() {
      return wired().serverMailbox;
    },
    get outbox() {
      return wired().outbox;
    },
    indexPending: () => wired().indexPending(),
    filterNewMail: () => wired().filterNewMail(),
    sendRuleAnswers: () => wired().sendRuleAnswers(),
    appInfo: (transport) => wired().appInfo(transport),
    startScheduler: () => wired().startScheduler(),
    async close() {
      await services?.close();
      await store.close();
      database.close();
    },
  };
}
