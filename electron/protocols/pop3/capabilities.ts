/**
 * The server's capabilities as announced by CAPA (RFC 2449 §5, §6), parsed into plain data.
 * A server without CAPA gets `NO_CAPABILITIES`: the RFC 1939 base only, with USER assumed possible.
 */

/** Everything Mailbag understands from a CAPA listing. */
export interface Pop3Capabilities {
  /** Whether the server answered CAPA at all; without it nothing below is known for sure. */
  readonly announced: boolean;
  /** TOP (RFC 2449 §6.1). */
  readonly top: boolean;
  /** USER/PASS (RFC 2449 §6.2). */
  readonly user: boolean;
  /** SASL mechanism names, upper-cased (RFC 2449 §6.3, RFC 5034 §6). */
  readonly sasl: readonly string[];
  /** Extended response codes (RFC 2449 §6.4). */
  readonly respCodes: boolean;
  /** The AUTH response code (RFC 3206 §6). */
  readonly authRespCode: boolean;
  /** Seconds the server wants between logins (RFC 2449 §6.5), or null if not announced. */
  readonly loginDelaySeconds: number | null;
  /** PIPELINING (RFC 2449 §6.6). */
  readonly pipelining: boolean;
  /** Days messages are kept after being retrieved (RFC 2449 §6.7): a number, 'never', or null if not announced. */
  readonly expire: number | 'never' | null;
  /** UIDL (RFC 2449 §6.8). */
  readonly uidl: boolean;
  /** The IMPLEMENTATION string (RFC 2449 §6.9), or null. */
  readonly implementation: string | null;
  /** STLS (RFC 2595 §4). */
  readonly stls: boolean;
  /** UTF8 (RFC 6856 §2). */
  readonly utf8: boolean;
  /** The raw capability lines, for display in the account doctor. */
  readonly lines: readonly string[];
}

/**
 * Whether STLS is worth sending (RFC 2595 §4): unless the server listed its capabilities without STLS.
 * A server that does not answer CAPA may still support it, so it is asked. The engine and the doctor
 * both decide with this, so they never disagree about a server.
 */
export function stlsWorthTrying(capabilities: Pick<Pop3Capabilities, 'announced' | 'stls'>): boolean {
  return !capabilities.announced || capabilities.stls;
}

/** What is assumed of a server that does not answer CAPA (RFC 1939 only). */
export const NO_CAPABILITIES: Pop3Capabilities = Object.freeze({
  announced: false,
  top: false,
  user: false,
  sasl: Object.freeze([]) as readonly string[],
  respCodes: false,
  authRespCode: false,
  loginDelaySeconds: null,
  pipelining: false,
  expire: null,
  uidl: false,
  implementation: null,
  stls: false,
  utf8: false,
  lines: Object.freeze([]) as readonly string[],
});

const DECIMAL = /^\d{1,9}$/;

/** Parses the lines of a CAPA listing (without the terminating dot). Unknown capabilities are kept in `lines` only. */
export function parseCapabilities(lines: readonly string[]): Pop3Capabilities {
  let top = false;
  let user = false;
  let respCodes = false;
  let authRespCode = false;
  let pipelining = false;
  let uidl = false;
  let stls = false;
  let utf8 = false;
  let loginDelaySeconds: number | null = null;
  let expire: number | 'never' | null = null;
  let implementation: string | null = null;
  const sasl: string[] = [];
  for (const line of lines) {
    const words = line.trim().split(/\s+/);
    const name = (words[0] ?? '').toUpperCase();
    const argument = words[1];
    switch (name) {
      case 'TOP':
        top = true;
        break;
      case 'USER':
        user = true;
        break;
      case 'SASL':
        for (const mechanism of words.slice(1)) {
          const upper = mechanism.toUpperCase();
          if (upper !== '' && !sasl.includes(upper)) sasl.push(upper);
        }
        break;
      case 'RESP-CODES':
        respCodes = true;
        break;
      case 'AUTH-RESP-CODE':
        authRespCode = true;
        break;
      case 'PIPELINING':
        pipelining = true;
        break;
      case 'UIDL':
        uidl = true;
        break;
      case 'STLS':
        stls = true;
        break;
      case 'UTF8':
        utf8 = true;
        break;
      case 'LOGIN-DELAY':
        if (argument !== undefined && DECIMAL.test(argument)) loginDelaySeconds = Number(argument);
        break;
      case 'EXPIRE':
        if (argument?.toUpperCase() === 'NEVER') expire = 'never';
        else if (argument !== undefined && DECIMAL.test(argument)) expire = Number(argument);
        break;
      case 'IMPLEMENTATION':
        implementation = line.trim().slice('IMPLEMENTATION'.length).trim();
        break;
      default:
        break;
    }
  }
  return {
    announced: true,
    top,
    user,
    sasl,
    respCodes,
    authRespCode,
    loginDelaySeconds,
    pipelining,
    expire,
    uidl,
    implementation,
    stls,
    utf8,
    lines: [...lines],
  };
}
