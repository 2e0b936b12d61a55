/**
 * Thunderbird's mail accounts as its prefs.js describes them: `mail.account.accountN.server` names a
 * `mail.server.serverN.*` (type, hostname, port, socketType, userName, leave-on-server settings, its
 * mail directory) and `.identities` the `mail.identity.idN.*` (fullName, useremail, the signature
 * from htmlSigText or sig_file, the SMTP server). The POP3 ones become Mailbag account settings;
 * passwords are not read (Thunderbird keeps them encrypted elsewhere): the user is asked for each.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_LEAVE_DAYS, MAX_LEAVE_DAYS, MAX_SIGNATURE_LENGTH, type AccountSettingsInput, type LeaveOnServer } from '../../../shared/accounts';
import type { PrefValue } from './thunderbird-prefs';

/** A POP3 account of Thunderbird, as Mailbag settings, with where its mail and popstate.dat are. */
export interface ThunderbirdPopAccount {
  readonly serverKey: string;
  readonly settings: AccountSettingsInput;
  /** The account's mail directory (its mbox files and popstate.dat). */
  readonly directory: string;
}

type Security = 'tls' | 'starttls' | 'none';

/** A signature file larger than this is passed over (the signature text is used instead). */
const MAX_SIGNATURE_FILE_BYTES = 4 * MAX_SIGNATURE_LENGTH;

/** Thunderbird's socketType (and the SMTP try_ssl): 0 plain, 1 and 2 STARTTLS, 3 SSL/TLS. */
export function securityOf(value: PrefValue | undefined): Security {
  return value === 3 ? 'tls' : value === 1 || value === 2 ? 'starttls' : 'none';
}

