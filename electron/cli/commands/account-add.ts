/**
 * `mailbag account add`: flags for every field, questions on a terminal for whatever is missing, the
 * settings discovery on request, and the password from a hidden prompt or standard input — never from
 * an argument. The account is saved only after a sign-in with the password succeeded.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  accountSettingsSchema,
  defaultPolicy,
  leaveOnServerForAnswer,
  parseLeaveOnServer,
  smtpAuthPreferenceSchema,
  type AccountSettingsInput,
  type LeaveOnServer,
} from '../../../shared/accounts';
import type { DiscoveredServer, DiscoveryOutcome } from '../../../shared/discovery';
import { MailbagError, toErrorData, type ErrorWords, type Result } from '../../../shared/errors';
import { sayWords } from '../../../shared/error-words';
import type { SaveAccountResult } from '../../../shared/ipc/contract';
import { DEFAULT_PORTS, WELL_KNOWN_PORTS, type ConnectionSecurity, type MailProtocol } from '../../../shared/server-security';
import type { Core } from '../../main/core';
import { call, request } from '../call';
import { CliError, translatorOf, UsageError, type CommandContext } from '../command';
import { formattingLocale, type Translate, type Translator } from '../../../shared/i18n/catalogs';
import { certificateFactValue } from '../../../shared/certificate-reasons';
import { doctorFactName } from '../../../shared/doctor';
import { EXIT, exitCodeFor, type ExitCode } from '../exit-codes';
import { errorText, writeError, writeResult } from '../output';
import { ask, askPassword, confirm, createInputReader, isInteractive, readPasswordLine, type InputReader } from '../prompt';
import { visibleControls } from '../../../shared/terminal-text';
import { signInClientFor, signInForAccount, type ProviderSignInChoice } from './account-sign-in';

/** Usage line of `account add`. */
export const ACCOUNT_ADD_USAGE = `mailbag account add --name NAME --email ADDRESS
        --pop3 HOST[:PORT] --pop3-security tls|starttls|none [--pop3-user USER] [--pop3-auth METHOD]
        --smtp HOST[:PORT] --smtp-security tls|starttls|none [--smtp-user USER] [--smtp-same-password]
        [--smtp-auth password|none|METHOD] [--display-name TEXT] [--leave-on-server forever|never|until-deleted|DAYS] [--size-limit KB]
        [--headers-only] [--check-every MINUTES] [--ca FILE] [--allow-insecure] [--password-stdin | --password-command COMMAND] [--discover]
        [--accept-certificate SHA256] [--accept-smtp-certificate SHA256]
        [--oauth [--oauth-provider google|microsoft] [--device] [--open-browser]]`;

const OPTIONS = {
  name: { type: 'string' },
  'display-name': { type: 'string' },
  email: { type: 'string' },
  pop3: { type: 'string' },
  'pop3-security': { type: 'string' },
  'pop3-user': { type: 'string' },
  'pop3-auth': { type: 'string' },
  smtp: { type: 'string' },
  'smtp-security': { type: 'string' },
  'smtp-user': { type: 'string' },
  'smtp-same-password': { type: 'boolean' },
  'smtp-auth': { type: 'string' },
  'leave-on-server': { type: 'string' },
  'size-limit': { type: 'string' },
  'headers-only': { type: 'boolean' },
  'check-every': { type: 'string' },
  ca: { type: 'string' },
  'allow-insecure': { type: 'boolean' },
  'password-stdin': { type: 'boolean' },
  'password-command': { type: 'string' },
  discover: { type: 'boolean' },
  'accept-certificate': { type: 'string' },
  'accept-smtp-certificate': { type: 'string' },
  oauth: { type: 'boolean' },
  'oauth-provider': { type: 'string' },
  device: { type: 'boolean' },
  'open-browser': { type: 'boolean' },
} as const;

/** The flag that accepts each server's untrusted certificate (pinned to that host and port only). */
const ACCEPT_FLAG: Readonly<Record<MailProtocol, string>> = { pop3: '--accept-certificate', smtp: '--accept-smtp-certificate' };

const SECURITIES: readonly ConnectionSecurity[] = ['tls', 'starttls', 'none'];
/** The SMTP methods `--smtp-auth` can force (`password` lets the engine choose). */
const SMTP_METHODS = smtpAuthPreferenceSchema.options.filter((option) => option !== 'auto');

function parseSecurity(flag: string, text: string | undefined): ConnectionSecurity | undefined {
  if (text === undefined) return undefined;
  const found = SECURITIES.find((security) => security === text);
  if (found === undefined) throw new UsageError('cli.accountAdd.security', { flag });
  return found;
}

