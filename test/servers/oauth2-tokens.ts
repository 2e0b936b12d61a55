import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Lifetime of a test token unless a test asks for another. */
const DEFAULT_TOKEN_SECONDS = 600;

/** Claims a test may set on a token; everything else is filled in. */
export interface TokenOptions {
  /** `sub`, which Dovecot takes as the user name; default the server's test user. */
  readonly subject?: string;
  /** Seconds until `exp`; negative for an expired token. */
  readonly expiresInSeconds?: number;
  /** Sign with a key Dovecot does not know (the signature check must fail). */
  readonly wrongKey?: boolean;
}

/** A throw-away HS256 signing key, laid out where Dovecot's local JWT validation looks it up. */
export interface OAuth2Issuer {
  /** The passdb and auth_mechanisms lines for dovecot.conf. */
  readonly dovecotConfig: string;
  /** Issues a signed JWT access token (RFC 7519) for XOAUTH2 and OAUTHBEARER. */
  issueToken(defaultSubject: string, options?: TokenOptions): string;
}

function base64url(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * Sets up OAuth 2.0 for a test Dovecot without any outside service: Dovecot's oauth2 passdb in
 * `introspection_mode = local` verifies HS256-signed JWTs against a key in a dict-fs directory
 * (`<dir>/default/HS256/default`, base64), and this issuer signs tokens with that key.
 */
export async function createOAuth2Issuer(directory: string): Promise<OAuth2Issuer> {
  const key = randomBytes(32);
  const keyDirectory = path.join(directory, 'keys');
  await mkdir(path.join(keyDirectory, 'default', 'HS256'), { recursive: true });
  await writeFile(path.join(keyDirectory, 'default', 'HS256', 'default'), key.toString('base64'), { mode: 0o600 });
  const settingsPath = path.join(directory, 'oauth2.conf.ext');
  await writeFile(
    settingsPath,
    ['introspection_mode = local', `local_validation_key_dict = fs:posix:prefix=${keyDirectory}/`, 'username_attribute = sub', ''].join('\n'),
  );
  return {
    dovecotConfig: `passdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = ${settingsPath}\n}\n`,
    issueToken(defaultSubject, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({
        sub: options.subject ?? defaultSubject,
        iat: now - 1,
        exp: now + (options.expiresInSeconds ?? DEFAULT_TOKEN_SECONDS),
      })}`;
      const signingKey = options.wrongKey === true ? randomBytes(32) : key;
      return `${unsigned}.${createHmac('sha256', signingKey).update(unsigned).digest('base64url')}`;
    },
  };
}

/** An outside authorization server whose RS256 access tokens Dovecot is to accept. */
export interface TrustedOAuth2Provider {
  readonly publicKeyPem: string;
  /** The `kid` in the tokens' header, under which Dovecot looks the key up. */
  readonly keyId: string;
  /** The audience the tokens must name (Dovecot's `client_id` check of `aud`). */
  readonly audience: string;
}

/**
 * The passdb lines for Dovecot to validate an authorization server's JWT access tokens locally: the
 * public key at `<dir>/default/RS256/<kid>` (no `azp` claim means `default`), `sub` as the user name,
 * and tokens for any other audience refused.
 */
export async function trustOAuth2Provider(directory: string, provider: TrustedOAuth2Provider): Promise<string> {
  const keyDirectory = path.join(directory, 'keys');
  await mkdir(path.join(keyDirectory, 'default', 'RS256'), { recursive: true });
  await writeFile(path.join(keyDirectory, 'default', 'RS256', provider.keyId), provider.publicKeyPem, { mode: 0o644 });
  const settingsPath = path.join(directory, 'oauth2.conf.ext');
  await writeFile(
    settingsPath,
    [
      'introspection_mode = local',
      `local_validation_key_dict = fs:posix:prefix=${keyDirectory}/`,
      'username_attribute = sub',
      `client_id = ${provider.audience}`,
      '',
    ].join('\n'),
  );
  return `passdb {\n  driver = oauth2\n  mechanisms = xoauth2 oauthbearer\n  args = ${settingsPath}\n}\n`;
}