function text(prefs: ReadonlyMap<string, PrefValue>, name: string): string | undefined {
  const value = prefs.get(name);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function list(prefs: ReadonlyMap<string, PrefValue>, name: string): string[] {
  return (text(prefs, name) ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** Thunderbird's leave-on-server settings in Mailbag's terms. */
export function leaveOnServerOf(prefs: ReadonlyMap<string, PrefValue>, server: string): LeaveOnServer {
  const key = `mail.server.${server}.`;
  if (prefs.get(`${key}leave_on_server`) !== true) return { mode: 'never' };
  if (prefs.get(`${key}delete_by_age_from_server`) === true) {
    const days = prefs.get(`${key}num_days_to_leave_on_server`);
    return { mode: 'days', days: typeof days === 'number' && days >= 1 ? Math.min(days, MAX_LEAVE_DAYS) : DEFAULT_LEAVE_DAYS };
  }
  return prefs.get(`${key}delete_mail_left_on_server`) === true ? { mode: 'until-deleted' } : { mode: 'forever' };
}

/** A server's mail directory: `directory-rel` (`[ProfD]Mail/host`), else `directory`, else `Mail/<host>`. */
export function mailDirectoryOf(prefs: ReadonlyMap<string, PrefValue>, server: string, profile: string, fallback: string): string {
  const relative = text(prefs, `mail.server.${server}.directory-rel`);
  if (relative?.startsWith('[ProfD]') === true) return path.join(profile, ...relative.slice('[ProfD]'.length).split(/[\\/]/));
  return text(prefs, `mail.server.${server}.directory`) ?? path.join(profile, 'Mail', fallback);
}

function signatureOf(prefs: ReadonlyMap<string, PrefValue>, identity: string): string {
  const key = `mail.identity.${identity}.`;
  const file = text(prefs, `${key}sig_file`);
  if (prefs.get(`${key}attach_signature`) === true && file !== undefined) {
    try {
      // A signature file is small; anything larger is not a signature and is not read whole.
      if (statSync(file).size <= MAX_SIGNATURE_FILE_BYTES) return readFileSync(file, 'utf8').replace(/\0/g, '').slice(0, MAX_SIGNATURE_LENGTH);
    } catch {
      // The file is on the old computer only: fall back to the signature text.
    }
  }
  const html = text(prefs, `${key}htmlSigText`) ?? '';
  const plain = prefs.get(`${key}htmlSigFormat`) === true ? html.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, '') : html;
  return plain.replace(/\0/g, '').slice(0, MAX_SIGNATURE_LENGTH);
}

function smtpOf(
  prefs: ReadonlyMap<string, PrefValue>,
  identity: string | undefined,
  popHost: string,
): { host: string; port: number; security: Security; username: string | undefined } {
  const name =
    (identity === undefined ? undefined : text(prefs, `mail.identity.${identity}.smtpServer`)) ??
    text(prefs, 'mail.smtp.defaultserver') ??
    list(prefs, 'mail.smtpservers')[0];
  const key = `mail.smtpserver.${name ?? ''}.`;
  const security = securityOf(prefs.get(`${key}try_ssl`));
  const port = prefs.get(`${key}port`);
  return {
    host: text(prefs, `${key}hostname`) ?? popHost,
    port: typeof port === 'number' && port > 0 ? port : security === 'tls' ? 465 : security === 'starttls' ? 587 : 25,
    security,
    username: text(prefs, `${key}username`),
  };
}

/** Every POP3 account of a profile's preferences, in Thunderbird's order. */
export function thunderbirdPopAccounts(prefs: ReadonlyMap<string, PrefValue>, profile: string): ThunderbirdPopAccount[] {
  const found: ThunderbirdPopAccount[] = [];
  for (const account of list(prefs, 'mail.accountmanager.accounts')) {
    const server = text(prefs, `mail.account.${account}.server`);
    if (server === undefined || text(prefs, `mail.server.${server}.type`) !== 'pop3') continue;
    const key = `mail.server.${server}.`;
    const host = text(prefs, `${key}realhostname`) ?? text(prefs, `${key}hostname`);
    const username = text(prefs, `${key}realuserName`) ?? text(prefs, `${key}userName`);
    if (host === undefined || username === undefined) continue;
    const security = securityOf(prefs.get(`${key}socketType`));
    const port = prefs.get(`${key}port`);
    const identities = list(prefs, `mail.account.${account}.identities`).flatMap((identity) => {
      const address = text(prefs, `mail.identity.${identity}.useremail`);
      return address === undefined
        ? []
        : [{ key: identity, name: text(prefs, `mail.identity.${identity}.fullName`) ?? '', address, signature: signatureOf(prefs, identity) }];
    });
    const first = identities[0];
    const smtp = smtpOf(prefs, first?.key, host);
    const address = first?.address ?? (username.includes('@') ? username : `${username}@${host}`);
    found.push({
      serverKey: server,
      directory: mailDirectoryOf(prefs, server, profile, host),
      settings: {
        name: text(prefs, `${key}name`) ?? address,
        displayName: first?.name ?? '',
        address,
        identities: identities.map(({ name, address: from, signature }) => ({ name, address: from, signature })),
        incoming: { host, port: typeof port === 'number' && port > 0 ? port : security === 'tls' ? 995 : 110, security, username, auth: 'auto' },
        outgoing: {
          host: smtp.host,
          port: smtp.port,
          security: smtp.security,
          username: smtp.username ?? username,
          credentials: smtp.username === undefined ? 'none' : smtp.username === username ? 'same' : 'separate',
        },
        policy: {
          leaveOnServer: leaveOnServerOf(prefs, server),
          headersOnly: false,
          sizeLimitKb: null,
          checkEveryMinutes: null,
          checkAtStartup: true,
          includeInSendReceive: true,
        },
        // Thunderbird was set to send the password unencrypted; the import keeps that choice and says so.
        allowInsecure: security === 'none' || smtp.security === 'none',
      },
    });
  }
  return found;
}

/** The Local Folders directory named in the preferences, else `Mail/Local Folders`. */
export function localFoldersDirectory(prefs: ReadonlyMap<string, PrefValue>, profile: string): string {
  const server = text(prefs, 'mail.accountmanager.localfoldersserver');
  return server === undefined ? path.join(profile, 'Mail', 'Local Folders') : mailDirectoryOf(prefs, server, profile, 'Local Folders');
}