/** HOST, HOST:PORT or [IPv6]:PORT. */
function parseServer(flag: string, text: string): { host: string; port: number | undefined } {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(text.trim());
  if (match === null) throw new UsageError('cli.accountAdd.hostPort', { flag });
  const port = match[2] === undefined ? undefined : Number(match[2]);
  if (port !== undefined && (port < 1 || port > 65535)) throw new UsageError('cli.accountAdd.port', { flag });
  return { host: (match[1] ?? '').replace(/^\[|\]$/g, ''), port };
}

/** Fills in the port from the security or the security from the port (995 → TLS, 110 → STARTTLS…). */
function completeServer(
  protocol: MailProtocol,
  port: number | undefined,
  security: ConnectionSecurity | undefined,
): { port: number; security: ConnectionSecurity } {
  if (port !== undefined) return { port, security: security ?? WELL_KNOWN_PORTS[protocol][port] ?? 'tls' };
  const chosen = security ?? 'tls';
  return { port: DEFAULT_PORTS[protocol][chosen], security: chosen };
}

/** A SHA-256 fingerprint as 64 hex digits, colons allowed; undefined when not given. */
function parseFingerprint(flag: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const digits = text.replace(/[:\s]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(digits)) throw new UsageError('cli.accountAdd.fingerprint', { flag });
  return digits;
}

function positiveInteger(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) throw new UsageError('cli.accountAdd.positive', { flag });
  return Number(text);
}

function usernameFor(server: DiscoveredServer, address: string): string {
  return server.username === 'local-part' ? address.slice(0, address.lastIndexOf('@')) : address;
}

async function discover(core: Core, context: CommandContext, address: string, name: string): Promise<DiscoveryOutcome> {
  const stop = core.events.subscribe((event, payload) => {
    if (event !== 'discoveryProgress' || context.json) return;
    const { source, status } = payload as { source: string; status: { state: string; reason?: string; reasonWords?: ErrorWords } };
    // Reasons may quote what a network server answered: shown with control characters visible.
    const { t } = translatorOf(context);
    const line =
      status.reason === undefined
        ? t('cli.accountAdd.discovery', { source, state: t('cli.discovery.state', { state: status.state }) })
        : t('cli.accountAdd.discoveryReason', {
            source,
            state: t('cli.discovery.state', { state: status.state }),
            reason: status.reasonWords === undefined ? status.reason : sayWords(t, status.reasonWords),
          });
    context.streams.stderr.write(`${visibleControls(line)}\n`);
  });
  try {
    return await call(core, 'discoverSettings', { address, name });
  } finally {
    stop();
  }
}

