import type { ErrorWords } from '../../../shared/errors';
import type { OAuthClientName, ProviderNote, UsernameStyle } from '../../../shared/providers';
import type { ConnectionSecurity, MailProtocol } from '../../../shared/server-security';

/** Where a candidate came from, in the order discovery trusts them. */
export type DiscoverySource = 'provider-table' | 'autoconfig' | 'srv' | 'mx' | 'guess';

/** Every source, in order of trust. */
export const DISCOVERY_SOURCES: readonly DiscoverySource[] = ['provider-table', 'autoconfig', 'srv', 'mx', 'guess'];

/** One server a source suggests. */
export interface ServerCandidate {
  readonly protocol: MailProtocol;
  readonly source: DiscoverySource;
  readonly host: string;
  readonly port: number;
  readonly security: ConnectionSecurity;
  readonly username: UsernameStyle;
  /** Plaintext only: the user must explicitly accept that the password is sent unencrypted. */
  readonly needsPlaintextConsent: boolean;
  readonly notes: readonly ProviderNote[];
  /** The provider's OAuth sign-in, when a provider table entry suggested this server. */
  readonly signInWith?: OAuthClientName;
}

/** What one source did: found candidates, found nothing, or failed (with a reason for the UI). */
export type SourceStatus =
  | { readonly state: 'answered'; readonly incoming: number; readonly outgoing: number }
  | { readonly state: 'nothing' }
  | { readonly state: 'failed'; readonly reason: string; readonly reasonWords?: ErrorWords };

/** What a source hands back to the orchestrator. */
export interface SourceFindings {
  readonly incoming: readonly ServerCandidate[];
  readonly outgoing: readonly ServerCandidate[];
}

/** One guessed server that was probed, and what came of it (shown by the setup view and the doctor). */
export interface ProbeAttempt {
  readonly protocol: MailProtocol;
  readonly host: string;
  readonly port: number;
  /** The security the probe asked for. */
  readonly security: ConnectionSecurity;
  readonly outcome:
    | { readonly state: 'answered'; readonly security: ConnectionSecurity; readonly capabilities: readonly string[] }
    | { readonly state: 'failed'; readonly code: 'TLS_CERTIFICATE' | 'NETWORK'; readonly reason: string; readonly reasonWords?: ErrorWords };
}
