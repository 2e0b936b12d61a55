/**
 * The account model: who the user is, where mail comes from (POP3) and goes to (SMTP), and the policies
 * Send/Receive follows. Validated with zod wherever it is read or written (the store keeps it as JSON).
 * Passwords are never part of it: they live in the keychain, keyed by the account id.
 */
import { z } from 'zod';
import { MAX_COMMAND_LINE_LENGTH, splitCommandLine } from './command-line';
import type { Translate } from './i18n/catalogs';
import { englishWords } from './i18n/english';

/** Longest DNS name (RFC 1035 section 2.3.4, in its textual form). */
export const MAX_HOST_LENGTH = 253;
/** Longest account name, display name or user name. */
export const MAX_NAME_LENGTH = 200;
/** Longest address (RFC 5321 section 4.5.3.1.3: a path is at most 256 octets). */
export const MAX_ADDRESS_LENGTH = 254;
/** Longest signature, in characters. */
export const MAX_SIGNATURE_LENGTH = 10_000;
/** Longest HTML signature, in characters: room for a small image written in as a data: URL. */
export const MAX_SIGNATURE_HTML_LENGTH = 2 * 1024 * 1024;
/** Most identities (From addresses) one account may have. */
export const MAX_IDENTITIES = 20;
/** Largest extra CA certificate bundle, in characters. */
export const MAX_CA_PEM_LENGTH = 64 * 1024;
/** Largest message size limit, in KB (about 2 GB). */
export const MAX_SIZE_LIMIT_KB = 2 * 1024 * 1024;
/** Longest account-specific check interval, in minutes (one day). */
export const MAX_CHECK_MINUTES = 24 * 60;
/** Longest "keep N days on the server". */
export const MAX_LEAVE_DAYS = 3650;
/** Days mail stays on the server when the user also reads it elsewhere (Outlook's default of 14 days). */
export const DEFAULT_LEAVE_DAYS = 14;
/** Account ids: what the credential store accepts as a key. */
export const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9._-]{1,128}$/;

/** Characters never allowed in one-line fields: they could end a protocol line or header (CR, LF, NUL). */
const LINE_BREAKING = /[\r\n\0]/;
/** Spaces are never part of a host name. */
const SPACE = /\s/;

/** Whether a text holds a control character (C0 or DEL), which no host name has. */
function hasControlCharacter(text: string): boolean {
  return [...text].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f);
}

/** A one-line text without CR, LF or NUL. */
function lineText(max: number) {
  return z
    .string()
    .max(max)
    .refine((value) => !LINE_BREAKING.test(value), { message: 'Line breaks are not allowed here.' });
}

/**
 * Turns a host name as typed into its ASCII form (IDN to punycode, RFC 5891), lower case, without a
 * trailing dot; undefined when it is not a host name at all.
 */
