/**
 * The profile's accounts: list, find, create, update and remove, with passwords going to the
 * credential store only after a login with them succeeded. Settings are one validated JSON document
 * in the `accounts` table; passwords never touch SQLite.
 */
import type * as AccountSchemas from '../../shared/accounts';
import type { Account, AccountSettings } from '../../shared/accounts';
import { wordedError } from '../../shared/error-words';
import { toErrorData, type ErrorData } from '../../shared/errors';
import { openAccountsTable, type AccountRecord } from '../storage/accounts-table';
import type { SqliteDatabase } from '../storage/database';
import { nodeCrypto } from '../storage/node-crypto';
import type { CredentialProtocol, CredentialStatus, CredentialStore } from './credentials/credential-store';
import type { TokenSet } from './oauth/token-endpoint';
import type { OAuthTokenKeeper, SignInCheck } from './oauth/token-keeper';

let schemas: typeof AccountSchemas | undefined;

/**
 * The schema of an account's settings, built when settings are first read or saved: its few dozen zod
 * objects cost every command milliseconds at start, and a command that only names the accounts
 * (`mailbag list`) never reads their settings. Loaded synchronously, as a static import would.
 */
function accountSettingsSchema(): (typeof AccountSchemas)['accountSettingsSchema'] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- built on first use, synchronously (see above)
  schemas ??= require('../../shared/accounts') as typeof AccountSchemas;
  return schemas.accountSettingsSchema;
}

/** Random bytes in a new account id (base64url: 22 characters, within the credential key pattern). */
const ACCOUNT_ID_BYTES = 16;

/** Proves a password works by signing in with it; rejects with the server's error otherwise. */
export type LoginVerifier = (settings: AccountSettings, password: string) => Promise<void>;

/** What the account service needs. */
export interface AccountServiceOptions {
  readonly database: SqliteDatabase;
  readonly credentials: CredentialStore;
  readonly verifyPop3: LoginVerifier;
  /** Absent where no SMTP engine is wired; SMTP passwords then cannot be saved. */
  readonly verifySmtp?: LoginVerifier;
  readonly now?: () => number;
  readonly newId?: () => string;
  /** Runs an account's password command (tests pass their own); default runPasswordCommand of credentials/password-command.ts. */
  readonly runPasswordCommand?: (command: string) => Promise<string>;
  /** Tokens of accounts that sign in with their provider; absent where none can be kept. */
  readonly tokens?: OAuthTokenKeeper;
  /** Proves an access token opens the POP3 mailbox (as verifyPop3 proves a password). */
  readonly verifyPop3Token?: LoginVerifier;
  /** Proves an access token signs in to SMTP. */
  readonly verifySmtpToken?: LoginVerifier;
}

/** A request to save an account: new when `id` is absent. Passwords are optional on update. */
export interface SaveAccountRequest {
  readonly id?: string;
  readonly settings: AccountSettings;
  readonly pop3Password?: string;
  /** Only with `outgoing.credentials: separate`. */
  readonly smtpPassword?: string;
  /** false: keep the passwords for this session only. */
  readonly rememberPasswords?: boolean;
  /** The tokens of a sign-in with the provider just completed (accounts with `signInWith`). */
  readonly signedIn?: TokenSet;
}

/** The outcome of a save: the account, and where its passwords went (null when none was given). */
export interface SaveAccountOutcome {
  readonly account: Account;
  readonly passwordStorage: CredentialStatus | null;
  /** Whether the SMTP sign-in was checked with the password (false when no SMTP password was given). */
  readonly smtpVerified: boolean;
  /** Why the SMTP sign-in with the shared password failed, when it did; the account is saved anyway. */
  readonly smtpError: ErrorData | null;
}

/**
 * What naming an account needs: its id, name and address. Quick to list, unlike {@link Account}, whose
 * message count reads an index entry per stored message (tens of milliseconds in a large profile).
 */
export type AccountReference = Pick<Account, 'id' | 'name' | 'address'>;

