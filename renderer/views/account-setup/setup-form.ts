/**
 * The account setup form as the user edits it (every field a string or a choice), and its conversion to
 * the account model. Validation is the model's own zod schema, so the form cannot accept what main
 * would refuse; its issues are mapped back to the fields they belong to, in plain words.
 */
import {
  accountSettingsSchema,
  DEFAULT_LEAVE_DAYS,
  type Account,
  type AccountSettings,
  type AccountSettingsInput,
  type AuthPreference,
  type LeaveOnServer,
  type OutgoingSignIn,
  type PinnedCertificate,
  type SignInWith,
} from '../../../shared/accounts';
import type { DiscoveredServer, DiscoveryOutcome } from '../../../shared/discovery';
import { splitCommandLine } from '../../../shared/command-line';
import { sayWords } from '../../../shared/error-words';
import { passwordSchema } from '../../../shared/ipc/contract';
import { findProviderByDomain, type UsernameStyle } from '../../../shared/providers';
import type { Translate } from '../../../shared/i18n/catalogs';
import type { MessageId } from '../../../shared/i18n/messages-en';
import { DEFAULT_PORTS, type ConnectionSecurity } from '../../../shared/server-security';

/** How long mail stays on the server, as the form offers it. */
export type LeaveChoice = LeaveOnServer['mode'];

/** One server as typed. */
export interface ServerForm {
  readonly host: string;
  readonly port: string;
  readonly security: ConnectionSecurity;
  readonly username: string;
}

/** One From identity as typed. */
export interface IdentityForm {
  readonly name: string;
  readonly address: string;
  readonly signature: string;
  /** The rich signature's HTML; empty for none. */
  readonly signatureHtml: string;
}

/** Everything the setup pages edit. */
export interface SetupForm {
  /** "Your name": the sender name recipients see. */
  readonly displayName: string;
  readonly address: string;
  readonly password: string;
  /** The account's name in lists; the address when left as it was. */
  readonly accountName: string;
  readonly incoming: ServerForm & { readonly auth: AuthPreference };
  readonly outgoing: ServerForm & { readonly credentials: OutgoingSignIn };
  readonly smtpPassword: string;
  /** A program that prints the password (mpop/msmtp passwordeval); empty for none. */
  readonly passwordCommand: string;
  /** The provider the account signs in with instead of a password; empty for a password. */
  readonly signInWith: SignInWith | '';
  /** Extra CA certificate (PEM) trusted for both servers; empty for none. */
  readonly caPem: string;
  readonly pins: { readonly incoming?: PinnedCertificate; readonly outgoing?: PinnedCertificate };
  readonly leave: LeaveChoice;
  readonly leaveDays: string;
  readonly headersOnly: boolean;
  /** KB; empty for no limit. */
  readonly sizeLimitKb: string;
  /** Minutes; empty to follow the global setting. */
  readonly checkEveryMinutes: string;
  readonly checkAtStartup: boolean;
  readonly includeInSendReceive: boolean;
  readonly identities: readonly IdentityForm[];
  /** The signature of the account's own address (its default identity), plain and rich; empty for none. */
  readonly signature: string;
  readonly signatureHtml: string;
  readonly allowInsecure: boolean;
}

/** The field an error is shown next to; `form` for errors that belong to no single field. */
export type FieldKey =
  | 'displayName'
  | 'address'
  | 'password'
  | 'accountName'
  | 'incoming.host'
  | 'incoming.port'
  | 'incoming.username'
  | 'outgoing.host'
  | 'outgoing.port'
  | 'outgoing.username'
  | 'smtpPassword'
  | 'passwordCommand'
  | 'caPem'
  | 'leaveDays'
  | 'sizeLimitKb'
  | 'checkEveryMinutes'
  | 'allowInsecure'
  | `identities.${number}.name`
  | `identities.${number}.address`
  | `identities.${number}.signature`
  | `identities.${number}.signatureHtml`
  | 'signature'
  | 'signatureHtml'
  | 'form';

/** Errors by field. */
export type FieldErrors = Partial<Record<FieldKey, string>>;

