import { wordedError } from '../../../shared/error-words';
import { MailbagError } from '../../../shared/errors';
import type { CredentialStore } from '../credentials/credential-store';
import { silentLogger, type Logger } from '../logger';
import type { OAuthConfiguration } from './client-config';
import { missingScopes } from './granted-scopes';
import { SIGN_IN_AGAIN_WORDS } from './sign-in-again';
import type { TokenSet } from './token-endpoint';

/** An access token is renewed when it has less than this left, so it never expires during a session. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

/** Options of {@link createOAuthTokenKeeper}. */
export interface OAuthTokenKeeperOptions {
  /** Where refresh tokens live (the keychain, by the same rules as passwords). */
  readonly credentials: CredentialStore;
  /** The provider and client of an account that signs in with OAuth. */
  readonly configurationOf: (accountId: string) => OAuthConfiguration | Promise<OAuthConfiguration>;
  readonly logger?: Logger;
  readonly now?: () => number;
  readonly refreshMarginMs?: number;
}

/** Access tokens for POP3 and SMTP of accounts that sign in with their provider. */
export interface OAuthTokenKeeper {
  /** Keeps the tokens of a completed sign-in: the refresh token in the keychain, the access token in memory. */
  rememberSignIn(accountId: string, tokens: TokenSet): Promise<void>;
  /**
   * Runs `use` with a current access token, renewed first when it is about to expire; when `use`
   * fails with AUTH_FAILED (the server refused the token) the token is renewed once and `use` runs
   * once more. A grant the provider no longer honours ends as AUTH_FAILED asking to sign in again.
   */
  withAccessToken<T>(accountId: string, use: (accessToken: string) => Promise<T>): Promise<T>;
  /**
   * A current access token, renewed first when it is about to expire, for work that runs elsewhere
   * (a worker thread) and reports a refusal as an outcome rather than by throwing.
   */
  accessToken(accountId: string): Promise<string>;
  /**
   * A fresh access token after a server refused `refused`; renews once even if several jobs report the
   * same refused token at once. Call it at most once per refusal: a second refusal is the caller's error.
   */
  renewAfterRefusal(accountId: string, refused: string): Promise<string>;
  /**
   * Renews the access token now, as the doctor's check of the sign-in, and says which of the scopes
   * Mailbag asks for the provider did not grant (empty when the sign-in allows everything).
   */
  checkSignIn(accountId: string): Promise<SignInCheck>;
  /** Forgets both tokens (sign-out, or the account is removed). */
  forget(accountId: string): Promise<void>;
}

interface HeldToken {
  readonly accessToken: string;
  readonly expiresAt: number;
  /** The scopes the provider said it granted with this token, when it said. */
  readonly scopes?: readonly string[];
}

/** What a check of an account's sign-in found. */
export interface SignInCheck {
  /** A freshly renewed access token. */
  readonly accessToken: string;
  /** The requested scopes the sign-in does not grant, by their full names. */
  readonly missingScopes: readonly string[];
}

/** Whether a server refused the sign-in: MailbagError and the engines' session errors share the code. */
function isAuthFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'AUTH_FAILED';
}

function signInAgain(detail: string): MailbagError {
  return wordedError('AUTH_FAILED', SIGN_IN_AGAIN_WORDS, { detail });
}

/**
 * Creates the keeper. Access tokens are never written anywhere; refresh tokens only through the
 * credential store, so they are never logged. Renewals of one account are shared, so two jobs that
 * need a token at once cause one refresh (a rotated refresh token may be used only once).
 */
export function createOAuthTokenKeeper(options: OAuthTokenKeeperOptions): OAuthTokenKeeper {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? REFRESH_MARGIN_MS;
  const logger = options.logger ?? silentLogger;
  const held = new Map<string, HeldToken>();
  const renewals = new Map<string, Promise<HeldToken>>();

  const keep = async (accountId: string, tokens: TokenSet): Promise<HeldToken> => {
    if (tokens.refreshToken !== undefined) {
      const refreshToken = tokens.refreshToken;
      await options.credentials.saveAfterSuccessfulLogin(accountId, 'oauth', refreshToken, async () => {});
    }
    const token: HeldToken = {
      accessToken: tokens.accessToken,
      expiresAt: tokens.expiresAt,
      ...(tokens.scopes === undefined ? {} : { scopes: tokens.scopes }),
    };
    held.set(accountId, token);
    return token;
  };

  const renew = async (accountId: string): Promise<HeldToken> => {
    const refreshToken = await options.credentials.get(accountId, 'oauth');
    if (refreshToken === undefined) throw signInAgain('no saved sign-in');
    const configuration = await options.configurationOf(accountId);
    let tokens: TokenSet;
    try {
      // The token endpoint (and its response schema) loads with the first renewal.
      const { refreshTokens } = await import('./token-endpoint');
      tokens = await refreshTokens(configuration.tokenEndpoint, configuration, refreshToken, { now });
    } catch (error) {
      if (error instanceof MailbagError && error.code === 'AUTH_FAILED') {
        logger.warn('The provider no longer honours the saved sign-in', { accountId });
        held.delete(accountId);
        await options.credentials.remove(accountId, 'oauth');
      }
      throw error;
    }
    return keep(accountId, tokens);
  };

  const renewOnce = (accountId: string): Promise<HeldToken> => {
    const running = renewals.get(accountId);
    if (running !== undefined) return running;
    const started = renew(accountId).finally(() => renewals.delete(accountId));
    renewals.set(accountId, started);
    return started;
  };

  const current = async (accountId: string): Promise<HeldToken> => {
    const token = held.get(accountId);
    if (token !== undefined && token.expiresAt - margin > now()) return token;
    return renewOnce(accountId);
  };

  const renewAfterRefusal = async (accountId: string, refused: string): Promise<HeldToken> => {
    if (held.get(accountId)?.accessToken === refused) held.delete(accountId);
    const renewed = held.get(accountId);
    // Another job already renewed after the same refusal: its token is the fresh one.
    if (renewed !== undefined) return renewed;
    return renewOnce(accountId);
  };

  return {
    async accessToken(accountId) {
      return (await current(accountId)).accessToken;
    },
    async renewAfterRefusal(accountId, refused) {
      return (await renewAfterRefusal(accountId, refused)).accessToken;
    },
    async rememberSignIn(accountId, tokens) {
      if (tokens.refreshToken === undefined) logger.warn('The provider gave no refresh token; the sign-in lasts until the access token expires', { accountId });
      await keep(accountId, tokens);
    },
    async withAccessToken(accountId, use) {
      const first = await current(accountId);
      try {
        return await use(first.accessToken);
      } catch (error) {
        if (!isAuthFailure(error)) throw error;
        // The server refused a token we thought valid (revoked, or clocks disagree): renew once.
        const second = await renewAfterRefusal(accountId, first.accessToken);
        return use(second.accessToken);
      }
    },
    async checkSignIn(accountId) {
      held.delete(accountId);
      const renewed = await renewOnce(accountId);
      const refreshToken = await options.credentials.get(accountId, 'oauth');
      const configuration = await options.configurationOf(accountId);
      const missing = missingScopes(configuration.scopes, {
        accessToken: renewed.accessToken,
        expiresAt: renewed.expiresAt,
        ...(renewed.scopes === undefined ? {} : { scopes: renewed.scopes }),
        ...(refreshToken === undefined ? {} : { refreshToken }),
      });
      return { accessToken: renewed.accessToken, missingScopes: missing };
    },
    async forget(accountId) {
      held.delete(accountId);
      await options.credentials.remove(accountId, 'oauth');
    },
  };
}
