/**
 * What setup's settings discovery reports to the UI: the candidate servers, the recommended pair, and
 * what each source (provider table, autoconfig, DNS SRV, MX, guessing) did, so the UI can show which
 * source answered.
 */
import type { ErrorWords } from './errors';
import type { OAuthClientName, ProviderNote, UsernameStyle } from './providers';
import type { ConnectionSecurity, MailProtocol } from './server-security';

/** Where a candidate came from, in the order discovery trusts them. */
export type DiscoverySourceName = 'provider-table' | 'autoconfig' | 'srv' | 'mx' | 'guess';

/** What one source did. */
export type DiscoverySourceStatus =
  | { readonly state: 'answered'; readonly incoming: number; readonly outgoing: number }
  | { readonly state: 'nothing' }
  /** `reason` is the English (what `--json` keeps); `reasonWords` says it in the reader's language. */
  | { readonly state: 'failed'; readonly reason: string; readonly reasonWords?: ErrorWords };

/** One server a source suggests. */
export interface DiscoveredServer {
  readonly protocol: MailProtocol;
  readonly source: DiscoverySourceName;
  readonly host: string;
  readonly port: number;
  readonly security: ConnectionSecurity;
  readonly username: UsernameStyle;
  /** Plaintext only: the user must explicitly accept that the password is sent unencrypted. */
  readonly needsPlaintextConsent: boolean;
  readonly notes: readonly ProviderNote[];
  /** The provider's OAuth sign-in, when the provider table knows this server's provider (Gmail, Outlook.com, Microsoft 365). */
  readonly signInWith?: OAuthClientName;
}

/** The outcome of a discovery. */
export interface DiscoveryOutcome {
  readonly domain: string;
  readonly incoming: readonly DiscoveredServer[];
  readonly outgoing: readonly DiscoveredServer[];
  readonly recommended: { readonly incoming: DiscoveredServer | undefined; readonly outgoing: DiscoveredServer | undefined };
  readonly sources: Readonly<Record<DiscoverySourceName, DiscoverySourceStatus>>;
}