/** Plain words for each field when its schema message is a technical one (wrong type, out of range). */
function fieldWords(field: FieldKey): MessageId {
  if (field.startsWith('identities.')) {
    if (field.endsWith('.name')) return 'setup.check.identityName';
    if (field.endsWith('.address')) return 'setup.check.address';
    return 'setup.check.signature';
  }
  return FIELD_WORDS[field as Exclude<FieldKey, `identities.${number}.${string}`>];
}

const FIELD_WORDS: Readonly<Record<Exclude<FieldKey, `identities.${number}.${string}`>, MessageId>> = {
  displayName: 'setup.check.displayName',
  address: 'setup.check.address',
  password: 'setup.check.passwordUnusable',
  accountName: 'setup.check.accountName',
  'incoming.host': 'setup.check.host',
  'outgoing.host': 'setup.check.host',
  'incoming.port': 'setup.check.port',
  'outgoing.port': 'setup.check.port',
  'incoming.username': 'setup.check.incomingUser',
  'outgoing.username': 'setup.check.outgoingUser',
  smtpPassword: 'setup.check.passwordUnusable',
  passwordCommand: 'setup.check.tooLong',
  caPem: 'setup.check.caPem',
  leaveDays: 'setup.check.leaveDays',
  sizeLimitKb: 'setup.check.sizeLimit',
  checkEveryMinutes: 'setup.check.checkEvery',
  allowInsecure: 'setup.check.allowInsecure',
  signature: 'setup.check.signature',
  signatureHtml: 'setup.check.signature',
  form: 'setup.check.other',
};

/** The schema's own sentences (shared/accounts.ts), as the catalogs say them. */
const SCHEMA_WORDS: Readonly<Record<string, MessageId>> = {
  'Line breaks are not allowed here.': 'setup.check.lineBreaks',
  'This is not a valid server name.': 'setup.check.notHost',
  'This is not a complete e-mail address.': 'setup.check.notAddress',
  'The extra CA must be a PEM certificate (-----BEGIN CERTIFICATE-----).': 'setup.check.caPem',
  'An account that signs in with its provider uses that sign-in for both servers, without passwords.': 'setup.check.providerSignIn',
  'A password cannot contain line breaks.': 'setup.check.passwordLineBreak',
};

/** How the schema begins its sentence about a password command it cannot run; the rest says why. */
// eslint-disable-next-line mailbag-window/strings -- the schema's English, matched to say it in the catalogs' words
const PASSWORD_COMMAND_PROBLEM = 'The password command cannot be used: ';

/** A schema issue of a field in the language of `t`. */
function issueWords(t: Translate, field: FieldKey, issue: { readonly code: string; readonly message: string }, passwordCommand = ''): string {
  if (issue.code !== 'custom') return t(fieldWords(field));
  if (field === 'allowInsecure') return t('setup.check.allowInsecure');
  if (issue.message.startsWith(PASSWORD_COMMAND_PROBLEM)) {
    // The schema says why in English; the same check gives the reason in the catalogs' words.
    const split = splitCommandLine(passwordCommand);
    return t('setup.check.passwordCommand', { problem: split.ok ? issue.message.slice(PASSWORD_COMMAND_PROBLEM.length) : sayWords(t, split.problemWords) });
  }
  const id = SCHEMA_WORDS[issue.message];
  return t(id ?? fieldWords(field));
}

/** An empty form for a new account. */
export function emptyForm(): SetupForm {
  return {
    displayName: '',
    address: '',
    password: '',
    accountName: '',
    incoming: { host: '', port: String(DEFAULT_PORTS.pop3.tls), security: 'tls', username: '', auth: 'auto' },
    outgoing: { host: '', port: String(DEFAULT_PORTS.smtp.starttls), security: 'starttls', username: '', credentials: 'same' },
    smtpPassword: '',
    passwordCommand: '',
    signInWith: '',
    caPem: '',
    pins: {},
    leave: 'days',
    leaveDays: String(DEFAULT_LEAVE_DAYS),
    headersOnly: false,
    sizeLimitKb: '',
    checkEveryMinutes: '',
    checkAtStartup: true,
    includeInSendReceive: true,
    identities: [],
    signature: '',
    signatureHtml: '',
    allowInsecure: false,
  };
}