/** Runs `mailbag account add`. */
export async function runAccountAdd(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  const { values, positionals } = parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: true });
  if (positionals.length > 0) throw new UsageError('cli.usage.unexpected', { argument: positionals[0] ?? '' });
  const { streams } = context;
  const passwordStdin = values['password-stdin'] === true;
  const passwordCommand = values['password-command'];
  if (passwordStdin && passwordCommand !== undefined) throw new UsageError('cli.accountAdd.twoPasswords');
  const interactive = isInteractive(streams) && !passwordStdin;
  const oauth = values.oauth === true || values.device === true;
  if (oauth && (passwordStdin || passwordCommand !== undefined)) {
    throw new UsageError('cli.accountAdd.oauthPassword');
  }
  if (!oauth && (values['oauth-provider'] !== undefined || values['open-browser'] === true)) {
    throw new UsageError('cli.accountAdd.oauthOnly');
  }
  if (!oauth && !passwordStdin && !interactive && passwordCommand === undefined) {
    throw new UsageError('cli.accountAdd.noTerminal');
  }
  const pop3Security = parseSecurity('--pop3-security', values['pop3-security']);
  const smtpAuth = values['smtp-auth'] ?? 'password';
  const forcedSmtpMethod = SMTP_METHODS.find((method) => method === smtpAuth.toUpperCase());
  if (smtpAuth !== 'password' && smtpAuth !== 'none' && forcedSmtpMethod === undefined) {
    throw new UsageError('cli.accountAdd.smtpAuth', { methods: SMTP_METHODS.join(', ') });
  }
  const smtpSignIn = smtpAuth !== 'none';
  const smtpSecurity = parseSecurity('--smtp-security', values['smtp-security']);
  const leaveFlag = values['leave-on-server'];
  const leaveParsed: LeaveOnServer | undefined = leaveFlag === undefined ? undefined : parseLeaveOnServer(leaveFlag);
  if (leaveFlag !== undefined && leaveParsed === undefined) throw new UsageError('cli.accountAdd.leaveOnServer');
  const sizeLimitKb = positiveInteger('--size-limit', values['size-limit']);
  const checkEvery = positiveInteger('--check-every', values['check-every']);
  const pop3Pin = parseFingerprint(ACCEPT_FLAG.pop3, values['accept-certificate']);
  const smtpPin = parseFingerprint(ACCEPT_FLAG.smtp, values['accept-smtp-certificate']);
  let caPem: string | undefined;
  if (values.ca !== undefined) {
    try {
      caPem = readFileSync(values.ca, 'utf8');
    } catch (error) {
      throw new CliError('VALIDATION', 'cli.accountAdd.caUnreadable', { file: values.ca, code: (error as NodeJS.ErrnoException).code ?? 'error' });
    }
  }

  const translator = translatorOf(context);
  const { t } = translator;
  const missing: string[] = [];
  const core = await context.openCore();
  const reader: InputReader | undefined = streams.stdin === undefined ? undefined : createInputReader(streams.stdin);
  try {
    const need = async (flag: string, value: string | undefined, question: string, fallback?: string): Promise<string> => {
      if (value !== undefined) return value;
      if (interactive && reader !== undefined) return ask(reader, streams, question, fallback);
      if (fallback !== undefined) return fallback;
      missing.push(flag);
      return '';
    };
    const email = await need('--email', values.email, t('cli.accountAdd.askEmail'));
    const name = await need('--name', values.name, t('cli.accountAdd.askName'), email === '' ? undefined : email);
    let pop3Text = values.pop3;
    let smtpText = values.smtp;
    let found: { incoming?: DiscoveredServer; outgoing?: DiscoveredServer } = {};
    if (values.discover === true && email !== '' && (pop3Text === undefined || smtpText === undefined)) {
      const outcome = await discover(core, context, email, name);
      found = {
        ...(outcome.recommended.incoming === undefined ? {} : { incoming: outcome.recommended.incoming }),
        ...(outcome.recommended.outgoing === undefined ? {} : { outgoing: outcome.recommended.outgoing }),
      };
      for (const server of [found.incoming, found.outgoing]) {
        if (server !== undefined)
          streams.stderr.write(
            `${visibleControls(t('cli.accountAdd.found', { protocol: server.protocol.toUpperCase(), host: server.host, port: String(server.port), security: server.security, source: server.source }))}\n`,
          );
      }
    }
    const incomingFound = pop3Text === undefined ? found.incoming : undefined;
    const outgoingFound = smtpText === undefined ? found.outgoing : undefined;
    if (incomingFound !== undefined) pop3Text = `${incomingFound.host}:${incomingFound.port}`;
    if (outgoingFound !== undefined) smtpText = `${outgoingFound.host}:${outgoingFound.port}`;
    pop3Text = await need('--pop3', pop3Text, t('cli.accountAdd.askPop3'));
    smtpText = await need('--smtp', smtpText, t('cli.accountAdd.askSmtp'));
    if (missing.length > 0) throw new UsageError('cli.accountAdd.missing', { flags: missing.join(', ') });

    const pop3Server = parseServer('--pop3', pop3Text);
    const smtpServer = parseServer('--smtp', smtpText);
    const incoming = completeServer('pop3', pop3Server.port, pop3Security ?? incomingFound?.security);
    const outgoing = completeServer('smtp', smtpServer.port, smtpSecurity ?? outgoingFound?.security);
    const pop3User = values['pop3-user'] ?? (incomingFound === undefined ? email : usernameFor(incomingFound, email));
    const smtpUser = values['smtp-user'] ?? (outgoingFound === undefined ? pop3User : usernameFor(outgoingFound, email));
    const signInWith = oauth ? signInClientFor(email, values['oauth-provider']) : undefined;
    const separate = !oauth && smtpSignIn && values['smtp-same-password'] !== true && smtpUser !== pop3User;
    let allowInsecure = values['allow-insecure'] === true;
    if (!allowInsecure && (incoming.security === 'none' || outgoing.security === 'none') && interactive && reader !== undefined) {
      allowInsecure = await confirm(reader, streams, t('cli.accountAdd.askInsecure'), false, t);
    }
    const leaveOnServer =
      leaveParsed ??
      (interactive && reader !== undefined
        ? leaveOnServerForAnswer(await confirm(reader, streams, t('cli.accountAdd.askPhone'), true, t))
        : leaveOnServerForAnswer(undefined));
    const settings: AccountSettingsInput = {
      name,
      displayName: values['display-name'] ?? name,
      address: email,
      identities: [],
      incoming: {
        host: pop3Server.host,
        ...incoming,
        username: pop3User,
        auth: (values['pop3-auth'] ?? 'auto') as AccountSettingsInput['incoming']['auth'],
        ...(caPem === undefined ? {} : { caPem }),
        ...(pop3Pin === undefined ? {} : { pinnedCertificate: { host: pop3Server.host, port: incoming.port, fingerprint256: pop3Pin } }),
      },
      outgoing: {
        host: smtpServer.host,
        ...outgoing,
        username: smtpUser,
        credentials: !smtpSignIn ? 'none' : separate ? 'separate' : 'same',
        ...(forcedSmtpMethod === undefined ? {} : { auth: forcedSmtpMethod }),
        ...(caPem === undefined ? {} : { caPem }),
        ...(smtpPin === undefined ? {} : { pinnedCertificate: { host: smtpServer.host, port: outgoing.port, fingerprint256: smtpPin } }),
      },
      policy: {
        ...defaultPolicy(),
        leaveOnServer,
        headersOnly: values['headers-only'] === true,
        sizeLimitKb: sizeLimitKb ?? null,
        checkEveryMinutes: checkEvery ?? null,
      },
      allowInsecure,
      ...(passwordCommand === undefined ? {} : { passwordCommand }),
      ...(signInWith === undefined ? {} : { signInWith }),
    };

    if (signInWith !== undefined) {
      const choice = { client: signInWith, device: values.device === true, openBrowser: values['open-browser'] === true };
      return await finishAdd(core, context, settings, await signInAndSave(core, context, choice, settings));
    }

    if (passwordCommand !== undefined && !separate) {
      // The command is run (without a shell) and its first line signs in; the password is never stored.
      if (!context.json) streams.stderr.write(`${t('cli.accountAdd.signingInCommand', { host: pop3Server.host })}\n`);
      return await finishAdd(core, context, settings, await request(core, 'saveAccount', { settings }));
    }
    if (reader === undefined) throw new UsageError('cli.usage.noStdinPassword');
    const pop3Password =
      passwordCommand !== undefined
        ? undefined
        : passwordStdin
          ? await readPasswordLine(reader)
          : await askPassword(reader, streams, t('cli.accountAdd.askPassword', { user: pop3User }));
    const smtpPassword = !separate
      ? undefined
      : passwordStdin
        ? await readPasswordLine(reader, { id: 'cli.prompt.noSmtpPassword' })
        : await askPassword(reader, streams, t('cli.accountAdd.askSmtpPassword', { user: smtpUser }));
    if (!context.json) streams.stderr.write(`${t('cli.accountAdd.signingIn', { host: pop3Server.host })}\n`);
    const result = await request(core, 'saveAccount', {
      settings,
      ...(pop3Password === undefined ? {} : { pop3Password }),
      ...(smtpPassword === undefined ? {} : { smtpPassword }),
    });
    return await finishAdd(core, context, settings, result);
  } finally {
    reader?.close();
    await core.close();
  }
}