/** The account service. */
export interface AccountService {
  list(): Account[];
  /** Every account's id, name and address, in the order of {@link list}, without counting messages. */
  references(): AccountReference[];
  /** By id; NOT_FOUND otherwise. */
  get(id: string): Account;
  /** By id, then name, then address (case-insensitive); NOT_FOUND or, when ambiguous, VALIDATION. */
  find(reference: string): Account;
  /** {@link find} without counting the account's messages. */
  findReference(reference: string): AccountReference;
  save(request: SaveAccountRequest): Promise<SaveAccountOutcome>;
  /**
   * Removes an account, its passwords and — through the store's cascades — every message of it stored
   * here. An account with messages is removed only with `deleteLocalMail: true`.
   */
  remove(id: string, options: { readonly deleteLocalMail: boolean }): Promise<{ readonly deletedMessages: number }>;
  /**
   * The password to sign in with — the one place every sign-in (Send/Receive, the Outbox, the doctor,
   * the Server mailbox, the command line) gets it from: the account's password command when it has one
   * (POP3, and SMTP with the same password), otherwise the saved one; "SMTP uses the POP3 password"
   * resolved. Undefined when none is saved; PASSWORD_COMMAND when the command fails.
   */
  password(id: string, protocol: CredentialProtocol): Promise<string | undefined>;
  /**
   * The same resolution for settings as edited but not saved yet (the doctor tests them): their
   * password command when they have one, else the saved password of `accountId` (none for a new account).
   */
  passwordFor(settings: AccountSettings, protocol: CredentialProtocol, accountId?: string): Promise<string | undefined>;
  /**
   * A password typed when asked (none saved, or the saved one refused): kept only after a sign-in with
   * it succeeded, for this session only when `remember` is false. SMTP with the same password as POP3
   * means the POP3 one.
   */
  enterPassword(id: string, protocol: CredentialProtocol, password: string, remember: boolean): Promise<CredentialStatus>;
  /**
   * The access token of an account that signs in with its provider, renewed when about to expire;
   * AUTH_FAILED asking to sign in again when the provider no longer honours the sign-in.
   */
  accessToken(id: string): Promise<string>;
  /** A fresh access token after a server refused `refused` (renewed once per refusal). */
  renewAccessToken(id: string, refused: string): Promise<string>;
  /** The doctor's check of a provider sign-in: renewed now, with the scopes it lacks. */
  checkSignIn(id: string): Promise<SignInCheck>;
}

/** A new account id: random and URL-safe, matching the credential store's key pattern. */
export function newAccountId(): string {
  return nodeCrypto().randomBytes(ACCOUNT_ID_BYTES).toString('base64url');
}

