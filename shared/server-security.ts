/**
 * Connection security of a mail server and the well-known ports that go with it. Implicit TLS is
 * preferred over STARTTLS (RFC 8314 section 3), and plaintext is only ever an explicit choice.
 */

/** `tls`: TLS from the first byte; `starttls`: upgraded with STLS / STARTTLS; `none`: plaintext. */
export type ConnectionSecurity = 'tls' | 'starttls' | 'none';

/** The two protocols whose servers an account names. */
export type MailProtocol = 'pop3' | 'smtp';

/**
 * The registered ports and the security each implies: 995 pop3s and 110 pop3 with STLS (RFC 2595
 * section 4, RFC 8314 section 3.3); 465 submissions and 587 submission with STARTTLS (RFC 8314
 * section 3.3, RFC 6409); 25 relay with STARTTLS (RFC 3207).
 */
export const WELL_KNOWN_PORTS: Readonly<Record<MailProtocol, Readonly<Record<number, Exclude<ConnectionSecurity, 'none'>>>>> = {
  pop3: { 995: 'tls', 110: 'starttls' },
  smtp: { 465: 'tls', 587: 'starttls', 25: 'starttls' },
};

/** The default port of each protocol and security (plaintext uses the STARTTLS port). */
export const DEFAULT_PORTS: Readonly<Record<MailProtocol, Readonly<Record<ConnectionSecurity, number>>>> = {
  pop3: { tls: 995, starttls: 110, none: 110 },
  smtp: { tls: 465, starttls: 587, none: 587 },
};

/**
 * The security to show after the user typed a new port: a well-known port brings its security with
 * it (995 → TLS, 110 → STARTTLS, and back), any other port keeps what was chosen.
 */
export function securityForPort(protocol: MailProtocol, port: number, current: ConnectionSecurity): ConnectionSecurity {
  const implied = WELL_KNOWN_PORTS[protocol][port];
  if (implied === undefined) return current;
  // A deliberate plaintext choice on a STARTTLS port stays plaintext.
  if (current === 'none' && implied === 'starttls') return 'none';
  return implied;
}

/**
 * The port to show after the user chose another security: if the port was the default of the old
 * security it moves to the default of the new one; a custom port is kept.
 */
export function portForSecurity(protocol: MailProtocol, port: number, previous: ConnectionSecurity, next: ConnectionSecurity): number {
  return port === DEFAULT_PORTS[protocol][previous] ? DEFAULT_PORTS[protocol][next] : port;
}

/** Sort key, lower is better: implicit TLS, then STARTTLS, then plaintext (RFC 8314 section 3). */
export function securityRank(security: ConnectionSecurity): number {
  switch (security) {
    case 'tls':
      return 0;
    case 'starttls':
      return 1;
    case 'none':
      return 2;
  }
}