export function normaliseHost(input: string): string | undefined {
  if (LINE_BREAKING.test(input)) return undefined;
  const text = input.trim().replace(/\.$/, '');
  if (text === '' || SPACE.test(text) || hasControlCharacter(text)) return undefined;
  const ipv6 = /^\[?[0-9a-fA-F:.]*:[0-9a-fA-F:.]*\]?$/.test(text);
  if (!ipv6 && /[/?#@:\\[\]%]/.test(text)) return undefined;
  let ascii: string;
  try {
    ascii = new URL(`http://${ipv6 ? `[${text.replace(/^\[|\]$/g, '')}]` : text}/`).hostname;
  } catch {
    return undefined;
  }
  // IPv6 literals are kept without brackets, as sockets take them.
  ascii = ascii.replace(/^\[(.*)\]$/, '$1');
  if (ascii === '' || ascii.length > MAX_HOST_LENGTH) return undefined;
  return ascii;
}

/** A server host name, stored in ASCII (punycode for international names). */
export const hostSchema = z
  .string()
  .max(MAX_HOST_LENGTH * 4)
  .transform((value, context) => {
    const host = normaliseHost(value);
    if (host === undefined) {
      context.addIssue({ code: 'custom', message: 'This is not a valid server name.' });
      return z.NEVER;
    }
    return host;
  });

/** A TCP port. */
export const portSchema = z.number().int().min(1).max(65535);

/** `tls`: TLS from the first byte; `starttls`: upgraded with STLS / STARTTLS; `none`: plaintext. */
export const securitySchema = z.enum(['tls', 'starttls', 'none']);

/** An e-mail address: one line, one `@`, something on both sides. */
export const addressSchema = lineText(MAX_ADDRESS_LENGTH)
  .transform((value) => value.trim())
  .refine((value) => /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(value), { message: 'This is not a complete e-mail address.' });

/**
 * The sign-in method: `auto` lets the engine choose the safest the server offers; a mechanism name
 * forces that one (for servers that advertise a method that does not work).
 */
export const authPreferenceSchema = z.enum(['auto', 'SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN', 'CRAM-MD5', 'APOP', 'LOGIN', 'USER']);

/** A sign-in method preference. */
export type AuthPreference = z.infer<typeof authPreferenceSchema>;

/** A SHA-256 certificate fingerprint, stored as 64 upper-case hex digits. */
export const fingerprintSchema = z
  .string()
  .max(128)
  .transform((value) => value.replace(/[:\s]/g, '').toUpperCase())
  .refine((value) => /^[0-9A-F]{64}$/.test(value), { message: 'A SHA-256 fingerprint has 64 hex digits.' });

/** A certificate the user accepted although it does not verify: valid for this host and port only. */
export const pinnedCertificateSchema = z.strictObject({
  host: hostSchema,
  port: portSchema,
  fingerprint256: fingerprintSchema,
});

/** An accepted untrusted certificate. */
export type PinnedCertificate = z.infer<typeof pinnedCertificateSchema>;

const caPemSchema = z
  .string()
  .max(MAX_CA_PEM_LENGTH)
  .refine((value) => /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(value), {
    message: 'The extra CA must be a PEM certificate (-----BEGIN CERTIFICATE-----).',
  });

const serverFields = {
  host: hostSchema,
  port: portSchema,
  security: securitySchema,
  username: lineText(MAX_NAME_LENGTH).min(1),
  /** Extra CA certificate(s), PEM, trusted for this server in addition to the system roots. */
  caPem: caPemSchema.optional(),
  pinnedCertificate: pinnedCertificateSchema.optional(),
};

/** The incoming (POP3) server. */
export const incomingSchema = z.strictObject({ ...serverFields, auth: authPreferenceSchema });

/**
 * How the outgoing server is signed in to: `same` with the POP3 user name and password, `separate`
 * with its own, `none` not at all (relays that allow by address, local MTAs). TLS rules are the same
 * for all three.
 */
export const outgoingSignInSchema = z.enum(['same', 'separate', 'none']);

/** An outgoing sign-in choice. */
export type OutgoingSignIn = z.infer<typeof outgoingSignInSchema>;

/**
 * The SMTP sign-in method: `auto` lets the engine choose (SCRAM-SHA-256 first, then PLAIN, LOGIN,
 * CRAM-MD5); a mechanism name forces that one, as for POP3.
 */
export const smtpAuthPreferenceSchema = z.enum(['auto', 'SCRAM-SHA-256', 'PLAIN', 'LOGIN', 'CRAM-MD5']);

/**
 * The outgoing (SMTP) server; `credentials: same` signs in with the POP3 password. `auth` absent
 * means `auto` (accounts saved before the choice existed).
 */
export const outgoingSchema = z.strictObject({ ...serverFields, credentials: outgoingSignInSchema, auth: smtpAuthPreferenceSchema.optional() });

/**
 * How long mail stays on the server after it is stored here (the shape Send/Receive uses):
 * `forever`; `days` after first download; `until-deleted` here for good; `never` (delete after download).
 */
export const leaveOnServerSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('forever') }),
  z.strictObject({ mode: z.literal('days'), days: z.number().int().min(1).max(MAX_LEAVE_DAYS) }),
  z.strictObject({ mode: z.literal('until-deleted') }),
  z.strictObject({ mode: z.literal('never') }),
]);

/** A leave-on-server policy. */
export type LeaveOnServer = z.infer<typeof leaveOnServerSchema>;

