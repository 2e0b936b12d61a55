import type { Pop3Capabilities } from '../capabilities';

/** The SASL mechanisms the engine implements, each run as an AUTH exchange (RFC 5034). */
export type Pop3SaslMechanism = 'PLAIN' | 'LOGIN' | 'CRAM-MD5' | 'SCRAM-SHA-1' | 'SCRAM-SHA-256' | 'XOAUTH2' | 'OAUTHBEARER';

/** The sign-in methods the engine implements: RFC 1939's USER/PASS and APOP, and the SASL ones. */
export type Pop3AuthMechanism = 'USER' | 'APOP' | Pop3SaslMechanism;

/** What the caller signs in with. */
export interface Pop3Credentials {
  readonly username: string;
  readonly password?: string;
  /** An OAuth 2.0 access token obtained by the caller (RFC 7628 / Google's XOAUTH2). */
  readonly oauth2Token?: string;
  /** Restricts the mechanisms tried and gives their order; by default the engine chooses. */
  readonly mechanisms?: readonly Pop3AuthMechanism[];
}

/**
 * Password mechanisms over TLS, best first. SCRAM proves the server knows the password too
 * (RFC 5802 §9, RFC 7677); PLAIN inside TLS lets the server store only hashes, so it ranks above the
 * challenge-response methods that require a plaintext-equivalent secret on the server. APOP comes
 * last: inside TLS it hides nothing USER/PASS would expose, its MD5 digest is weaker, and many
 * servers put a timestamp in every greeting although most users have no APOP secret (GNU Mailutils,
 * Solid POP3), so trying it first costs a refused sign-in.
 */
export const PASSWORD_ORDER_ENCRYPTED: readonly Pop3AuthMechanism[] = ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN', 'CRAM-MD5', 'LOGIN', 'USER', 'APOP'];

/**
 * Password mechanisms on an unencrypted connection the user explicitly allowed: methods that never
 * send the password itself come first.
 */
export const PASSWORD_ORDER_UNENCRYPTED: readonly Pop3AuthMechanism[] = ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'CRAM-MD5', 'APOP', 'PLAIN', 'LOGIN', 'USER'];

/** Token mechanisms, standard first (RFC 7628 OAUTHBEARER, then XOAUTH2). */
export const TOKEN_ORDER: readonly Pop3AuthMechanism[] = ['OAUTHBEARER', 'XOAUTH2'];

/** Whether a mechanism needs a password (as opposed to a token). */
export function usesPassword(mechanism: Pop3AuthMechanism): boolean {
  switch (mechanism) {
    case 'XOAUTH2':
    case 'OAUTHBEARER':
      return false;
    case 'USER':
    case 'APOP':
    case 'PLAIN':
    case 'LOGIN':
    case 'CRAM-MD5':
    case 'SCRAM-SHA-1':
    case 'SCRAM-SHA-256':
      return true;
  }
}

/** Facts about the server that decide which mechanisms are possible. */
export interface MechanismContext {
  readonly capabilities: Pop3Capabilities;
  readonly apopTimestamp: string | undefined;
  readonly encrypted: boolean;
}

/**
 * Whether the server offers a mechanism: SASL ones by CAPA (RFC 2449 §6.3) or, without CAPA, only
 * when asked for explicitly; APOP by the greeting's timestamp (RFC 1939 §7); USER by CAPA, or
 * assumed when the server has no CAPA (RFC 1939 servers).
 */
export function isOffered(mechanism: Pop3AuthMechanism, context: MechanismContext, explicit: boolean): boolean {
  const { capabilities } = context;
  switch (mechanism) {
    case 'APOP':
      return context.apopTimestamp !== undefined;
    case 'USER':
      return capabilities.user || !capabilities.announced;
    default:
      return capabilities.sasl.includes(mechanism) || (explicit && !capabilities.announced);
  }
}

/**
 * The mechanisms to try, in order: the caller's list if given, else tokens first (when a token is
 * supplied) and then password mechanisms by the order for this connection; only those the server
 * offers and the credentials allow.
 */
export function chooseMechanisms(credentials: Pop3Credentials, context: MechanismContext): Pop3AuthMechanism[] {
  const explicit = credentials.mechanisms !== undefined;
  const wanted = credentials.mechanisms ?? [
    ...(credentials.oauth2Token === undefined ? [] : TOKEN_ORDER),
    ...(credentials.password === undefined ? [] : context.encrypted ? PASSWORD_ORDER_ENCRYPTED : PASSWORD_ORDER_UNENCRYPTED),
  ];
  const chosen: Pop3AuthMechanism[] = [];
  for (const mechanism of wanted) {
    if (chosen.includes(mechanism)) continue;
    const hasSecret = usesPassword(mechanism) ? credentials.password !== undefined : credentials.oauth2Token !== undefined;
    if (hasSecret && isOffered(mechanism, context, explicit)) chosen.push(mechanism);
  }
  return chosen;
}
