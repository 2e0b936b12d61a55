/**
 * The POP3 capabilities table of the doctor (RFC 2449 section 6): what the server announced, and what
 * each item means for the user's mail.
 */
import type { LeaveOnServer } from '../../../shared/accounts';
import type { DoctorFact } from '../../../shared/doctor';
import type { Pop3Capabilities } from '../../protocols/pop3';
import type { CommandSupport, OptionalCommands } from '../../protocols/pop3/probe';

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

/** What the doctor learnt besides the CAPA listing it read on connecting. */
export interface CapabilityEvidence {
  /** UIDL and TOP as tried after sign-in when the server has no CAPA. */
  readonly commands?: OptionalCommands;
  /** The method that signed in, which proves USER/PASS works when it was USER. */
  readonly signedInWith?: string;
  /** The CAPA listing after sign-in (RFC 2449 §5), where some servers first name their IMPLEMENTATION. */
  readonly afterSignIn?: Pop3Capabilities;
  /** How the connection was secured: after STLS the server no longer lists STLS (RFC 2595 §4). */
  readonly security: 'tls' | 'starttls' | 'none';
}

function commandValue(announced: boolean, support: CommandSupport | undefined, listed: boolean): string {
  if (announced) return yesNo(listed);
  switch (support) {
    case 'yes':
      return 'yes (tried: the server does not list its capabilities)';
    case 'no':
      return 'no (tried: the server refused it)';
    case 'unknown':
      return 'not known (no message to try it on)';
    case undefined:
      return 'not known (the server does not list its capabilities)';
  }
}

function userValue(capabilities: Pop3Capabilities, evidence: CapabilityEvidence): string {
  if (evidence.signedInWith === 'USER') return 'yes';
  if (capabilities.announced) return yesNo(capabilities.user);
  return 'assumed (the server does not list its capabilities)';
}

function stlsValue(capabilities: Pop3Capabilities, security: CapabilityEvidence['security']): string {
  switch (security) {
    case 'starttls':
      return 'yes (used for this connection)';
    case 'tls':
      return 'not needed (encrypted from the start)';
    case 'none':
      return capabilities.announced ? yesNo(capabilities.stls) : 'not known (the server does not list its capabilities)';
  }
}

/**
 * One row per capability that matters to Mailbag, in the order users read them. Without CAPA, UIDL
 * and TOP are shown as tried; STLS and IMPLEMENTATION come from whichever listing names them.
 */
export function capabilityFacts(capabilities: Pop3Capabilities, evidence: CapabilityEvidence = { security: 'none' }): DoctorFact[] {
  const implementation = capabilities.implementation ?? evidence.afterSignIn?.implementation ?? null;
  return [
    {
      name: 'UIDL',
      value: commandValue(capabilities.announced, evidence.commands?.uidl, capabilities.uidl),
      meaning: 'Unique message ids: needed to leave mail on the server without downloading it twice.',
    },
    {
      name: 'TOP',
      value: commandValue(capabilities.announced, evidence.commands?.top, capabilities.top),
      meaning: 'Headers without the body: needed for "headers only" and the size limit.',
    },
    { name: 'PIPELINING', value: yesNo(capabilities.pipelining), meaning: 'Several commands at once: faster downloads.' },
    {
      name: 'LOGIN-DELAY',
      value: capabilities.loginDelaySeconds === null ? 'not announced' : `${capabilities.loginDelaySeconds} s`,
      meaning: 'The shortest time the server allows between checks.',
    },
    {
      name: 'EXPIRE',
      value: capabilities.expire === null ? 'not announced' : capabilities.expire === 'never' ? 'never' : `${capabilities.expire} days`,
      meaning: 'How long the server keeps mail after it was downloaded, whatever Mailbag asks.',
    },
    { name: 'SASL', value: capabilities.sasl.length === 0 ? 'none' : capabilities.sasl.join(' '), meaning: 'Sign-in methods besides USER/PASS.' },
    { name: 'USER', value: userValue(capabilities, evidence) },
    { name: 'STLS', value: stlsValue(capabilities, evidence.security) },
    { name: 'RESP-CODES', value: yesNo(capabilities.respCodes) },
    { name: 'IMPLEMENTATION', value: implementation ?? 'not announced' },
  ];
}

/** A warning when the server cannot honour the account's leave-on-server policy, else undefined. */
export function capabilityWarning(
  capabilities: Pop3Capabilities,
  policy: LeaveOnServer,
  commands?: OptionalCommands,
): { summary: string; advice: string } | undefined {
  const keeps = policy.mode !== 'never';
  const noUidl = commands === undefined ? capabilities.announced && !capabilities.uidl : commands.uidl === 'no';
  if (keeps && noUidl) {
    return {
      summary: 'The server gives no unique message ids (no UIDL), so mail cannot be left on it safely.',
      advice: 'Choose "delete from the server after download" for this account, or ask your provider to enable UIDL.',
    };
  }
  if (capabilities.expire === 0 && keeps) {
    return {
      summary: 'The server deletes mail as soon as it is downloaded (EXPIRE 0), whatever this account asks.',
      advice: 'Your phone or webmail will not see mail that Mailbag downloaded. Ask your provider, or accept it.',
    };
  }
  if (typeof capabilities.expire === 'number' && policy.mode === 'days' && capabilities.expire < policy.days) {
    return {
      summary: `The server keeps downloaded mail only ${capabilities.expire} days, fewer than the ${policy.days} this account asks for.`,
      advice: 'Mail disappears from your other devices sooner than you chose. Nothing is lost here.',
    };
  }
  return undefined;
}
