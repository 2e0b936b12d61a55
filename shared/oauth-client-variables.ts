import type { OAuthClientName } from './providers';

/** The OAuth clients a build or an environment can configure. */
const CLIENTS: readonly OAuthClientName[] = ['google', 'microsoft'];

/** The environment variable that configures a client's id, e.g. MAILBAG_OAUTH_GOOGLE_CLIENT_ID. */
export function clientIdVariable(client: OAuthClientName): string {
  return `MAILBAG_OAUTH_${client.toUpperCase()}_CLIENT_ID`;
}

/** The variable for the secret some providers give desktop clients (not confidential, RFC 8252 §8.5). */
export function clientSecretVariable(client: OAuthClientName): string {
  return `MAILBAG_OAUTH_${client.toUpperCase()}_CLIENT_SECRET`;
}

/** Every variable a build compiles in from its own environment (see electron/tools/build.ts). */
export const BUILD_CLIENT_VARIABLES: readonly string[] = CLIENTS.flatMap((client) => [clientIdVariable(client), clientSecretVariable(client)]);

/** What an endpoint variable replaces in the provider table (for an organisation's own sign-in server). */
export type OAuthEndpointSetting = 'AUTHORIZATION_ENDPOINT' | 'TOKEN_ENDPOINT' | 'DEVICE_ENDPOINT' | 'SCOPES';

/**
 * The environment variable that replaces one of a client's provider-table settings, e.g.
 * MAILBAG_OAUTH_MICROSOFT_TOKEN_ENDPOINT; SCOPES is a space-separated list.
 */
export function endpointVariable(client: OAuthClientName, setting: OAuthEndpointSetting): string {
  return `MAILBAG_OAUTH_${client.toUpperCase()}_${setting}`;
}