/** The user name a provider expects: the whole address or the part before the `@`. */
export function usernameFor(style: UsernameStyle, address: string): string {
  const trimmed = address.trim();
  return style === 'local-part' ? trimmed.slice(0, Math.max(0, trimmed.lastIndexOf('@'))) : trimmed;
}

/** The domain of an address, for messages ("nothing found for example.com"). */
export function domainOf(address: string): string {
  return address
    .trim()
    .slice(address.trim().lastIndexOf('@') + 1)
    .toLowerCase();
}

/**
 * Fills in what the first page asked for: empty user names and server names are prefilled from the
 * address (the usual `pop.`/`smtp.` names), the account name follows the address.
 */
export function withAddressDefaults(form: SetupForm): SetupForm {
  const address = form.address.trim();
  const domain = domainOf(address);
  return {
    ...form,
    accountName: form.accountName.trim() === '' ? address : form.accountName,
    incoming: {
      ...form.incoming,
      username: form.incoming.username === '' ? address : form.incoming.username,
      host: form.incoming.host === '' && domain !== '' ? `pop.${domain}` : form.incoming.host,
    },
    outgoing: {
      ...form.outgoing,
      username: form.outgoing.username === '' ? address : form.outgoing.username,
      host: form.outgoing.host === '' && domain !== '' ? `smtp.${domain}` : form.outgoing.host,
    },
  };
}

/** Applies discovery's recommended servers to the form (the rest stays as typed). */
export function withDiscovery(form: SetupForm, outcome: DiscoveryOutcome): SetupForm {
  const { incoming, outgoing } = outcome.recommended;
  const apply = <S extends ServerForm>(server: S, found: DiscoveredServer | undefined): S =>
    found === undefined
      ? server
      : { ...server, host: found.host, port: String(found.port), security: found.security, username: usernameFor(found.username, form.address) };
  // The provider's sign-in is offered where it knows the provider; a typed password (an app password) is kept unless the provider refuses passwords.
  const provider = incoming?.signInWith ?? outgoing?.signInWith;
  const refusesPasswords = [...(incoming?.notes ?? []), ...(outgoing?.notes ?? [])].includes('oauth-required');
  const signInWith = provider !== undefined && (form.password === '' || refusesPasswords) ? provider : form.signInWith;
  const next = { ...form, signInWith, incoming: apply(form.incoming, incoming), outgoing: apply(form.outgoing, outgoing) };
  return incoming?.needsPlaintextConsent === true || outgoing?.needsPlaintextConsent === true ? next : { ...next, allowInsecure: false };
}

/** The form for an existing account (the password stays empty: empty keeps the saved one). */
export function formFromAccount(account: Account): SetupForm {
  const base = emptyForm();
  const settings = account.settings;
  if (settings === null) return { ...base, accountName: account.name, address: account.address, displayName: account.name };
  const leave = settings.policy.leaveOnServer;
  return {
    ...base,
    displayName: settings.displayName,
    address: settings.address,
    accountName: settings.name,
    incoming: {
      host: settings.incoming.host,
      port: String(settings.incoming.port),
      security: settings.incoming.security,
      username: settings.incoming.username,
      auth: settings.incoming.auth,
    },
    outgoing: {
      host: settings.outgoing.host,
      port: String(settings.outgoing.port),
      security: settings.outgoing.security,
      username: settings.outgoing.username,
      credentials: settings.outgoing.credentials,
    },
    passwordCommand: settings.passwordCommand ?? '',
    signInWith: settings.signInWith ?? '',
    caPem: settings.incoming.caPem ?? settings.outgoing.caPem ?? '',
    pins: {
      ...(settings.incoming.pinnedCertificate === undefined ? {} : { incoming: settings.incoming.pinnedCertificate }),
      ...(settings.outgoing.pinnedCertificate === undefined ? {} : { outgoing: settings.outgoing.pinnedCertificate }),
    },
    leave: leave.mode,
    leaveDays: leave.mode === 'days' ? String(leave.days) : base.leaveDays,
    headersOnly: settings.policy.headersOnly,
    sizeLimitKb: settings.policy.sizeLimitKb === null ? '' : String(settings.policy.sizeLimitKb),
    checkEveryMinutes: settings.policy.checkEveryMinutes === null ? '' : String(settings.policy.checkEveryMinutes),
    checkAtStartup: settings.policy.checkAtStartup,
    includeInSendReceive: settings.policy.includeInSendReceive,
    identities: settings.identities.map((identity) => ({
      name: identity.name,
      address: identity.address,
      signature: identity.signature,
      signatureHtml: identity.signatureHtml ?? '',
    })),
    signature: settings.signature ?? '',
    signatureHtml: settings.signatureHtml ?? '',
    allowInsecure: settings.allowInsecure,
  };
}

