import type { OAuthConfiguration } from './client-config';
import { assertScopesGranted } from './granted-scopes';
import type { Translator } from '../../../shared/i18n/catalogs';
import { openLoopbackRedirect } from './loopback-redirect';
import { createPkcePair, createState } from './pkce';
import { requestTokens, type TokenSet } from './token-endpoint';

/** Options of {@link signInWithBrowser}. */
export interface BrowserSignInOptions {
  /**
   * Opens the URL in the user's own browser (Electron's shell.openExternal, the bridge's page, or a
   * line printed by the command line); never an embedded window (RFC 8252 §8.12).
   */
  readonly openUrl: (url: string) => void | Promise<void>;
  /** The address being set up, so the provider preselects that account. */
  readonly loginHint?: string;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly now?: () => number;
  /** The language of the page the browser shows when the provider sends it back; English when absent. */
  readonly translator?: Translator;
}

/** The authorization request URL of RFC 6749 §4.1.1 with PKCE (RFC 7636 §4.3). */
export function authorizationUrl(
  configuration: OAuthConfiguration,
  request: { readonly redirectUri: string; readonly state: string; readonly challenge: string; readonly loginHint?: string },
): string {
  const url = new URL(configuration.authorizationEndpoint);
  const parameters: Record<string, string> = {
    ...configuration.authorizationParameters,
    response_type: 'code',
    client_id: configuration.clientId,
    redirect_uri: request.redirectUri,
    scope: configuration.scopes.join(' '),
    state: request.state,
    code_challenge: request.challenge,
    code_challenge_method: 'S256',
    ...(request.loginHint === undefined ? {} : { login_hint: request.loginHint }),
  };
  for (const [name, value] of Object.entries(parameters)) url.searchParams.set(name, value);
  return url.toString();
}

/**
 * Signs in by the authorization code flow for native apps (RFC 8252): a loopback listener on a random
 * port of 127.0.0.1, the request opened in the system browser, `state` checked on the way back, and
 * the code exchanged with its PKCE verifier, so a code seen by another program is useless to it.
 * A grant without every requested scope is refused, naming the missing ones.
 */
export async function signInWithBrowser(configuration: OAuthConfiguration, options: BrowserSignInOptions): Promise<TokenSet> {
  const pkce = createPkcePair();
  const state = createState();
  const listener = await openLoopbackRedirect({
    expectedState: state,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.translator === undefined ? {} : { translator: options.translator }),
  });
  try {
    const url = authorizationUrl(configuration, {
      redirectUri: listener.redirectUri,
      state,
      challenge: pkce.challenge,
      ...(options.loginHint === undefined ? {} : { loginHint: options.loginHint }),
    });
    await options.openUrl(url);
    const { code } = await listener.response;
    const tokens = await requestTokens(
      configuration.tokenEndpoint,
      configuration,
      { grant_type: 'authorization_code', code, redirect_uri: listener.redirectUri, code_verifier: pkce.verifier },
      { ...(options.signal === undefined ? {} : { signal: options.signal }), ...(options.now === undefined ? {} : { now: options.now }) },
    );
    assertScopesGranted(configuration.scopes, tokens);
    return tokens;
  } finally {
    await listener.close();
  }
}