/** The policies Send/Receive follows for this account. */
export const policySchema = z.strictObject({
  leaveOnServer: leaveOnServerSchema,
  /** Download only the headers of new messages; bodies on request. */
  headersOnly: z.boolean(),
  /** Messages larger than this many KB are fetched as headers only; null for no limit. */
  sizeLimitKb: z.number().int().min(1).max(MAX_SIZE_LIMIT_KB).nullable(),
  /** Minutes between automatic checks of this account; null follows the global setting. */
  checkEveryMinutes: z.number().int().min(1).max(MAX_CHECK_MINUTES).nullable(),
  /** Check this account when Mailbag starts. */
  checkAtStartup: z.boolean(),
  /** Included when the user presses Send/Receive (all accounts). */
  includeInSendReceive: z.boolean(),
});

/** The Send/Receive policies of an account. */
export type AccountPolicy = z.infer<typeof policySchema>;

/** A plain-text signature: multi-line text, never placed on a protocol line as is. */
const signatureSchema = z
  .string()
  .max(MAX_SIGNATURE_LENGTH)
  .refine((value) => !value.includes('\0'), { message: 'NUL is not allowed.' });

/**
 * A rich-text signature as the signature editor wrote it (images as data: URLs). It is data: compose
 * sanitizes it like any HTML entering the editor, every time it is used.
 */
const signatureHtmlSchema = z
  .string()
  .max(MAX_SIGNATURE_HTML_LENGTH)
  .refine((value) => !value.includes('\0'), { message: 'NUL is not allowed.' });

/** One From identity: name, address and the signature added to new messages (plain, and rich for rich text). */
export const identitySchema = z.strictObject({
  name: lineText(MAX_NAME_LENGTH),
  address: addressSchema,
  signature: signatureSchema,
  signatureHtml: signatureHtmlSchema.optional(),
});

/** One From identity. */
export type Identity = z.infer<typeof identitySchema>;

/**
 * The provider an account signs in with by OAuth 2.0 instead of a password (its refresh token lives in
 * the keychain); the names are the OAuth clients of shared/providers.ts.
 */
export const signInWithSchema = z.enum(['google', 'microsoft']);

/** The provider an account signs in with. */
export type SignInWith = z.infer<typeof signInWithSchema>;

/** A password command: one line that splits into words without a shell (see shared/command-line.ts). */
export const passwordCommandSchema = z
  .string()
  .max(MAX_COMMAND_LINE_LENGTH)
  .superRefine((value, context) => {
    const split = splitCommandLine(value);
    if (!split.ok) context.addIssue({ code: 'custom', message: `The password command cannot be used: ${split.problem}` });
  });

/** A pin only means something for the server it was made for. */
function pinMatches(server: { host: string; port: number; pinnedCertificate?: PinnedCertificate | undefined }): boolean {
  const pin = server.pinnedCertificate;
  return pin === undefined || (pin.host === server.host && pin.port === server.port);
}

/**
 * Everything about an account except its id and passwords. Plaintext (`security: none`) on either
 * server needs `allowInsecure: true`: "I understand the password is sent unencrypted".
 */
export const accountSettingsSchema = z
  .strictObject({
    /** The account's name in lists and on the command line, e.g. "Home". */
    name: lineText(MAX_NAME_LENGTH)
      .transform((value) => value.trim())
      .pipe(z.string().min(1)),
    /** The sender name recipients see. */
    displayName: lineText(MAX_NAME_LENGTH),
    address: addressSchema,
    identities: z.array(identitySchema).max(MAX_IDENTITIES),
    /** The signature of the account's own address when no identity of that address has one. */
    signature: signatureSchema.optional(),
    signatureHtml: signatureHtmlSchema.optional(),
    incoming: incomingSchema,
    outgoing: outgoingSchema,
    policy: policySchema,
    allowInsecure: z.boolean(),
    /**
     * A program that prints the password on its first line (mpop/msmtp `passwordeval`), run without a
     * shell, e.g. `pass show mail/alice`. When set it is asked instead of the keychain, for POP3 and for
     * SMTP when SMTP signs in with the same password.
     */
    passwordCommand: passwordCommandSchema.optional(),
    /**
     * Present when the account signs in with its provider (OAuth 2.0): POP3 and SMTP use the provider's
     * access token, so there is no password, no password command and no separate SMTP password.
     */
    signInWith: signInWithSchema.optional(),
  })
  .superRefine((settings, context) => {
    if (settings.signInWith !== undefined && (settings.passwordCommand !== undefined || settings.outgoing.credentials === 'separate')) {
      context.addIssue({
        code: 'custom',
        path: ['signInWith'],
        message: 'An account that signs in with its provider uses that sign-in for both servers, without passwords.',
      });
    }
    for (const side of ['incoming', 'outgoing'] as const) {
      if (settings[side].security === 'none' && !settings.allowInsecure) {
        context.addIssue({
          code: 'custom',
          path: ['allowInsecure'],
          message: `The ${side === 'incoming' ? 'POP3' : 'SMTP'} connection is not encrypted: confirm that you understand the password is sent unencrypted.`,
        });
      }
      if (!pinMatches(settings[side])) {
        context.addIssue({ code: 'custom', path: [side, 'pinnedCertificate'], message: 'An accepted certificate belongs to one host and port only.' });
      }
    }
  });

