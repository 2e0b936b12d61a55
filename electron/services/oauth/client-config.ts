import { wordedError } from '../../../shared/error-words';
import { clientIdVariable, clientSecretVariable, endpointVariable, type OAuthEndpointSetting } from '../../../shared/oauth-client-variables';
import { PROVIDERS, type OAuthClientName, type OAuthSettings } from '../../../shared/providers';
import type { OAuthClientIdentity } from './token-endpoint';

/**
 * Client ids (and Google's non-confidential desktop secret) compiled in by `npm run build` from the
 * same environment variable names; undefined when running from source.
 */
declare const MAILBAG_BUILD_OAUTH_CLIENTS: Readonly<Record<string, string>> | undefined;

/** Everything a sign-in needs: the provider's endpoints and scopes, and the configured client. */
export interface OAuthConfiguration extends OAuthSettings, OAuthClientIdentity {}

/**
 * The provider's OAuth settings with the configured client, or undefined when this installation has
 * no client id for it (then setup cannot offer the sign-in and says how to configure one). The
 * environment wins over the build, so a user can bring their own registration.
 */
export function resolveOAuthConfiguration(table: OAuthSettings, environment: NodeJS.ProcessEnv = process.env): OAuthConfiguration | undefined {
  const settings = withEndpointOverrides(table, environment);
  const built = typeof MAILBAG_BUILD_OAUTH_CLIENTS === 'undefined' ? {} : MAILBAG_BUILD_OAUTH_CLIENTS;
  const read = (name: string): string | undefined => {
    const value = environment[name] ?? built[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const clientId = read(clientIdVariable(settings.client));
  if (clientId === undefined) return undefined;
  const clientSecret = read(clientSecretVariable(settings.client));
  return clientSecret === undefined ? { ...settings, clientId } : { ...settings, clientId, clientSecret };
}

/** The section of README.md (written in English) that explains how to register and configure a client id. */
const CLIENT_ID_README_SECTION = 'Signing in with Google and Microsoft (OAuth 2.0)';

/**
 * An endpoint named by configuration must be HTTPS; plain HTTP only on the loopback interface (a sign-in
 * server on this computer), so a token never crosses a network in the clear.
 */
function checkedEndpoint(variable: string, text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw wordedError('VALIDATION', { id: 'serviceError.oauth.notUrl', values: { variable } });
  }
  const loopback = url.hostname === '127.0.0.1' || url.hostname === '[::1]' || url.hostname === 'localhost';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw wordedError('VALIDATION', { id: 'serviceError.oauth.notHttps', values: { variable } });
  }
  return url.toString();
}

/**
 * The provider table's settings with what the environment replaces (MAILBAG_OAUTH_<CLIENT>_AUTHORIZATION_ENDPOINT,
 * _TOKEN_ENDPOINT, _DEVICE_ENDPOINT, _SCOPES): for an organisation whose mail servers trust a sign-in
 * server of its own, and for running Mailbag against a local one.
 */
export function withEndpointOverrides(table: OAuthSettings, environment: NodeJS.ProcessEnv): OAuthSettings {
  const read = (setting: OAuthEndpointSetting): string | undefined => {
    const value = environment[endpointVariable(table.client, setting)]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const endpoint = (setting: OAuthEndpointSetting): string | undefined => {
    const value = read(setting);
    return value === undefined ? undefined : checkedEndpoint(endpointVariable(table.client, setting), value);
  };
  const authorizationEndpoint = endpoint('AUTHORIZATION_ENDPOINT');
  const tokenEndpoint = endpoint('TOKEN_ENDPOINT');
  const deviceAuthorizationEndpoint = endpoint('DEVICE_ENDPOINT');
  const scopes = read('SCOPES')?.split(/\s+/);
  return {
    ...table,
    ...(authorizationEndpoint === undefined ? {} : { authorizationEndpoint }),
    ...(tokenEndpoint === undefined ? {} : { tokenEndpoint }),
    ...(deviceAuthorizationEndpoint === undefined ? {} : { deviceAuthorizationEndpoint }),
    ...(scopes === undefined ? {} : { scopes }),
  };
}

/** The provider table's OAuth settings of a client (Google's for Gmail, Microsoft's for Outlook.com and Microsoft 365). */
export function oauthSettingsOf(client: OAuthClientName): OAuthSettings {
  const found = PROVIDERS.find((provider) => provider.oauth?.client === client)?.oauth;
  if (found === undefined) throw wordedError('INTERNAL', { id: 'serviceError.oauth.noTableSignIn', values: { client } });
  return found;
}

/**
 * The configuration an account that signs in with `client` uses, or a CONFIG-like VALIDATION error
 * saying plainly that no client id is configured and where the README explains it.
 */
export function requireOAuthConfiguration(client: OAuthClientName, environment: NodeJS.ProcessEnv = process.env): OAuthConfiguration {
  const configuration = resolveOAuthConfiguration(oauthSettingsOf(client), environment);
  if (configuration !== undefined) return configuration;
  const name = client === 'google' ? 'Google' : 'Microsoft';
  throw wordedError('AUTH_UNSUPPORTED', {
    id: 'serviceError.oauth.noClientId',
    values: { provider: name, variable: clientIdVariable(client), section: CLIENT_ID_README_SECTION },
  });
}
