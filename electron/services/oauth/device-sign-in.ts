import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { wordedError } from '../../../shared/error-words';
import { MailbagError } from '../../../shared/errors';
import type { OAuthConfiguration } from './client-config';
import { assertScopesGranted } from './granted-scopes';
import { clientFields, postForm, readTokenSet, tokenError, type TokenSet } from './token-endpoint';

/** The grant type of RFC 8628 §3.4. */
const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/** Polling interval when the server names none (RFC 8628 §3.2). */
const DEFAULT_INTERVAL_SECONDS = 5;
/** Seconds added to the interval on `slow_down` (RFC 8628 §3.5). */
const SLOW_DOWN_SECONDS = 5;

const deviceResponseSchema = z.object({
  device_code: z.string().min(1),
  user_code: z.string().min(1),
  verification_uri: z.string().url(),
  verification_uri_complete: z.string().url().optional(),
  expires_in: z.number().positive(),
  interval: z.number().positive().optional(),
});

/** What the user must do on another device: open the page and type the code. */
export interface DeviceCodePrompt {
  readonly verificationUri: string;
  readonly userCode: string;
  /** The page with the code already filled in, when the server offers it. */
  readonly verificationUriComplete?: string;
  readonly expiresAt: number;
}

/** Options of {@link signInWithDeviceCode}. */
export interface DeviceSignInOptions {
  /** Shows the page and code (the command line prints them). */
  readonly showPrompt: (prompt: DeviceCodePrompt) => void | Promise<void>;
  readonly signal?: AbortSignal;
  readonly now?: () => number;
}

/**
 * Signs in by the device authorization grant (RFC 8628) where no browser can be opened on this
 * machine: the user opens a page elsewhere and types a short code, while Mailbag polls the token
 * endpoint at the interval the server asks for.
 */
export async function signInWithDeviceCode(configuration: OAuthConfiguration, options: DeviceSignInOptions): Promise<TokenSet> {
  const endpoint = configuration.deviceAuthorizationEndpoint;
  if (endpoint === undefined) throw wordedError('AUTH_UNSUPPORTED', { id: 'serviceError.oauth.noDeviceSignIn' });
  const now = options.now ?? Date.now;
  const requestOptions = options.signal === undefined ? {} : { signal: options.signal };
  const answer = await postForm(endpoint, { ...clientFields(configuration), scope: configuration.scopes.join(' ') }, requestOptions);
  if (!answer.ok) throw tokenError(answer);
  const parsed = deviceResponseSchema.safeParse(answer.body);
  if (!parsed.success) throw wordedError('PROTOCOL_ERROR', { id: 'serviceError.oauth.deviceAnswerNotUnderstood' });
  const device = parsed.data;
  const expiresAt = now() + device.expires_in * 1000;
  await options.showPrompt({
    verificationUri: device.verification_uri,
    userCode: device.user_code,
    expiresAt,
    ...(device.verification_uri_complete === undefined ? {} : { verificationUriComplete: device.verification_uri_complete }),
  });
  let intervalSeconds = device.interval ?? DEFAULT_INTERVAL_SECONDS;
  for (;;) {
    try {
      await delay(intervalSeconds * 1000, undefined, requestOptions);
    } catch {
      throw new MailbagError('CANCELLED');
    }
    if (now() >= expiresAt) throw wordedError('TIMEOUT', { id: 'serviceError.oauth.codeExpired' });
    const poll = await postForm(
      configuration.tokenEndpoint,
      { grant_type: DEVICE_CODE_GRANT, device_code: device.device_code, ...clientFields(configuration) },
      requestOptions,
    );
    if (poll.ok) {
      const tokens = readTokenSet(poll.body, now());
      assertScopesGranted(configuration.scopes, tokens);
      return tokens;
    }
    switch (poll.error) {
      case 'authorization_pending':
        continue;
      case 'slow_down':
        intervalSeconds += SLOW_DOWN_SECONDS;
        continue;
      case 'access_denied':
        throw wordedError('AUTH_FAILED', { id: 'serviceError.oauth.declined' }, { detail: poll.error });
      case 'expired_token':
        throw wordedError('TIMEOUT', { id: 'serviceError.oauth.codeExpired' });
      default:
        throw tokenError(poll);
    }
  }
}
