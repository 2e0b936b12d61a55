/**
 * The POP3 capabilities table of the doctor (RFC 2449 section 6): what the server announced, and what
 * each item means for the user's mail, in the language of the doctor's translator. The rows' names are
 * the capabilities' own keywords, the same in every language.
 */
import type { LeaveOnServer } from '../../../shared/accounts';
import type { DoctorFact } from '../../../shared/doctor';
import type { Translate } from '../../../shared/i18n/catalogs';
import type { Pop3Capabilities } from '../../protocols/pop3';
import type { CommandSupport, OptionalCommands } from '../../protocols/pop3/probe';

/** "yes" or "no" in the language of `t`. */
export function yesNo(t: Translate, value: boolean): string {
  return value ? t('doctor.fact.yes') : t('doctor.fact.no');
}

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

function commandValue(t: Translate, announced: boolean, support: CommandSupport | undefined, listed: boolean): string {
  if (announced) return yesNo(t, listed);
  switch (support) {
    case 'yes':
      return t('doctor.cap.triedYes');
    case 'no':
      return t('doctor.cap.triedNo');
    case 'unknown':
      return t('doctor.cap.untried');
    case undefined:
      return t('doctor.cap.unlisted');
  }
}

function userValue(t: Translate, capabilities: Pop3Capabilities, evidence: CapabilityEvidence): string {
  if (evidence.signedInWith === 'USER') return t('doctor.fact.yes');
  if (capabilities.announced) return yesNo(t, capabilities.user);
  return t('doctor.cap.assumed');
}

function stlsValue(t: Translate, capabilities: Pop3Capabilities, security: CapabilityEvidence['security']): string {
  switch (security) {
    case 'starttls':
      return t('doctor.cap.stlsUsed');
    case 'tls':
      return t('doctor.cap.stlsNotNeeded');
    case 'none':
      return capabilities.announced ? yesNo(t, capabilities.stls) : t('doctor.cap.unlisted');
  }
}

function expireValue(t: Translate, expire: Pop3Capabilities['expire']): string {
  if (expire === null) return t('doctor.fact.notAnnounced');
  return expire === 'never' ? t('doctor.cap.never') : t('doctor.cap.expireDays', { days: expire });
}

/**
 * One row per capability that matters to Mailbag, in the order users read them. Without CAPA, UIDL
 * and TOP are shown as tried; STLS and IMPLEMENTATION come from whichever listing names them.
 */
export function capabilityFacts(t: Translate, capabilities: Pop3Capabilities, evidence: CapabilityEvidence = { security: 'none' }): DoctorFact[] {
  const implementation = capabilities.implementation ?? evidence.afterSignIn?.implementation ?? null;
  return [
    {
      name: 'UIDL',
      value: commandValue(t, capabilities.announced, evidence.commands?.uidl, capabilities.uidl),
      meaning: t('doctor.cap.uidlMeaning'),
    },
    {
      name: 'TOP',
      value: commandValue(t, capabilities.announced, evidence.commands?.top, capabilities.top),
      meaning: t('doctor.cap.topMeaning'),
    },
    { name: 'PIPELINING', value: yesNo(t, capabilities.pipelining), meaning: t('doctor.cap.pipeliningMeaning') },
    {
      name: 'LOGIN-DELAY',
      value: capabilities.loginDelaySeconds === null ? t('doctor.fact.notAnnounced') : t('doctor.cap.loginDelay', { seconds: capabilities.loginDelaySeconds }),
      meaning: t('doctor.cap.loginDelayMeaning'),
    },
    { name: 'EXPIRE', value: expireValue(t, capabilities.expire), meaning: t('doctor.cap.expireMeaning') },
    {
      name: 'SASL',
      value: capabilities.sasl.length === 0 ? t('doctor.fact.none') : capabilities.sasl.join(' '),
      meaning: t('doctor.cap.saslMeaning'),
    },
    { name: 'USER', value: userValue(t, capabilities, evidence) },
    { name: 'STLS', value: stlsValue(t, capabilities, evidence.security) },
    { name: 'RESP-CODES', value: yesNo(t, capabilities.respCodes) },
    { name: 'IMPLEMENTATION', value: implementation ?? t('doctor.fact.notAnnounced') },
  ];
}

/** A warning when the server cannot honour the account's leave-on-server policy, else undefined. */
export function capabilityWarning(
  t: Translate,
  capabilities: Pop3Capabilities,
  policy: LeaveOnServer,
  commands?: OptionalCommands,
): { summary: string; advice: string } | undefined {
  const keeps = policy.mode !== 'never';
  const noUidl = commands === undefined ? capabilities.announced && !capabilities.uidl : commands.uidl === 'no';
  if (keeps && noUidl) {
    // The advice names the choice as account setup words it.
    return { summary: t('doctor.cap.noUidl'), advice: t('doctor.cap.noUidlAdvice', { choice: t('setup.leaveNo') }) };
  }
  if (capabilities.expire === 0 && keeps) {
    return { summary: t('doctor.cap.expireZero'), advice: t('doctor.cap.expireZeroAdvice') };
  }
  if (typeof capabilities.expire === 'number' && policy.mode === 'days' && capabilities.expire < policy.days) {
    return { summary: t('doctor.cap.expireShort', { expire: capabilities.expire, days: policy.days }), advice: t('doctor.cap.expireShortAdvice') };
  }
  return undefined;
}
