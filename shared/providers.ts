import type { ConnectionSecurity } from './server-security';

/** Which form of the address is the login name: the whole address or the part before `@`. */
export type UsernameStyle = 'email-address' | 'local-part';

/** One server's settings as a provider documents them. */
export interface ServerSettings {
  readonly host: string;
  readonly port: number;
  readonly security: ConnectionSecurity;
  readonly username: UsernameStyle;
}

/** Facts about a provider that setup must tell the user before the first login. */
export type ProviderNote = 'app-password' | 'oauth-required' | 'enable-pop' | 'no-pop3' | 'separate-mail-password';

/** The words shown for each {@link ProviderNote}. */
export const PROVIDER_NOTE_TEXT: Readonly<Record<ProviderNote, string>> = {
  'app-password':
    'Sign-in with your normal password is refused when two-step verification is on: create an app password in your account’s security settings and use it here.',
  'oauth-required': 'This provider no longer accepts passwords from mail programs; it requires sign-in through its own web page (OAuth).',
  'enable-pop': 'POP3 access is switched off until you turn it on in the web mail’s settings.',
  'no-pop3': 'This provider offers no POP3 access, only IMAP and its own apps.',
  'separate-mail-password': 'Mail programs need a separate e-mail password that you set in the provider’s customer center.',
};

/** The OAuth 2.0 clients Mailbag can be configured with, one per provider family. */
export type OAuthClientName = 'google' | 'microsoft';

/**
 * How a provider signs mail programs in with OAuth 2.0 (RFC 6749, RFC 8252 for native apps). The
 * client id is not here: it is configuration, named by `client`.
 */
export interface OAuthSettings {
  readonly client: OAuthClientName;
  /** Words of the sign-in button: "Sign in with Google". */
  readonly signInLabel: string;
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  /** RFC 8628 device authorization, for signing in where no browser can be opened. */
  readonly deviceAuthorizationEndpoint?: string;
  /** The narrowest scopes that allow POP3 and SMTP, plus a refresh token. */
  readonly scopes: readonly string[];
  /** Further parameters of the authorization request this provider needs. */
  readonly authorizationParameters?: Readonly<Record<string, string>>;
}

const GOOGLE_OAUTH: OAuthSettings = {
  client: 'google',
  signInLabel: 'Sign in with Google',
  authorizationEndpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenEndpoint: 'https://oauth2.googleapis.com/token',
  // Google has no narrower scope for POP3 and SMTP; refresh tokens come with access_type=offline.
  scopes: ['https://mail.google.com/'],
  authorizationParameters: { access_type: 'offline', prompt: 'consent' },
};

const MICROSOFT_OAUTH: OAuthSettings = {
  client: 'microsoft',
  signInLabel: 'Sign in with Microsoft',
  authorizationEndpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
  tokenEndpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
  deviceAuthorizationEndpoint: 'https://login.microsoftonline.com/common/oauth2/v2.0/devicecode',
  scopes: ['https://outlook.office.com/POP.AccessAsUser.All', 'https://outlook.office.com/SMTP.Send', 'offline_access'],
};

/** A large mail provider whose settings Mailbag knows without asking the network. */
export interface Provider {
  readonly id: string;
  readonly name: string;
  /** Address domains that belong to this provider. */
  readonly domains: readonly string[];
  /** Suffixes of MX host names that identify this provider for custom domains it hosts. */
  readonly mxSuffixes: readonly string[];
  /** Absent when the provider has no POP3 service. */
  readonly incoming?: ServerSettings;
  readonly outgoing: ServerSettings;
  readonly notes: readonly ProviderNote[];
  /** Present when the provider signs mail programs in with OAuth 2.0. */
  readonly oauth?: OAuthSettings;
}

const pop = (host: string, username: UsernameStyle = 'email-address'): ServerSettings => ({ host, port: 995, security: 'tls', username });
const smtps = (host: string, username: UsernameStyle = 'email-address'): ServerSettings => ({ host, port: 465, security: 'tls', username });
const submission = (host: string, username: UsernameStyle = 'email-address'): ServerSettings => ({ host, port: 587, security: 'starttls', username });

/**
 * The built-in provider table: POP3 and SMTP settings as the providers publish them in their help
 * pages. Checked first during discovery; the other sources only add to it.
 */
