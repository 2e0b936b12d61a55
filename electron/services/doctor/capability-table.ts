/**
 * The POP3 capabilities table of the doctor (RFC 2449 section 6): what the server announced, and what
 * each item means for the user's mail.
 */
import type { LeaveOnServer } from '../../../shared/accounts';
import type { DoctorFact } from '../../../shared/doctor';
import type { Pop3Capabilities } from '../../protocols/pop3';

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

/** One row per capability that matters to Mailbag, in the order users read them. */
export function capabilityFacts(capabilities: Pop3Capabilities): DoctorFact[] {
  return [
    { name: 'UIDL', value: yesNo(capabilities.uidl), meaning: 'Unique message ids: needed to leave mail on the server without downloading it twice.' },
    { name: 'TOP', value: yesNo(capabilities.top), meaning: 'Headers without the body: needed for "headers only" and the size limit.' },
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
    { name: 'USER', value: yesNo(capabilities.user) },
    { name: 'STLS', value: yesNo(capabilities.stls) },
    { name: 'RESP-CODES', value: yesNo(capabilities.respCodes) },
    { name: 'IMPLEMENTATION', value: capabilities.implementation ?? 'not announced' },
  ];
}

/** A warning when the server cannot honour the account's leave-on-server policy, else undefined. */
export function capabilityWarning(capabilities: Pop3Capabilities, policy: LeaveOnServer): { summary: string; advice: string } | undefined {
  const keeps = policy.mode !== 'never';
  if (keeps && capabilities.announced && !capabilities.uidl) {
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
