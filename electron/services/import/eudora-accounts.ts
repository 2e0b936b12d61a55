/**
 * Eudora's accounts from `Eudora.ini`: the dominant personality in `[Settings]` and every other in a
 * `[Persona-NAME]` section, each with `POPAccount` (user@pop-server), `SMTPServer`, `RealName` and
 * `ReturnAddress`; `LeaveMailOnServer=1` keeps mail on the server. Eudora.ini does not say how the
 * connections are encrypted, so TLS is asked for (POP3 on 995, SMTP with STARTTLS on 587), the safe
 * choice a person can change in Settings. Passwords are not read: the user is asked for each.
 */
import { DEFAULT_LEAVE_DAYS, type AccountSettingsInput } from '../../../shared/accounts';
import { parseIni, type IniSection } from './thunderbird-profiles';

const POP3_TLS_PORT = 995;
const SUBMISSION_PORT = 587;
const PERSONA_PREFIX = 'Persona-';

function settingsOf(name: string, section: IniSection, fallback: IniSection | undefined): AccountSettingsInput | undefined {
  const read = (key: string): string | undefined => {
    const value = section.get(key) ?? fallback?.get(key);
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const popAccount = read('POPAccount');
  const at = popAccount?.lastIndexOf('@') ?? -1;
  if (popAccount === undefined || at <= 0 || at === popAccount.length - 1) return undefined;
  const username = popAccount.slice(0, at);
  const host = popAccount.slice(at + 1);
  const address = read('ReturnAddress') ?? popAccount;
  const realName = read('RealName') ?? '';
  return {
    name,
    displayName: realName,
    address,
    identities: [{ name: realName, address, signature: '' }],
    incoming: { host, port: POP3_TLS_PORT, security: 'tls', username, auth: 'auto' },
    outgoing: { host: read('SMTPServer') ?? host, port: SUBMISSION_PORT, security: 'starttls', username, credentials: 'same' },
    policy: {
      leaveOnServer: read('LeaveMailOnServer') === '1' ? { mode: 'forever' } : { mode: 'days', days: DEFAULT_LEAVE_DAYS },
      headersOnly: false,
      sizeLimitKb: null,
      checkEveryMinutes: null,
      checkAtStartup: true,
      includeInSendReceive: true,
    },
    allowInsecure: false,
  };
}

/** The accounts of an Eudora.ini's text: `[Settings]` first (named Eudora), then each persona. */
export function eudoraAccounts(text: string): AccountSettingsInput[] {
  const sections = parseIni(text);
  const settings = sections.get('Settings');
  const found: AccountSettingsInput[] = [];
  const dominant = settings === undefined ? undefined : settingsOf('Eudora', settings, undefined);
  if (dominant !== undefined) found.push(dominant);
  for (const [name, section] of sections) {
    if (!name.startsWith(PERSONA_PREFIX)) continue;
    const persona = settingsOf(name.slice(PERSONA_PREFIX.length) || name, section, undefined);
    if (persona !== undefined) found.push(persona);
  }
  return found;
}