export const PROVIDERS: readonly Provider[] = [
  {
    id: 'gmail',
    name: 'Gmail',
    domains: ['gmail.com', 'googlemail.com'],
    mxSuffixes: ['google.com', 'googlemail.com'],
    incoming: pop('pop.gmail.com'),
    outgoing: smtps('smtp.gmail.com'),
    notes: ['enable-pop', 'app-password'],
    oauth: GOOGLE_OAUTH,
  },
  {
    id: 'outlook',
    name: 'Outlook.com',
    mxSuffixes: ['olc.protection.outlook.com'],
    domains: [
      'outlook.com',
      'hotmail.com',
      'live.com',
      'msn.com',
      'passport.com',
      'hotmail.co.uk',
      'hotmail.fr',
      'hotmail.de',
      'hotmail.it',
      'hotmail.es',
      'live.co.uk',
      'live.fr',
      'live.de',
      'live.it',
      'live.nl',
      'outlook.de',
      'outlook.fr',
      'outlook.es',
      'outlook.it',
      'outlook.co.uk',
    ],
    incoming: pop('outlook.office365.com'),
    outgoing: submission('smtp-mail.outlook.com'),
    notes: ['enable-pop', 'oauth-required'],
    oauth: MICROSOFT_OAUTH,
  },
  {
    id: 'microsoft365',
    name: 'Microsoft 365',
    domains: [],
    mxSuffixes: ['mail.protection.outlook.com'],
    incoming: pop('outlook.office365.com'),
    outgoing: submission('smtp.office365.com'),
    notes: ['oauth-required'],
    oauth: MICROSOFT_OAUTH,
  },
  {
    id: 'yahoo',
    name: 'Yahoo Mail',
    mxSuffixes: ['yahoodns.net'],
    domains: [
      'yahoo.com',
      'ymail.com',
      'rocketmail.com',
      'yahoo.co.uk',
      'yahoo.de',
      'yahoo.fr',
      'yahoo.it',
      'yahoo.es',
      'yahoo.ca',
      'yahoo.com.au',
      'yahoo.co.jp',
      'yahoo.co.in',
      'yahoo.com.br',
    ],
    incoming: pop('pop.mail.yahoo.com'),
    outgoing: smtps('smtp.mail.yahoo.com'),
    notes: ['app-password'],
  },
  {
    id: 'aol',
    name: 'AOL Mail',
    domains: ['aol.com', 'aim.com', 'aol.co.uk', 'aol.de', 'aol.fr'],
    mxSuffixes: ['mx-aol.mail.gm0.yahoodns.net'],
    incoming: pop('pop.aol.com'),
    outgoing: smtps('smtp.aol.com'),
    notes: ['app-password'],
  },
  {
    id: 'icloud',
    name: 'iCloud Mail',
    domains: ['icloud.com', 'me.com', 'mac.com'],
    mxSuffixes: ['mail.icloud.com'],
    outgoing: submission('smtp.mail.me.com'),
    notes: ['no-pop3', 'app-password'],
  },
  {
    id: 'gmx-net',
    name: 'GMX',
    domains: ['gmx.net', 'gmx.de', 'gmx.at', 'gmx.ch', 'gmx.eu'],
    mxSuffixes: ['gmx.net'],
    incoming: pop('pop.gmx.net'),
    outgoing: submission('mail.gmx.net'),
    notes: ['enable-pop'],
  },
  {
    id: 'gmx-com',
    name: 'GMX',
    domains: ['gmx.com', 'gmx.co.uk', 'gmx.fr', 'gmx.es', 'gmx.us'],
    mxSuffixes: ['gmx.com'],
    incoming: pop('pop.gmx.com'),
    outgoing: submission('mail.gmx.com'),
    notes: ['enable-pop'],
  },
  {
    id: 'mail-com',
    name: 'mail.com',
    domains: ['mail.com', 'email.com', 'usa.com', 'post.com'],
    mxSuffixes: ['mail.com'],
    incoming: pop('pop.mail.com'),
    outgoing: submission('smtp.mail.com'),
    notes: ['enable-pop'],
  },
  {
    id: 'web-de',
    name: 'WEB.DE',
    domains: ['web.de'],
    mxSuffixes: ['web.de'],
    incoming: pop('pop3.web.de'),
    outgoing: submission('smtp.web.de'),
    notes: ['enable-pop'],
  },
  {
    id: 't-online',
    name: 'Telekom Mail',
    domains: ['t-online.de', 'magenta.de'],
    mxSuffixes: ['t-online.de'],
    incoming: pop('securepop.t-online.de'),
    outgoing: smtps('securesmtp.t-online.de'),
    notes: ['separate-mail-password'],
  },
  {
    id: 'yandex',
    name: 'Yandex Mail',
    domains: ['yandex.ru', 'yandex.com', 'ya.ru', 'yandex.by', 'yandex.kz', 'yandex.ua', 'narod.ru'],
    mxSuffixes: ['mx.yandex.net', 'mx.yandex.ru'],
    incoming: pop('pop.yandex.com'),
    outgoing: smtps('smtp.yandex.com'),
    notes: ['enable-pop', 'app-password'],
  },
  {
    id: 'mail-ru',
    name: 'Mail.ru',
    domains: ['mail.ru', 'inbox.ru', 'list.ru', 'bk.ru', 'internet.ru'],
    mxSuffixes: ['mxs.mail.ru'],
    incoming: pop('pop.mail.ru'),
    outgoing: smtps('smtp.mail.ru'),
    notes: ['app-password'],
  },
  {
    id: 'zoho',
    name: 'Zoho Mail',
    domains: ['zoho.com', 'zohomail.com'],
    mxSuffixes: ['zoho.com'],
    incoming: pop('pop.zoho.com'),
    outgoing: smtps('smtp.zoho.com'),
    notes: ['enable-pop', 'app-password'],
  },
  {
    id: 'zoho-eu',
    name: 'Zoho Mail (EU)',
    domains: ['zoho.eu', 'zohomail.eu'],
    mxSuffixes: ['zoho.eu'],
    incoming: pop('pop.zoho.eu'),
    outgoing: smtps('smtp.zoho.eu'),
    notes: ['enable-pop', 'app-password'],
  },
  {
    id: 'fastmail',
    name: 'Fastmail',
    domains: ['fastmail.com', 'fastmail.fm', 'fastmail.net', 'fastmail.org', 'fastmail.to', 'messagingengine.com'],
    mxSuffixes: ['messagingengine.com'],
    incoming: pop('pop.fastmail.com'),
    outgoing: smtps('smtp.fastmail.com'),
    notes: ['app-password'],
  },
  {
    id: 'posteo',
    name: 'Posteo',
    domains: ['posteo.de', 'posteo.net', 'posteo.eu', 'posteo.org'],
    mxSuffixes: ['posteo.de'],
    incoming: pop('posteo.de'),
    outgoing: smtps('posteo.de'),
    notes: [],
  },
  {
    id: 'mailbox-org',
    name: 'mailbox.org',
    domains: ['mailbox.org'],
    mxSuffixes: ['mailbox.org'],
    incoming: pop('pop3.mailbox.org'),
    outgoing: smtps('smtp.mailbox.org'),
    notes: [],
  },
  {
    id: 'orange',
    name: 'Orange',
    domains: ['orange.fr', 'wanadoo.fr'],
    mxSuffixes: ['orange.fr'],
    incoming: pop('pop.orange.fr'),
    outgoing: smtps('smtp.orange.fr'),
    notes: [],
  },
  {
    id: 'libero',
    name: 'Libero Mail',
    domains: ['libero.it', 'iol.it', 'inwind.it', 'blu.it'],
    mxSuffixes: ['libero.it'],
    incoming: pop('popmail.libero.it'),
    outgoing: smtps('smtp.libero.it'),
    notes: [],
  },
  {
    id: 'seznam',
    name: 'Seznam',
    domains: ['seznam.cz', 'email.cz', 'post.cz'],
    mxSuffixes: ['seznam.cz'],
    incoming: pop('pop3.seznam.cz'),
    outgoing: smtps('smtp.seznam.cz'),
    notes: ['enable-pop'],
  },
  {
    id: 'comcast',
    name: 'Xfinity (Comcast)',
    domains: ['comcast.net'],
    mxSuffixes: ['comcast.net'],
    incoming: pop('mail.comcast.net'),
    outgoing: submission('smtp.comcast.net'),
    notes: ['enable-pop'],
  },
  {
    id: 'qq',
    name: 'QQ Mail',
    domains: ['qq.com', 'foxmail.com'],
    mxSuffixes: ['qq.com'],
    incoming: pop('pop.qq.com'),
    outgoing: smtps('smtp.qq.com'),
    notes: ['enable-pop', 'app-password'],
  },
  {
    id: 'netease-163',
    name: 'NetEase 163',
    domains: ['163.com'],
    mxSuffixes: ['163.com', 'netease.com'],
    incoming: pop('pop.163.com'),
    outgoing: smtps('smtp.163.com'),
    notes: ['enable-pop', 'app-password'],
  },
];

/** Lower case without a trailing dot, the form every comparison here uses. */
function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

/** The provider an address domain belongs to, if the table knows it. */
export function findProviderByDomain(domain: string): Provider | undefined {
  const wanted = normalizeHost(domain);
  return PROVIDERS.find((provider) => provider.domains.includes(wanted));
}

/**
 * The provider that runs a mail exchanger, by the longest matching suffix (so AOL's MX beats Yahoo's
 * shorter one), matching whole labels only.
 */
export function findProviderByMxHost(mxHost: string): Provider | undefined {
  const host = normalizeHost(mxHost);
  let best: { provider: Provider; length: number } | undefined;
  for (const provider of PROVIDERS) {
    for (const suffix of provider.mxSuffixes) {
      if ((host === suffix || host.endsWith(`.${suffix}`)) && (best === undefined || suffix.length > best.length)) {
        best = { provider, length: suffix.length };
      }
    }
  }
  return best?.provider;
}
