import { receivePolicyOf, type Account } from '../../../shared/accounts';
import { wordedError } from '../../../shared/error-words';
import type { Pop3Credentials } from '../../protocols/pop3';
import { pop3ConnectOptions, pop3Mechanisms } from '../account-login';
import type { AccountService } from '../accounts';
import type { ReceiveJob } from '../../jobs/receive/receive-job';
import type { ReceiveMode } from '../../jobs/receive/receive-types';

/** Where the profile keeps its database and raw mail (the receive worker opens its own connection). */
export interface ProfilePaths {
  readonly databaseFile: string;
  readonly rawDirectory: string;
}

/**
 * The receive job for one account: its POP3 connection settings, its saved password (from the
 * keychain through the account service), and its leave-on-server policy. An account whose settings
 * are incomplete is a VALIDATION error; one without a saved password is PASSWORD_NEEDED, so the UI
 * asks for it instead of reporting a failed sign-in.
 */
export async function receiveJobForAccount(
  accounts: Pick<AccountService, 'accessToken' | 'password'>,
  account: Account,
  paths: ProfilePaths,
  mode?: ReceiveMode,
): Promise<ReceiveJob> {
  const settings = account.settings;
  if (settings === null) {
    throw wordedError('VALIDATION', { id: 'receive.setUpAgain', values: { account: account.name } });
  }
  if (settings.signInWith !== undefined) {
    // Signs in with the provider's access token (OAUTHBEARER or XOAUTH2, as the server offers).
    const accessToken = await accounts.accessToken(account.id);
    return {
      accountId: account.id,
      databaseFile: paths.databaseFile,
      rawDirectory: paths.rawDirectory,
      connection: pop3ConnectOptions(settings),
      credentials: { username: settings.incoming.username, oauth2Token: accessToken },
      policy: receivePolicyOf(settings.policy),
      ...(mode === undefined ? {} : { mode }),
    };
  }
  const password = await accounts.password(account.id, 'pop3');
  if (password === undefined) {
    throw wordedError('PASSWORD_NEEDED', { id: 'receive.passwordMissing', values: { account: account.name } });
  }
  const mechanisms = pop3Mechanisms(settings);
  return {
    accountId: account.id,
    databaseFile: paths.databaseFile,
    rawDirectory: paths.rawDirectory,
    connection: pop3ConnectOptions(settings),
    credentials: { username: settings.incoming.username, password, ...(mechanisms === undefined ? {} : { mechanisms }) },
    policy: receivePolicyOf(settings.policy),
    ...(mode === undefined ? {} : { mode }),
  };
}

/** A job that signs in to an account's POP3 server: Send/Receive's, or a Server mailbox session's. */
interface SignedInJob {
  readonly accountId: string;
  readonly credentials: Pop3Credentials;
}

/**
 * The job again with a renewed access token, after the server refused the one it carried; undefined
 * for a password job (a refused password is the user's to correct). Rejects with AUTH_FAILED asking to
 * sign in again when the provider no longer honours the sign-in.
 */
export async function renewedJob<J extends SignedInJob>(accounts: Pick<AccountService, 'renewAccessToken'>, job: J): Promise<J | undefined> {
  const refused = job.credentials.oauth2Token;
  if (refused === undefined) return undefined;
  const accessToken = await accounts.renewAccessToken(job.accountId, refused);
  return { ...job, credentials: { ...job.credentials, oauth2Token: accessToken } };
}

/** How {@link runRenewingOnce} runs a job, tells a refused sign-in, and renews it. */
export interface RenewingRun<J, O> {
  /** Runs the job; reports a refusal as an outcome. */
  readonly run: (job: J) => Promise<O>;
  /** Whether the outcome is the server refusing the sign-in (AUTH_FAILED). */
  readonly refused: (outcome: O) => boolean;
  /** The job with a renewed sign-in, or undefined when there is nothing to renew; absent where none is wired. */
  readonly renew: ((job: J) => Promise<J | undefined>) | undefined;
  /** The outcome when the renewal itself fails (the provider no longer honours the sign-in). */
  readonly renewalFailed: (error: unknown) => O;
}

/**
 * Runs a job; when the server refused its access token, renews the token once and runs the job once
 * more. The one way Send/Receive and the Server mailbox recover from a token the server no longer takes.
 */
export async function runRenewingOnce<J, O>(job: J, steps: RenewingRun<J, O>): Promise<O> {
  const outcome = await steps.run(job);
  if (steps.renew === undefined || !steps.refused(outcome)) return outcome;
  let renewed: J | undefined;
  try {
    renewed = await steps.renew(job);
  } catch (error) {
    return steps.renewalFailed(error);
  }
  return renewed === undefined ? outcome : steps.run(renewed);
}
