import { wordedError } from '../../../shared/error-words';
import type { WordValue } from '../../../shared/errors';
import type { TokenSet } from './token-endpoint';

/** The scope that asks for a refresh token; granted means a refresh token came back, whatever `scope` says. */
const OFFLINE_ACCESS = 'offline_access';

/**
 * The requested scopes a token response did not grant. A response without `scope` grants what was
 * asked (RFC 6749 §5.1); `offline_access` counts as granted when a refresh token came with it.
 */
export function missingScopes(requested: readonly string[], tokens: TokenSet): string[] {
  const granted = tokens.scopes === undefined ? undefined : new Set(tokens.scopes);
  return requested.filter((scope) => (scope === OFFLINE_ACCESS ? tokens.refreshToken === undefined : granted !== undefined && !granted.has(scope)));
}

/** Google's one scope for the whole mailbox (POP3 and SMTP with a token need it). */
export const GOOGLE_MAIL_SCOPE = 'https://mail.google.com/';

/**
 * A permission as the consent page shows it: Google's one scope described in words (said in the
 * reader's language), any other by its short name (`POP.AccessAsUser.All`, not the whole URI).
 */
export function scopeWords(scope: string): WordValue {
  if (scope === GOOGLE_MAIL_SCOPE) return { id: 'serviceError.oauth.googleMailScope', values: { scope } };
  const last = scope.replace(/\/+$/, '').split('/').at(-1);
  return last === undefined || last === '' ? scope : last;
}

/** Several permissions as words, in the order given, joined with the reader's language's separator. */
export function scopesWords(scopes: readonly string[]): WordValue {
  const [first = '', ...rest] = scopes.map(scopeWords);
  let said: WordValue = first;
  for (const next of rest) said = { id: 'serviceError.oauth.scopeThen', values: { first: said, next } };
  return said;
}

/**
 * Refuses a sign-in that did not grant every scope Mailbag asked for (a person may untick one on the
 * consent page), naming what is missing, so the user knows what to allow when signing in again.
 */
export function assertScopesGranted(requested: readonly string[], tokens: TokenSet): void {
  const missing = missingScopes(requested, tokens);
  if (missing.length === 0) return;
  throw wordedError(
    'AUTH_UNSUPPORTED',
    { id: 'serviceError.oauth.scopesMissing', values: { scopes: scopesWords(missing) } },
    { detail: `missing scope: ${missing.join(' ')}` },
  );
}
