import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LOOPBACK } from './free-port';

/** The public client Mailbag signs in as, registered like a desktop app (RFC 8252 §8.4). */
export const TEST_CLIENT_ID = 'mailbag-desktop-test';
/** The resource (audience) of tokens for the test mail servers. */
export const MAIL_RESOURCE = 'urn:mailbag-test:mail';
/** Another resource: its tokens must be refused by the mail servers. */
export const OTHER_RESOURCE = 'urn:mailbag-test:calendar';
/** The scope that grants POP3 and SMTP access, like Google's https://mail.google.com/. */
export const MAIL_SCOPE = 'mail';
/** The signing key's id; Dovecot finds the public key under it. */
export const SIGNING_KEY_ID = 'mailbag-test-signing-key';
/** Lifetime of sessions, grants, refresh tokens and device codes: longer than any test. */
const ARTIFACT_SECONDS = 3600;
/** Lifetime of access tokens unless a test asks for another. */
const DEFAULT_ACCESS_TOKEN_SECONDS = 600;

/** Options of {@link startAuthorizationServer}. */
export interface AuthorizationServerOptions {
  /** Seconds an access token lives. */
  readonly accessTokenSeconds?: number;
}

/** oidc-provider as far as the tests use it (the package ships no types). */
interface OidcProvider {
  callback(): (request: unknown, response: unknown) => void;
  on(event: string, listener: (...args: unknown[]) => void): void;
  proxy: boolean;
}

/** A running authorization server on 127.0.0.1. */
export interface AuthorizationServer {
  readonly issuer: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly deviceAuthorizationEndpoint: string;
  readonly revocationEndpoint: string;
  readonly introspectionEndpoint: string;
  /** The PEM public key that verifies access tokens (RS256). */
  readonly publicKeyPem: string;
  /** A confidential client that may call the introspection endpoint (Dovecot's introspection mode). */
  readonly introspectionClient: { readonly id: string; readonly secret: string };
  close(): Promise<void>;
}

/**
 * Starts the npm `oidc-provider` (a certified OpenID Connect and OAuth 2.0 server) on a random port of
 * 127.0.0.1, configured as the big mail providers are for desktop programs: a public native client
 * with PKCE required, loopback redirects on any port, refresh tokens for `offline_access`, the device
 * grant, revocation and introspection, and JWT access tokens signed RS256 with an audience (resource
 * indicators, RFC 8707). Its own login and consent pages accept any user name with any password.
 */
export async function startAuthorizationServer(options: AuthorizationServerOptions = {}): Promise<AuthorizationServer> {
  const { default: Provider } = (await import('oidc-provider')) as unknown as {
    default: new (issuer: string, configuration: object) => OidcProvider;
  };
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: SIGNING_KEY_ID, alg: 'RS256', use: 'sig' };
  const introspectionClient = { id: 'dovecot-introspection', secret: randomBytes(24).toString('base64url') };
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const issuer = `http://${LOOPBACK}:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        redirect_uris: ['http://127.0.0.1/oauth/callback'],
        grant_types: ['authorization_code', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
        response_types: ['code'],
      },
      {
        client_id: introspectionClient.id,
        client_secret: introspectionClient.secret,
        grant_types: [],
        response_types: [],
        redirect_uris: [],
      },
    ],
    jwks: { keys: [jwk] },
    scopes: ['openid', 'offline_access', MAIL_SCOPE],
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    findAccount: (_context: unknown, accountId: string) => ({ accountId, claims: () => ({ sub: accountId }) }),
    ttl: {
      AccessToken: options.accessTokenSeconds ?? DEFAULT_ACCESS_TOKEN_SECONDS,
      Interaction: ARTIFACT_SECONDS,
      Session: ARTIFACT_SECONDS,
      Grant: ARTIFACT_SECONDS,
      RefreshToken: ARTIFACT_SECONDS,
      DeviceCode: ARTIFACT_SECONDS,
    },
    // Dovecot 2.3 validates only JWTs whose header says `typ: JWT`, not RFC 9068's `at+jwt`.
    formats: { customizers: { jwt: (_context: unknown, _token: unknown, structured: { header?: object }) => void (structured.header = { typ: 'JWT' }) } },
    features: {
      devInteractions: { enabled: true },
      deviceFlow: { enabled: true },
      revocation: { enabled: true },
      introspection: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => MAIL_RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_context: unknown, resource: string) => ({
          scope: MAIL_SCOPE,
          audience: resource,
          accessTokenTTL: options.accessTokenSeconds ?? DEFAULT_ACCESS_TOKEN_SECONDS,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256', kid: SIGNING_KEY_ID } },
        }),
      },
    },
  });
  server.on('request', provider.callback());
  return {
    issuer,
    authorizationEndpoint: `${issuer}/auth`,
    tokenEndpoint: `${issuer}/token`,
    deviceAuthorizationEndpoint: `${issuer}/device/auth`,
    revocationEndpoint: `${issuer}/token/revocation`,
    introspectionEndpoint: `${issuer}/token/introspection`,
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    introspectionClient,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
