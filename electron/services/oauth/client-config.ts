import { clientIdVariable, clientSecretVariable } from '../../../shared/oauth-client-variables';
import type { OAuthSettings } from '../../../shared/providers';
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
export function resolveOAuthConfiguration(settings: OAuthSettings, environment: NodeJS.ProcessEnv = process.env): OAuthConfiguration | undefined {
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
