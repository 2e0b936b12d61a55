import { wordedError } from '../../shared/error-words';
import { toErrorData } from '../../shared/errors';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { OPERATION_NAMES } from '../../shared/ipc/names';
import { createAccountService, type LoginVerifier } from '../services/accounts';
import { requireOAuthConfiguration, type OAuthConfiguration } from '../services/oauth/client-config';
import { createOAuthTokenKeeper } from '../services/oauth/token-keeper';
import type { SignInWith } from '../../shared/accounts';
import { createCredentialStore } from '../services/credentials/credential-store';
import { loadSystemKeychain } from '../services/credentials/keychain';
import type { Registry } from '../ipc/registry';
import { createEventHub } from '../services/events';
import { describeError } from '../services/logger';
import { openSettings } from '../services/settings';
import { openDatabase } from '../storage/database';
import { openMessageStore, RAW_DIRECTORY_NAME, type MessageStore } from '../storage/message-store';
import { PRIVATE_DIRECTORY_MODE, tightenProfile } from '../storage/private-files';
import { markPhase } from '../jobs/phase-marks';
import { thunderbirdRoots } from '../services/import/thunderbird-profiles';
import type * as AccountLoginModule from '../services/account-login';
import type * as CoreEngineModule from './core-engine';
import type * as CoreServicesModule from './core-services';
import type { CoreBase, CoreEngine, WiredEngine } from './core-engine';
import type { CoreServices, CoreStart } from './core-services';
import type { CoreOptions } from './core-options';

export type { CoreOptions } from './core-options';

/** File name of the SQLite index inside the profile directory. */
export const DATABASE_FILE_NAME = 'mailbag.sqlite';

/**
 * Mailbag's services wired together, shared by the Electron app, the browser bridge and the CLI: what
 * it opens at once (CoreBase), the services that move mail it builds on their first use (CoreEngine)
 * and the rest it builds on theirs (CoreServices), one object to callers.
 */
export interface Core extends CoreBase, CoreEngine, Omit<CoreServices, 'close'> {
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
 * The services of core-engine.ts and core-services.ts, each module loaded by the first caller that
 * needs one of its services. A module is loaded synchronously (a `require` of a module of the bundle
 * runs its code then, as it would have at start), so a core keeps its synchronous members and the
 * window sees no difference.
 */
function loadCoreEngine(): typeof CoreEngineModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, synchronously (see above)
  return require('./core-engine') as typeof CoreEngineModule;
}

/** See {@link loadCoreEngine}. */
function loadCoreServices(): typeof CoreServicesModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, synchronously (see above)
  return require('./core-services') as typeof CoreServicesModule;
}

/**
 * The composition root: opens the profile (creating it private to the user) and its store, settings
 * and accounts at once; the services that move mail are wired when one of them is first used
 * (core-engine.ts), and every other service, with the one handler registry that all transports use,
 * on top of them when one of those is (core-services.ts). A command that only reads the store pays for
 * neither, and one that only moves or indexes mail not for the registry. Nothing here imports Electron.
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
  let engine: WiredEngine | undefined;
  const engineWired = (): WiredEngine => {
    if (engine === undefined) {
      engine = loadCoreEngine().wireCoreEngine(base, options);
      markPhase('engine wired');
      options.onServicesWired?.();
    }
    return engine;
  };
  let services: CoreServices | undefined;
  const wired = (): CoreServices => {
    if (services === undefined) {
      services = loadCoreServices().wireCoreServices(base, engineWired(), options, start);
      markPhase('handlers wired');
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
      return engineWired().sendReceive;
    },
    get serverMailbox() {
      return wired().serverMailbox;
    },
    get outbox() {
      return engineWired().outbox;
    },
    indexPending: () => engineWired().indexPending(),
    filterNewMail: () => engineWired().filterNewMail(),
    sendRuleAnswers: () => engineWired().sendRuleAnswers(),
    appInfo: (transport) => wired().appInfo(transport),
    startScheduler: () => wired().startScheduler(),
    async close() {
      // The services built on the engine close it, stopping themselves around it.
      await (services ?? engine)?.close();
      await store.close();
      database.close();
    },
  };
}
