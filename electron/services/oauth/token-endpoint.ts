import { z } from 'zod';
import { wordedError } from '../../../shared/error-words';
import { MailbagError } from '../../../shared/errors';
import { SIGN_IN_AGAIN_WORDS } from './sign-in-again';

/** How long one request to a token or device endpoint may take. */
export const TOKEN_REQUEST_TIMEOUT_MS = 30_000;
/** Lifetime assumed when a token response omits `expires_in` (RFC 6749 §5.1 makes it optional). */
const DEFAULT_EXPIRES_IN_SECONDS = 3600;
/** The largest answer read from an endpoint; a token response is a few kilobytes. */
const MAX_RESPONSE_BYTES = 256 * 1024;

/** A public client of RFC 8252: an id, and for providers that insist on one, a non-confidential secret (§8.5). */
export interface OAuthClientIdentity {
  readonly clientId: string;
  readonly clientSecret?: string;
}

/** What a successful token response carries, with the lifetime made absolute. */
export interface TokenSet {
  readonly accessToken: string;
  /** Milliseconds since the epoch at which the access token stops working. */
  readonly expiresAt: number;
  /** Absent when the provider did not issue (or rotate) one. */
  readonly refreshToken?: string;
  /** The granted scopes when the server says them (RFC 6749 §5.1), else undefined. */
  readonly scopes?: readonly string[];
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().refine((value) => value.toLowerCase() === 'bearer', 'not a bearer token'),
  expires_in: z.number().positive().optional(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
});

const errorResponseSchema = z.object({ error: z.string().min(1), error_description: z.string().optional() });

/** The answer of an OAuth endpoint: its JSON on success, or the error code of RFC 6749 §5.2. */
export type EndpointAnswer = { readonly ok: true; readonly body: unknown } | { readonly ok: false; readonly error: string; readonly description?: string };

/** Options shared by every endpoint request. */
export interface EndpointRequestOptions {
  readonly signal?: AbortSignal;
  readonly now?: () => number;
}

/**
 * POSTs a form to an OAuth endpoint (RFC 6749 §3.2) and reads its JSON answer. Network failures become
 * NETWORK or TIMEOUT; an answer that is neither success nor a known error shape becomes PROTOCOL_ERROR.
 * The form carries codes and tokens, so nothing of it is put into an error.
 */
export async function postForm(endpoint: string, form: Readonly<Record<string, string>>, options: EndpointRequestOptions = {}): Promise<EndpointAnswer> {
  const timeout = AbortSignal.timeout(TOKEN_REQUEST_TIMEOUT_MS);
  const signal = options.signal === undefined ? timeout : AbortSignal.any([timeout, options.signal]);
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      redirect: 'error',
      signal,
    });
  } catch (error) {
    if (options.signal?.aborted === true) throw new MailbagError('CANCELLED');
    if (timeout.aborted) throw wordedError('TIMEOUT', { id: 'serviceError.oauth.serverTooSlow' });
    throw wordedError('NETWORK', { id: 'serviceError.oauth.serverUnreachable' }, { detail: new URL(endpoint).host, cause: error });
  }
  const text = await response.text();
  if (text.length > MAX_RESPONSE_BYTES) throw wordedError('PROTOCOL_ERROR', { id: 'serviceError.oauth.answerTooLarge' });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw wordedError('PROTOCOL_ERROR', { id: 'serviceError.oauth.answerNotJson' }, { detail: `HTTP ${response.status}` });
  }
  if (response.ok) return { ok: true, body };
  const error = errorResponseSchema.safeParse(body);
  if (!error.success) throw wordedError('PROTOCOL_ERROR', { id: 'serviceError.oauth.errorNotUnderstood' }, { detail: `HTTP ${response.status}` });
  return error.data.error_description === undefined
    ? { ok: false, error: error.data.error }
    : { ok: false, error: error.data.error, description: error.data.error_description };
}

/** The client's own fields of every token request (RFC 6749 §2.3.1 puts the secret in the body as an option). */
export function clientFields(client: OAuthClientIdentity): Record<string, string> {
  return client.clientSecret === undefined ? { client_id: client.clientId } : { client_id: client.clientId, client_secret: client.clientSecret };
}

/** Reads a successful token response (RFC 6749 §5.1) into a {@link TokenSet}. */
export function readTokenSet(body: unknown, now: number): TokenSet {
  const parsed = tokenResponseSchema.safeParse(body);
  if (!parsed.success) throw wordedError('PROTOCOL_ERROR', { id: 'serviceError.oauth.tokensNotUnderstood' });
  const { access_token, expires_in, refresh_token, scope } = parsed.data;
  return {
    accessToken: access_token,
    expiresAt: now + (expires_in ?? DEFAULT_EXPIRES_IN_SECONDS) * 1000,
    ...(refresh_token === undefined ? {} : { refreshToken: refresh_token }),
    ...(scope === undefined ? {} : { scopes: scope.split(' ').filter((item) => item !== '') }),
  };
}

/**
 * The error for a refused token request. `invalid_grant` means the code or refresh token is dead
 * (expired, revoked, or the password changed): the user must sign in again, so it is AUTH_FAILED
 * with the sign-in prompt's words, like a wrong password.
 */
export function tokenError(answer: { readonly error: string; readonly description?: string }): MailbagError {
  const detail = answer.description === undefined ? answer.error : `${answer.error}: ${answer.description}`;
  switch (answer.error) {
    case 'invalid_grant':
      return wordedError('AUTH_FAILED', SIGN_IN_AGAIN_WORDS, { detail });
    case 'invalid_client':
    case 'unauthorized_client':
      return wordedError('AUTH_UNSUPPORTED', { id: 'serviceError.oauth.clientRefused' }, { detail });
    case 'invalid_scope':
      return wordedError('AUTH_UNSUPPORTED', { id: 'serviceError.oauth.scopeRefused' }, { detail });
    default:
      return wordedError('SERVER_PERMANENT', { id: 'serviceError.oauth.requestRefused' }, { detail });
  }
}

/** Sends a token request (any grant) and returns the tokens, or throws {@link tokenError}. */
export async function requestTokens(
  tokenEndpoint: string,
  client: OAuthClientIdentity,
  grant: Readonly<Record<string, string>>,
  options: EndpointRequestOptions = {},
): Promise<TokenSet> {
  const answer = await postForm(tokenEndpoint, { ...grant, ...clientFields(client) }, options);
  if (!answer.ok) throw tokenError(answer);
  return readTokenSet(answer.body, (options.now ?? Date.now)());
}

/** Exchanges a refresh token for a new access token (RFC 6749 §6); the answer may rotate the refresh token. */
export function refreshTokens(
  tokenEndpoint: string,
  client: OAuthClientIdentity,
  refreshToken: string,
  options: EndpointRequestOptions = {},
): Promise<TokenSet> {
  return requestTokens(tokenEndpoint, client, { grant_type: 'refresh_token', refresh_token: refreshToken }, options);
}