/** A whole number as typed, NaN when it is not one (the schema then reports the field). */
function whole(text: string): number {
  const trimmed = text.trim();
  return /^\d{1,10}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** An optional whole number: empty is null. */
function optionalWhole(text: string): number | null {
  return text.trim() === '' ? null : whole(text);
}

function leavePolicy(form: SetupForm): LeaveOnServer {
  switch (form.leave) {
    case 'days':
      return { mode: 'days', days: whole(form.leaveDays) };
    case 'forever':
    case 'until-deleted':
    case 'never':
      return { mode: form.leave };
  }
}

/** A pin counts only for the host and port it was made for; a changed server drops it. */
function pinFor(pin: PinnedCertificate | undefined, host: string, port: number): PinnedCertificate | undefined {
  return pin !== undefined && pin.host === host.trim().toLowerCase() && pin.port === port ? pin : undefined;
}

/** The account settings the form describes, before validation. */
export function settingsFromForm(form: SetupForm): AccountSettingsInput {
  const caPem = form.caPem.trim() === '' ? undefined : form.caPem.trim();
  const incomingPort = whole(form.incoming.port);
  const outgoingPort = whole(form.outgoing.port);
  const incomingPin = pinFor(form.pins.incoming, form.incoming.host, incomingPort);
  const outgoingPin = pinFor(form.pins.outgoing, form.outgoing.host, outgoingPort);
  return {
    name: form.accountName.trim() === '' ? form.address.trim() : form.accountName,
    displayName: form.displayName.trim(),
    address: form.address,
    identities: form.identities.map((identity) => ({
      name: identity.name.trim(),
      address: identity.address,
      signature: identity.signature,
      ...(identity.signatureHtml.trim() === '' ? {} : { signatureHtml: identity.signatureHtml }),
    })),
    ...(form.signature === '' ? {} : { signature: form.signature }),
    ...(form.signatureHtml.trim() === '' ? {} : { signatureHtml: form.signatureHtml }),
    incoming: {
      host: form.incoming.host,
      port: incomingPort,
      security: form.incoming.security,
      username: form.incoming.username.trim(),
      auth: form.incoming.auth,
      ...(caPem === undefined ? {} : { caPem }),
      ...(incomingPin === undefined ? {} : { pinnedCertificate: incomingPin }),
    },
    outgoing: {
      host: form.outgoing.host,
      port: outgoingPort,
      security: form.outgoing.security,
      username: form.outgoing.credentials === 'separate' ? form.outgoing.username.trim() : form.incoming.username.trim(),
      credentials: form.signInWith !== '' && form.outgoing.credentials === 'separate' ? 'same' : form.outgoing.credentials,
      ...(caPem === undefined ? {} : { caPem }),
      ...(outgoingPin === undefined ? {} : { pinnedCertificate: outgoingPin }),
    },
    policy: {
      leaveOnServer: leavePolicy(form),
      headersOnly: form.headersOnly,
      sizeLimitKb: optionalWhole(form.sizeLimitKb),
      checkEveryMinutes: optionalWhole(form.checkEveryMinutes),
      checkAtStartup: form.checkAtStartup,
      includeInSendReceive: form.includeInSendReceive,
    },
    allowInsecure: form.allowInsecure,
    ...(form.passwordCommand.trim() === '' || form.signInWith !== '' ? {} : { passwordCommand: form.passwordCommand.trim() }),
    ...(form.signInWith === '' ? {} : { signInWith: form.signInWith }),
  };
}

/** The field a schema issue path belongs to. */
export function fieldForPath(path: readonly PropertyKey[]): FieldKey {
  const [first, second, third] = path.map(String);
  switch (first) {
    case 'name':
      return 'accountName';
    case 'displayName':
    case 'address':
    case 'allowInsecure':
    case 'passwordCommand':
    case 'signature':
    case 'signatureHtml':
      return first;
    case 'incoming':
    case 'outgoing':
      if (second === 'caPem') return 'caPem';
      if (second === 'host' || second === 'port') return `${first}.${second}`;
      if (second === 'username') return `${first}.username`;
      return 'form';
    case 'policy':
      if (second === 'leaveOnServer') return 'leaveDays';
      if (second === 'sizeLimitKb' || second === 'checkEveryMinutes') return second;
      return 'form';
    case 'identities': {
      const index = Number(second);
      if (Number.isInteger(index) && (third === 'name' || third === 'address' || third === 'signature' || third === 'signatureHtml'))
        return `identities.${index}.${third}`;
      return 'form';
    }
    default:
      return 'form';
  }
}

/** What validation gives: the settings to send, or the errors to show. */
export type FormCheck = { readonly ok: true; readonly settings: AccountSettings } | { readonly ok: false; readonly errors: FieldErrors };

/**
 * Checks the form with the account schema (and the password rules when a password is needed): the
 * first problem of each field, in plain words of the language of `t`. `passwordRequired` is true for a
 * new account.
 */
export function checkForm(t: Translate, form: SetupForm, options: { readonly passwordRequired: boolean }): FormCheck {
  const errors: FieldErrors = {};
  const input = settingsFromForm(form);
  const parsed = accountSettingsSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const mapped = fieldForPath(issue.path);
      // With the same credentials the outgoing user name is the incoming one.
      const field = mapped === 'outgoing.username' && form.outgoing.credentials !== 'separate' ? 'incoming.username' : mapped;
      if (errors[field] !== undefined) continue;
      errors[field] = issueWords(t, field, issue, input.passwordCommand);
    }
  }
  // A password command gives the password, a provider's sign-in replaces it: none needs to be typed.
  if (form.signInWith !== '') return parsed.success ? { ok: true, settings: parsed.data } : { ok: false, errors };
  if ((options.passwordRequired && form.passwordCommand.trim() === '') || form.password !== '') {
    const password = passwordSchema.safeParse(form.password);
    if (!password.success)
      errors.password = form.password === '' ? t('setup.check.password') : issueWords(t, 'password', password.error.issues[0] ?? { code: '', message: '' });
  }
  if (form.outgoing.credentials === 'separate' && (options.passwordRequired || form.smtpPassword !== '')) {
    const password = passwordSchema.safeParse(form.smtpPassword);
    if (!password.success)
      errors.smtpPassword =
        form.smtpPassword === '' ? t('setup.check.smtpPassword') : issueWords(t, 'smtpPassword', password.error.issues[0] ?? { code: '', message: '' });
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, settings: parsed.data };
}

/**
 * The passwords typed in the form, for a sign-in test or a save: an empty box sends none (the saved
 * one is used), and the outgoing password counts only when the outgoing server signs in on its own.
 */
export function typedPasswords(form: SetupForm): { readonly pop3Password?: string; readonly smtpPassword?: string } {
  return {
    ...(form.password === '' ? {} : { pop3Password: form.password }),
    ...(form.outgoing.credentials === 'separate' && form.smtpPassword !== '' ? { smtpPassword: form.smtpPassword } : {}),
  };
}

/**
 * Checks only what the first page asks for (name, address, password). The password may stay empty for
 * an address whose provider signs in with its own page (Gmail, Outlook.com): setup then offers that.
 */
export function checkFirstPage(t: Translate, form: SetupForm): FieldErrors {
  const signsInWithProvider = findProviderByDomain(domainOf(form.address))?.oauth !== undefined;
  const result = checkForm(t, withAddressDefaults(form), { passwordRequired: !signsInWithProvider });
  if (result.ok) return {};
  const errors: FieldErrors = {};
  for (const key of ['displayName', 'address', 'password'] as const) {
    const message = result.errors[key];
    if (message !== undefined) errors[key] = message;
  }
  return errors;
}