/** An account's settings as typed by the user (before validation). */
export type AccountSettingsInput = z.input<typeof accountSettingsSchema>;

/** An account's validated settings. */
export type AccountSettings = z.output<typeof accountSettingsSchema>;

/** An account as the UI and the command line see it. */
export interface Account {
  readonly id: string;
  readonly name: string;
  readonly address: string;
  /** Null when the stored settings are incomplete (an account made before settings existed): set it up again. */
  readonly settings: AccountSettings | null;
  /** Messages of this account stored here; they are deleted together with the account. */
  readonly messageCount: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/**
 * The leave-on-server policy for the plain-words question "Do you also read this mail on a phone or
 * in webmail?". Yes: keep it on the server for {@link DEFAULT_LEAVE_DAYS} days (Outlook's default),
 * so the other devices still see new mail for two weeks while the mailbox does not fill up. No:
 * delete it from the server once it is safely stored here (classic POP3, and never before it is on
 * disk). Unanswered: the same as yes, because keeping mail is the choice that cannot lose it.
 */
export function leaveOnServerForAnswer(readsElsewhere: boolean | undefined): LeaveOnServer {
  return readsElsewhere === false ? { mode: 'never' } : { mode: 'days', days: DEFAULT_LEAVE_DAYS };
}

/** The policies a new account starts with, given the answer to the leave-on-server question. */
export function defaultPolicy(readsElsewhere?: boolean): AccountPolicy {
  return {
    leaveOnServer: leaveOnServerForAnswer(readsElsewhere),
    headersOnly: false,
    sizeLimitKb: null,
    checkEveryMinutes: null,
    checkAtStartup: true,
    includeInSendReceive: true,
  };
}

/** The receive policy in the form Send/Receive takes it (size limit in bytes). */
export function receivePolicyOf(policy: AccountPolicy): { leaveOnServer: LeaveOnServer; headersOnly: boolean; sizeLimitBytes: number | null } {
  return {
    leaveOnServer: policy.leaveOnServer,
    headersOnly: policy.headersOnly,
    sizeLimitBytes: policy.sizeLimitKb === null ? null : policy.sizeLimitKb * 1024,
  };
}

/**
 * Parses the command line's `--leave-on-server` value: `forever`, `never`, `until-deleted` or a
 * number of days; undefined when it is none of these.
 */
export function parseLeaveOnServer(text: string): LeaveOnServer | undefined {
  switch (text) {
    case 'forever':
    case 'never':
    case 'until-deleted':
      return { mode: text };
    default: {
      if (!/^\d{1,4}$/.test(text)) return undefined;
      const days = Number(text);
      return days >= 1 && days <= MAX_LEAVE_DAYS ? { mode: 'days', days } : undefined;
    }
  }
}

/**
 * The words for a leave-on-server policy ("kept on the server for 7 days"), for lists and the command
 * line, in the language of `t` (English by default).
 */
export function describeLeaveOnServer(policy: LeaveOnServer, t: Translate = englishWords()): string {
  switch (policy.mode) {
    case 'forever':
      return t('setup.leave.forever');
    case 'days':
      return t('setup.leave.days', { days: policy.days });
    case 'until-deleted':
      return t('setup.leave.untilDeleted');
    case 'never':
      return t('setup.leave.never');
  }
}