function parseSettings(text: string): AccountSettings | null {
  try {
    const parsed = accountSettingsSchema().safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Creates the account service over the profile's database and credential store. */
export function createAccountService(options: AccountServiceOptions): AccountService {
  const { database, credentials } = options;
  const now = options.now ?? Date.now;
  const newId = options.newId ?? newAccountId;
  const table = openAccountsTable(database);

  const toAccount = (row: AccountRecord): Account => ({
    id: row.id,
    name: row.name,
    address: row.email,
    settings: parseSettings(row.settingsJson),
    messageCount: table.messageCount(row.id),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });

  const list = (): Account[] => table.list().map(toAccount);

  const get = (id: string): Account => {
    const row = table.get(id);
    if (row === undefined) throw wordedError('NOT_FOUND', { id: 'serviceError.account.noSuchId' });
    return toAccount(row);
  };

  const references = (): AccountReference[] => table.list().map((row) => ({ id: row.id, name: row.name, address: row.email }));

  const findReference = (reference: string): AccountReference => {
    const accounts = references();
    const byId = accounts.find((account) => account.id === reference);
    if (byId !== undefined) return byId;
    const wanted = reference.trim().toLowerCase();
    for (const field of ['name', 'address'] as const) {
      const matches = accounts.filter((account) => account[field].toLowerCase() === wanted);
      if (matches.length === 1 && matches[0] !== undefined) return matches[0];
      if (matches.length > 1) {
        throw wordedError(
          'VALIDATION',
          { id: 'serviceError.account.ambiguous', values: { field, reference } },
          { detail: matches.map((account) => account.id).join(', ') },
        );
      }
    }
    throw wordedError('NOT_FOUND', { id: 'serviceError.account.noneCalled', values: { reference } });
  };

  const find = (reference: string): Account => get(findReference(reference).id);

  const checkNameFree = (settings: AccountSettings, id: string | undefined): void => {
    const taken = references().some((account) => account.id !== id && account.name.toLowerCase() === settings.name.toLowerCase());
    if (taken) throw wordedError('VALIDATION', { id: 'serviceError.account.nameTaken', values: { name: settings.name } });
  };

  // The default runner (and node:child_process) loads when an account first runs its command.
  const runCommand = options.runPasswordCommand ?? (async (command: string) => (await import('./credentials/password-command')).runPasswordCommand(command));

  const passwordFor = async (settings: AccountSettings | null, protocol: CredentialProtocol, id: string | undefined): Promise<string | undefined> => {
    // An outgoing server that takes mail without signing in needs no password at all.
    if (protocol === 'smtp' && settings?.outgoing.credentials === 'none') return undefined;
    const shared = protocol === 'pop3' || settings?.outgoing.credentials === 'same';
    if (shared && settings?.passwordCommand !== undefined) return runCommand(settings.passwordCommand);
    return id === undefined ? undefined : credentials.get(id, shared ? 'pop3' : protocol);
  };

  const password = (id: string, protocol: CredentialProtocol): Promise<string | undefined> => passwordFor(get(id).settings, protocol, id);

  const save = async (request: SaveAccountRequest): Promise<SaveAccountOutcome> => {
    const parsed = accountSettingsSchema().safeParse(request.settings);
    if (!parsed.success) {
      throw wordedError(
        'VALIDATION',
        { id: 'serviceError.account.settingsInvalid' },
        { detail: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') },
      );
    }
    const settings = parsed.data;
    const existing = request.id === undefined ? undefined : get(request.id);
    const id = existing?.id ?? newId();
    checkNameFree(settings, existing?.id);
    if (settings.signInWith !== undefined) return saveSignedIn(request, settings, existing, id);
    if (request.signedIn !== undefined) throw wordedError('VALIDATION', { id: 'serviceError.account.noProviderSignIn' });
    const separate = settings.outgoing.credentials === 'separate';
    const command = settings.passwordCommand;
    if (existing === undefined && (request.pop3Password ?? '') === '' && command === undefined) {
      throw wordedError('VALIDATION', { id: 'serviceError.account.passwordNeeded' });
    }
    if (existing === undefined && separate && (request.smtpPassword ?? '') === '') {
      throw wordedError('VALIDATION', { id: 'serviceError.account.smtpPasswordNeeded' });
    }
    if (request.smtpPassword !== undefined && !separate) {
      throw wordedError('VALIDATION', { id: 'serviceError.account.smtpPasswordUnwanted' });
    }
    const verifySmtp = options.verifySmtp;
    if (request.smtpPassword !== undefined && verifySmtp === undefined) {
      throw wordedError('INTERNAL', { id: 'serviceError.account.smtpUncheckedNotSaved' });
    }
    const saveOptions = request.rememberPasswords === false ? { remember: false } : {};
    let passwordStorage: CredentialStatus | null = null;
    let smtpVerified = false;
    let smtpError: ErrorData | null = null;
    const pop3Password = request.pop3Password;
    if (pop3Password !== undefined) {
      passwordStorage = await credentials.saveAfterSuccessfulLogin(
        id,
        'pop3',
        pop3Password,
        (candidate) => options.verifyPop3(settings, candidate),
        saveOptions,
      );
      if (!separate && verifySmtp !== undefined) {
        // The POP3 login proved the password; an SMTP refusal is reported, not fatal (the server may be down).
        try {
          await verifySmtp(settings, pop3Password);
          smtpVerified = true;
        } catch (error) {
          smtpError = toErrorData(error);
        }
      }
    }
    if (pop3Password === undefined && command !== undefined && command !== existing?.settings?.passwordCommand) {
      // A new or changed password command is proven like a typed password: it must sign in. Nothing is stored.
      const fromCommand = await runCommand(command);
      await options.verifyPop3(settings, fromCommand);
      if (!separate && verifySmtp !== undefined) {
        try {
          await verifySmtp(settings, fromCommand);
          smtpVerified = true;
        } catch (error) {
          smtpError = toErrorData(error);
        }
      }
    }
    const smtpPassword = request.smtpPassword;
    try {
      if (smtpPassword !== undefined && verifySmtp !== undefined) {
        passwordStorage = await credentials.saveAfterSuccessfulLogin(id, 'smtp', smtpPassword, (candidate) => verifySmtp(settings, candidate), saveOptions);
        smtpVerified = true;
      }
      const row = { id, name: settings.name, email: settings.address, settingsJson: JSON.stringify(settings), now: now() };
      if (existing === undefined) table.insert(row);
      else table.update(row);
    } catch (error) {
      if (existing === undefined) await credentials.removeAccount(id);
      throw error;
    }
    if (!separate) await credentials.remove(id, 'smtp');
    return { account: get(id), passwordStorage, smtpVerified, smtpError };
  };

  /** An account that signs in with its provider: the token proves POP3 (and is tried on SMTP), then it is kept. */
  const saveSignedIn = async (
    request: SaveAccountRequest,
    settings: AccountSettings,
    existing: Account | undefined,
    id: string,
  ): Promise<SaveAccountOutcome> => {
    const { tokens, verifyPop3Token, verifySmtpToken } = options;
    if (tokens === undefined || verifyPop3Token === undefined) throw wordedError('INTERNAL', { id: 'serviceError.account.signInNotKept' });
    const signedIn = request.signedIn;
    if (signedIn === undefined && existing?.settings?.signInWith !== settings.signInWith) {
      throw wordedError('VALIDATION', { id: 'serviceError.account.signInFirst' });
    }
    if (request.pop3Password !== undefined || request.smtpPassword !== undefined) {
      throw wordedError('VALIDATION', { id: 'serviceError.account.providerHasNoPassword' });
    }
    let smtpVerified = false;
    let smtpError: ErrorData | null = null;
    if (signedIn !== undefined) {
      await verifyPop3Token(settings, signedIn.accessToken);
      if (settings.outgoing.credentials !== 'none' && verifySmtpToken !== undefined) {
        try {
          await verifySmtpToken(settings, signedIn.accessToken);
          smtpVerified = true;
        } catch (error) {
          smtpError = toErrorData(error);
        }
      }
    }
    const row = { id, name: settings.name, email: settings.address, settingsJson: JSON.stringify(settings), now: now() };
    if (existing === undefined) table.insert(row);
    else table.update(row);
    if (signedIn !== undefined) await tokens.rememberSignIn(id, signedIn);
    await credentials.remove(id, 'pop3');
    await credentials.remove(id, 'smtp');
    return { account: get(id), passwordStorage: signedIn === undefined ? null : await credentials.status(), smtpVerified, smtpError };
  };

  const keeper = (): OAuthTokenKeeper => {
    if (options.tokens === undefined) throw wordedError('INTERNAL', { id: 'serviceError.account.signInNotKept' });
    return options.tokens;
  };

  const remove = async (id: string, removeOptions: { readonly deleteLocalMail: boolean }): Promise<{ deletedMessages: number }> => {
    const account = get(id);
    if (account.messageCount > 0 && !removeOptions.deleteLocalMail) {
      throw wordedError('VALIDATION', {
        id: 'serviceError.account.removeDeletesMail',
        values: { name: account.name, count: String(account.messageCount) },
      });
    }
    await credentials.removeAccount(id);
    table.remove(id);
    return { deletedMessages: account.messageCount };
  };

  const enterPassword = async (id: string, protocol: CredentialProtocol, typed: string, remember: boolean): Promise<CredentialStatus> => {
    const settings = get(id).settings;
    if (settings === null) throw wordedError('VALIDATION', { id: 'serviceError.account.setUpAgainToSignIn' });
    const shared = protocol === 'pop3' || settings.outgoing.credentials === 'same';
    const verifySmtp = options.verifySmtp;
    if (!shared && verifySmtp === undefined) throw wordedError('INTERNAL', { id: 'serviceError.account.smtpUncheckedNotKept' });
    const verify = shared
      ? (candidate: string) => options.verifyPop3(settings, candidate)
      : (candidate: string) => (verifySmtp ?? options.verifyPop3)(settings, candidate);
    return credentials.saveAfterSuccessfulLogin(id, shared ? 'pop3' : 'smtp', typed, verify, remember ? {} : { remember: false });
  };

  return {
    list,
    references,
    get,
    find,
    findReference,
    save,
    remove,
    password,
    passwordFor: (settings, protocol, accountId) => passwordFor(settings, protocol, accountId),
    enterPassword,
    accessToken: (id) => keeper().accessToken(id),
    renewAccessToken: (id, refused) => keeper().renewAfterRefusal(id, refused),
    checkSignIn: (id) => keeper().checkSignIn(id),
  };
}