/** Signs in with the provider, then saves the account once its token opened the POP3 mailbox. */
async function signInAndSave(
  core: Core,
  context: CommandContext,
  choice: ProviderSignInChoice,
  settings: AccountSettingsInput,
): Promise<Result<SaveAccountResult>> {
  try {
    const parsed = accountSettingsSchema.safeParse(settings);
    if (!parsed.success) {
      throw new MailbagError('VALIDATION', undefined, {
        detail: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
      });
    }
    const signedIn = await signInForAccount(core, context, choice, parsed.data.address);
    if (!context.json) context.streams.stderr.write(`${translatorOf(context).t('cli.accountAdd.checkingToken', { host: parsed.data.incoming.host })}\n`);
    return { ok: true, value: await core.accounts.save({ settings: parsed.data, signedIn }) };
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
}

/**
 * After a refused certificate: asks the doctor (no password needed) for each server's certificate
 * details and prints them with the fingerprint and the flag that accepts it for that host and port.
 */
async function describeCertificates(core: Core, context: CommandContext, settings: AccountSettingsInput): Promise<void> {
  const translator = translatorOf(context);
  const { t } = translator;
  // Only called for text output: the summaries and facts in the user's language.
  const result = await request(core, 'testAccount', { settings, scope: 'all', locale: translator.locale });
  if (!result.ok) return;
  const report = result.value;
  const locale = formattingLocale(translator.locale);
  for (const step of report.steps) {
    const fingerprint = step.certificateFingerprint256;
    if (fingerprint === undefined) continue;
    const protocol: MailProtocol = step.id === 'pop3-tls' ? 'pop3' : 'smtp';
    const server = protocol === 'pop3' ? settings.incoming : settings.outgoing;
    const lines = [t('cli.accountAdd.untrusted', { host: server.host, port: String(server.port), summary: step.summary })];
    for (const fact of step.facts) {
      lines.push(
        `  ${t('cli.accountAdd.certificateFact', { name: doctorFactName(t, fact.name), value: certificateFactValue(fact.name, fact.value, locale) })}`,
      );
    }
    lines.push(t('cli.accountAdd.acceptAdvice', { host: server.host, port: String(server.port) }), `  ${ACCEPT_FLAG[protocol]} ${fingerprint}`);
    context.streams.stderr.write(`${visibleControls(lines.join('\n'), 'lines')}\n`);
  }
}

/** Reports the outcome of saveAccount: the saved account, or the error (with certificate details when one was refused). */
async function finishAdd(core: Core, context: CommandContext, settings: AccountSettingsInput, result: Result<SaveAccountResult>): Promise<ExitCode> {
  const { streams } = context;
  if (!result.ok) {
    if (result.error.code === 'TLS_CERTIFICATE' && !context.json) await describeCertificates(core, context, settings);
    writeError(streams, context.json, result.error, translatorOf(context));
    return exitCodeFor(result.error.code);
  }
  const saved = result.value;
  if (saved.smtpError?.code === 'TLS_CERTIFICATE' && !context.json) await describeCertificates(core, context, settings);
  writeResult(streams, context.json, saved, () => describeSaved(saved, translatorOf(context)));
  // The account is saved (its POP3 sign-in worked), but sending from it is not known to work.
  return saved.smtpError === null ? EXIT.SUCCESS : EXIT.PARTIAL;
}

/** Where mail stays on the server, in the user's words. */
export function leaveOnServerWords(t: Translate, policy: LeaveOnServer): string {
  switch (policy.mode) {
    case 'forever':
      return t('cli.leave.forever');
    case 'days':
      return t('cli.leave.days', { days: policy.days });
    case 'until-deleted':
      return t('cli.leave.untilDeleted');
    case 'never':
      return t('cli.leave.never');
  }
}

function describeSaved(saved: SaveAccountResult, translator: Translator): string {
  const { t } = translator;
  const { account, passwordStorage } = saved;
  const settings = account.settings;
  const lines = [t('cli.accountAdd.added', { name: account.name, id: account.id })];
  if (settings !== null) {
    const { incoming, outgoing } = settings;
    lines.push(`  ${t('cli.accountAdd.incoming', { host: incoming.host, port: String(incoming.port), security: incoming.security, user: incoming.username })}`);
    const server = { host: outgoing.host, port: String(outgoing.port), security: outgoing.security };
    lines.push(
      `  ${
        saved.smtpError !== null
          ? t('cli.accountAdd.outgoingNotVerified', { ...server, error: `${saved.smtpError.code}: ${errorText(saved.smtpError, translator)}` })
          : t('cli.accountAdd.outgoing', { ...server, state: outgoing.credentials === 'none' ? 'none' : saved.smtpVerified ? 'checked' : 'unchecked' })
      }`,
    );
    if (saved.smtpError !== null) lines.push(`  ${t('cli.accountAdd.incomingOnly')}`);
    lines.push(`  ${t('cli.accountAdd.leave', { leave: leaveOnServerWords(t, settings.policy.leaveOnServer) })}`);
  }
  if (settings?.signInWith !== undefined) lines.push(`  ${t('cli.accountAdd.provider')}`);
  if (settings?.passwordCommand !== undefined) lines.push(`  ${t('cli.accountAdd.passwordCommand')}`);
  if (passwordStorage !== null) {
    const what = settings?.signInWith !== undefined ? 'signIn' : 'password';
    lines.push(
      `  ${
        passwordStorage.persistent
          ? t('cli.accountAdd.stored', { what, backend: passwordStorage.backend === 'keychain' ? 'keychain' : 'file' })
          : t('cli.accountAdd.sessionOnly', {
              what,
              reason:
                passwordStorage.warning === undefined || passwordStorage.warning === null
                  ? t('cli.accountAdd.noKeychain')
                  : errorText(passwordStorage.warning, translator),
            })
      }`,
    );
  }
  return lines.join('\n');
}
