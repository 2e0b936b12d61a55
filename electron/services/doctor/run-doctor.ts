/**
 * The account doctor ("Test account settings"): checks an account's servers step by step — DNS, TCP,
 * TLS, the POP3 capabilities and sign-in, then SMTP — and reports each step as it finishes, with advice
 * in plain words, ending with the transcript (passwords redacted).
 */
import net from 'node:net';
import type { AccountSettings } from '../../../shared/accounts';
import {
  DOCTOR_STEP_IDS,
  DOCTOR_STEP_TITLES,
  type DoctorFact,
  type DoctorReport,
  type DoctorScope,
  type DoctorStatus,
  type DoctorStep,
  type DoctorStepId,
} from '../../../shared/doctor';
import { errorMessageIn, sayWords } from '../../../shared/error-words';
import { MailbagError, toErrorData, type ErrorData, type ErrorWords, type WordValue } from '../../../shared/errors';
import { createTranslator, type Translate } from '../../../shared/i18n/catalogs';
import type { MailProtocol } from '../../../shared/server-security';
import {
  connectAndSignIn,
  connectPop3,
  mechanismLabel,
  Pop3Error,
  type Pop3Capabilities,
  type Pop3Credentials,
  type Pop3Session,
  type TranscriptEntry,
} from '../../protocols/pop3';
import { optionalCommands, type OptionalCommands } from '../../protocols/pop3/probe';
import { pop3ConnectOptions, pop3Mechanisms, probeOutgoing, probeWith, smtpTokenCredentials } from '../account-login';
import type { SignInCheck } from '../oauth/token-keeper';
import { checkProviderSignIn } from './provider-sign-in';
import { certificateProblem, chainTrustedWords, dnsAdvice, errorAdvice, noStarttlsAdvice, signInAdvice, tcpAdvice } from './advice';
import { capabilityFacts, capabilityWarning, yesNo } from './capability-table';
import { connectTcp, inspectTls, systemLookup, upgradePreamble, type HostLookup } from './network-checks';
import { runRoundTrip } from './round-trip';

/** Bound on each network phase of the doctor. */
export const DOCTOR_TIMEOUT_MS = 15_000;
/** SIZE (RFC 1870) counts octets; the table shows kilobytes, as account setup's size limit does. */
const BYTES_PER_KB = 1024;
/** Placeholder for a password found in the transcript or an error. */
const REDACTED = '<redacted>';

/** What to check, with which passwords, and where to report steps. */
export interface DoctorRequest {
  readonly settings: AccountSettings;
  readonly pop3Password?: string;
  /** The SMTP password (the POP3 one when the account signs in to both with the same). */
  readonly smtpPassword?: string;
  /**
   * For an account that signs in with its provider: renews the sign-in and says which permissions it
   * lacks; POP3 and SMTP then sign in with the renewed access token.
   */
  readonly signIn?: () => Promise<SignInCheck>;
  readonly scope?: DoctorScope;
  /** Also send a test message to the account's own address and receive (and delete) it; scope `all` only. */
  readonly roundTrip?: boolean;
  /** How long the round trip waits for the message; default ROUND_TRIP_WAIT_MS. */
  readonly roundTripWaitMs?: number;
  readonly roundTripPollMs?: number;
  readonly onStep?: (step: DoctorStep) => void;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly lookup?: HostLookup;
  readonly now?: () => number;
  /** The language of titles, summaries, advice and the transcript’s own notes (not the server’s lines); English when absent, as `--json` keeps. */
  readonly t?: Translate;
}

/** A protocol line as received or sent; the engine's own notes in the language of `t`. */
function engineLine(entry: TranscriptEntry, t: Translate): string {
  switch (entry.direction) {
    case 'client':
      return `C: ${entry.text}`;
    case 'server':
      return `S: ${entry.text}`;
    case 'info':
      return `* ${entry.words === undefined ? entry.text : sayWords(t, entry.words)}`;
  }
}

/** Every form a password could take on the wire: as is, base64 (SASL PLAIN/LOGIN), hex. */
function secretForms(passwords: readonly string[]): string[] {
  return passwords
    .filter((password) => password.length > 0)
    .flatMap((password) => [password, Buffer.from(password).toString('base64'), Buffer.from(password).toString('hex')]);
}

/** The POP3 mechanism the user forced, if any, as credentials fields. */
function mechanismsOf(settings: AccountSettings): Pick<Pop3Credentials, 'mechanisms'> {
  const mechanisms = pop3Mechanisms(settings);
  return mechanisms === undefined ? {} : { mechanisms };
}

/** A catalog message with every password taken out of the texts it quotes (a server may echo what it was sent). */
function redactedWords(words: ErrorWords, redact: (text: string) => string): ErrorWords {
  if (words.values === undefined) return words;
  const values: Record<string, WordValue> = {};
  for (const [name, value] of Object.entries(words.values)) values[name] = typeof value === 'string' ? redact(value) : redactedWords(value, redact);
  return { id: words.id, values };
}

/** Runs the doctor; never throws for a server problem (those are failed steps). */
export async function runDoctor(request: DoctorRequest): Promise<DoctorReport> {
  const { settings } = request;
  const scope = request.scope ?? 'all';
  const timeoutMs = request.timeoutMs ?? DOCTOR_TIMEOUT_MS;
  const lookup = request.lookup ?? systemLookup;
  const now = request.now ?? Date.now;
  const t = request.t ?? createTranslator('en').t;
  // "Same credentials": the outgoing server signs in with the POP3 password.
  const smtpPassword = (request.smtpPassword ?? (settings.outgoing.credentials === 'same' ? request.pop3Password : undefined)) || undefined;
  const secrets = secretForms([request.pop3Password ?? '', request.smtpPassword ?? '']);
  let accessToken: string | undefined;
  const redact = (text: string): string => secrets.reduce((result, secret) => result.split(secret).join(REDACTED), text);
  const transcript: string[] = [];
  const note = (line: string): void => {
    transcript.push(redact(line));
  };
  const steps: DoctorStep[] = [];

  const report = (
    id: DoctorStepId,
    status: DoctorStatus,
    summary: string,
    extra: { advice?: string; error?: ErrorData; facts?: DoctorFact[]; fingerprint?: string } = {},
  ): void => {
    const step: DoctorStep = {
      id,
      title: t(DOCTOR_STEP_TITLES[id]),
      status,
      summary: redact(summary),
      facts: extra.facts ?? [],
      ...(extra.advice === undefined ? {} : { advice: redact(extra.advice) }),
      ...(extra.error === undefined
        ? {}
        : {
            error: {
              ...extra.error,
              message: redact(extra.error.message),
              ...(extra.error.detail === undefined ? {} : { detail: redact(extra.error.detail) }),
              ...(extra.error.detailWords === undefined ? {} : { detailWords: redactedWords(extra.error.detailWords, redact) }),
            },
          }),
      ...(extra.fingerprint === undefined ? {} : { certificateFingerprint256: extra.fingerprint }),
    };
    steps.push(step);
    note(`* ${t('doctor.transcript.step', { title: step.title, status, summary: step.summary })}`);
    request.onStep?.(step);
  };
  const skip = (ids: readonly DoctorStepId[], why: string): void => {
    for (const id of ids) report(id, 'skipped', why);
  };

  /** DNS, TCP and TLS of one server; true when the protocol steps can follow. */
  const checkConnection = async (protocol: MailProtocol, server: AccountSettings['incoming'] | AccountSettings['outgoing']): Promise<boolean> => {
    const [dnsId, tcpId, tlsId] = protocol === 'pop3' ? (['pop3-dns', 'pop3-tcp', 'pop3-tls'] as const) : (['smtp-dns', 'smtp-tcp', 'smtp-tls'] as const);
    const { host, port, security } = server;
    note(`* ${t('doctor.transcript.checking', { protocol: protocol.toUpperCase(), host, port: String(port), security })}`);
    let addresses: readonly string[];
    if (net.isIP(host) !== 0) {
      addresses = [host];
      report(dnsId, 'ok', t('doctor.dns.ip', { host }));
    } else {
      try {
        addresses = await lookup(host);
        if (addresses.length === 0) throw Object.assign(new Error('no addresses'), { code: 'ENOTFOUND' });
        report(dnsId, 'ok', t('doctor.dns.ok', { host, addresses: addresses.join(', ') }));
      } catch (error) {
        report(dnsId, 'failed', t('doctor.dns.failed', { host, reason: (error as NodeJS.ErrnoException).code ?? 'lookup failed' }), {
          advice: dnsAdvice(t, host),
        });
        skip([tcpId, tlsId], t('doctor.skip.noName'));
        return false;
      }
    }
    const address = addresses[0] ?? host;
    let socket: net.Socket;
    try {
      socket = await connectTcp(address, port, timeoutMs, request.signal);
      socket.destroy();
      report(tcpId, 'ok', t('doctor.tcp.ok', { port: String(port), host, address }));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      report(tcpId, 'failed', t('doctor.tcp.failed', { port: String(port), host, reason: code ?? (error as Error).message }), {
        advice: tcpAdvice(t, protocol, host, port, code),
      });
      skip([tlsId], t('doctor.skip.noConnection'));
      return false;
    }
    if (security === 'none') {
      report(tlsId, 'warning', t('doctor.tls.none'), { advice: t('doctor.tls.noneAdvice') });
      return true;
    }
    try {
      socket = await connectTcp(address, port, timeoutMs, request.signal);
    } catch (error) {
      report(tlsId, 'failed', t('doctor.tls.secondFailed', { reason: (error as Error).message }), {
        advice: tcpAdvice(t, protocol, host, port, undefined),
      });
      return false;
    }
    try {
      if (security === 'starttls' && !(await upgradePreamble(socket, protocol, timeoutMs, note))) {
        report(tlsId, 'failed', t('doctor.tls.noStarttls'), {
          advice: noStarttlsAdvice(t, protocol),
          error: new MailbagError('TLS_REQUIRED').toData(),
        });
        return false;
      }
      const inspection = await inspectTls(socket, { host, ca: server.caPem, timeoutMs, now: now() });
      const names = inspection.altNames || inspection.subject;
      note(`* ${t('doctor.transcript.certificate', { protocol: inspection.protocol, names, issuer: inspection.issuer, validTo: inspection.validTo })}`);
      const facts: DoctorFact[] = [
        { name: 'Protocol', value: inspection.protocol },
        { name: 'Issued to', value: inspection.altNames === '' ? inspection.subject : inspection.altNames },
        { name: 'Issued by', value: inspection.issuer },
        { name: 'Valid until', value: inspection.validTo },
        { name: 'Chain trusted', value: chainTrustedWords(t, inspection) },
        { name: 'Name matches', value: yesNo(t, inspection.nameMatches) },
        { name: 'SHA-256 fingerprint', value: inspection.fingerprint256 },
      ];
      const problem = certificateProblem(t, host, inspection);
      const pin = server.pinnedCertificate;
      const pinned = pin !== undefined && pin.host === host && pin.port === port && pin.fingerprint256 === inspection.fingerprint256.replace(/:/g, '');
      if (problem === undefined) {
        report(tlsId, 'ok', t('doctor.tls.ok', { protocol: inspection.protocol, day: inspection.validTo.slice(0, 10) }), { facts });
      } else if (pinned) {
        report(tlsId, 'ok', t('doctor.tls.pinned', { problem: problem.summary }), { facts });
      } else {
        report(tlsId, 'failed', problem.summary, {
          advice: problem.advice,
          facts,
          fingerprint: inspection.fingerprint256,
          error: { code: 'TLS_CERTIFICATE', message: problem.summary },
        });
        return false;
      }
      return true;
    } catch (error) {
      report(tlsId, 'failed', t('doctor.tls.handshakeFailed', { reason: (error as Error).message }), { advice: t('doctor.tls.handshakeAdvice') });
      return false;
    } finally {
      socket.destroy();
    }
  };

  const checkPop3 = async (): Promise<void> => {
    if (!(await checkConnection('pop3', settings.incoming))) {
      skip(['pop3-capabilities', 'pop3-login'], t('doctor.skip.earlier'));
      return;
    }
    const options = pop3ConnectOptions(settings, {
      timeoutMs,
      transcript: (entry) => note(engineLine(entry, t)),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    });
    const password = request.pop3Password;
    const credentials: Pop3Credentials | undefined =
      accessToken !== undefined
        ? { username: settings.incoming.username, oauth2Token: accessToken }
        : password === undefined || password === ''
          ? undefined
          : { username: settings.incoming.username, password, ...mechanismsOf(settings) };
    // The capability step is reported after the sign-in: without CAPA, UIDL and TOP can only be tried
    // once signed in, and some servers name their IMPLEMENTATION only then (RFC 2449 §5).
    let session: Pop3Session | undefined;
    let before: Pop3Capabilities | undefined;
    let signedInWith: string | undefined;
    let commands: OptionalCommands | undefined;
    let loginError: unknown;
    try {
      if (credentials === undefined) {
        session = await connectPop3(options);
        before = session.capabilities;
      } else {
        const signedIn = await connectAndSignIn(options, credentials, (connected) => {
          before ??= connected.capabilities;
        });
        session = signedIn.session;
        signedInWith = signedIn.result.mechanism;
        if (before !== undefined && !before.announced) commands = await optionalCommands(session);
      }
    } catch (error) {
      if (before === undefined) {
        const data = toErrorData(error);
        report('pop3-capabilities', 'failed', errorMessageIn(t, data), { error: data, advice: errorAdvice(t, 'pop3', data.code) });
        skip(['pop3-login'], t('doctor.skip.earlier'));
        return;
      }
      loginError = error;
    }
    if (before === undefined) return;
    const afterSignIn = signedInWith === undefined ? undefined : session?.capabilities;
    const facts = capabilityFacts(t, before, {
      security: settings.incoming.security,
      ...(commands === undefined ? {} : { commands }),
      ...(signedInWith === undefined ? {} : { signedInWith }),
      ...(afterSignIn === undefined ? {} : { afterSignIn }),
    });
    const warning = capabilityWarning(t, before, settings.policy.leaveOnServer, commands);
    if (warning === undefined) report('pop3-capabilities', 'ok', before.announced ? t('doctor.pop3.listed') : t('doctor.pop3.notListed'), { facts });
    else report('pop3-capabilities', 'warning', warning.summary, { advice: warning.advice, facts });
    if (credentials === undefined) {
      report('pop3-login', 'skipped', request.signIn === undefined ? t('doctor.pop3.noPassword') : t('doctor.skip.providerFailed'));
      session?.close();
      return;
    }
    if (signedInWith === undefined || session === undefined) {
      session?.close();
      const data = toErrorData(loginError);
      const refused = loginError instanceof Pop3Error ? loginError.refusedMechanisms : [];
      report('pop3-login', 'failed', errorMessageIn(t, data), { error: data, advice: signInAdvice(t, data.code, refused) });
      return;
    }
    report('pop3-login', 'ok', t('doctor.pop3.signedIn', { user: settings.incoming.username, mechanism: mechanismLabel(signedInWith) }), {
      facts: [{ name: 'Mechanism', value: signedInWith }],
    });
    try {
      await session.quit();
    } catch {
      session.close();
    }
  };

  const checkSmtp = async (): Promise<void> => {
    if (!(await checkConnection('smtp', settings.outgoing))) {
      skip(['smtp-session'], t('doctor.skip.earlier'));
      return;
    }
    const password = smtpPassword;
    const probeOptions = {
      timeoutMs,
      transcript: (entry: TranscriptEntry) => note(engineLine(entry, t)),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    };
    const outcome =
      accessToken === undefined
        ? await probeOutgoing(settings, password, probeOptions)
        : await probeWith(settings, smtpTokenCredentials(settings, accessToken), probeOptions);
    if (!outcome.ok) {
      const { code, message, detail, words, detailWords } = outcome.error;
      report('smtp-session', 'failed', errorMessageIn(t, outcome.error), {
        error: {
          code,
          message,
          ...(detail === undefined ? {} : { detail }),
          ...(words === undefined ? {} : { words }),
          ...(detailWords === undefined ? {} : { detailWords }),
        },
        advice: errorAdvice(t, 'smtp', code),
      });
      return;
    }
    const server = outcome.server;
    const facts: DoctorFact[] = [
      { name: 'EHLO', value: server.usedHelo ? t('doctor.smtp.heloUsed') : server.extensions.join(' ') },
      { name: 'Encryption', value: server.encrypted ? (server.tlsProtocol ?? t('doctor.fact.yes')) : t('doctor.fact.none') },
      { name: 'AUTH', value: server.authMechanisms.join(' ') || t('doctor.smtp.authNotOffered') },
      { name: 'Signed in with', value: server.mechanism ?? t('doctor.smtp.notSignedIn') },
      {
        name: 'SIZE limit',
        value:
          server.maxMessageSize === undefined
            ? t('doctor.smtp.noSizeLimit')
            : t('doctor.smtp.sizeKb', { kilobytes: Math.floor(server.maxMessageSize / BYTES_PER_KB) }),
        meaning: t('doctor.smtp.sizeMeaning'),
      },
    ];
    if (settings.outgoing.credentials === 'none') report('smtp-session', 'ok', t('doctor.smtp.noSignIn'), { facts });
    else if (password === undefined && accessToken === undefined) report('smtp-session', 'warning', t('doctor.smtp.noPassword'), { facts });
    else
      report(
        'smtp-session',
        'ok',
        server.mechanism === undefined ? t('doctor.smtp.signedInWithout') : t('doctor.smtp.signedIn', { mechanism: server.mechanism }),
        { facts },
      );
  };

  const checkRoundTrip = async (): Promise<void> => {
    const passed = (id: DoctorStepId): boolean => steps.some((step) => step.id === id && step.status === 'ok');
    const pop3Password = request.pop3Password;
    if (scope !== 'all') {
      skip(['round-trip-send', 'round-trip-receive'], t('doctor.skip.roundTripScope'));
    } else if (pop3Password === undefined || pop3Password === '' || !passed('pop3-login') || !passed('smtp-session')) {
      skip(['round-trip-send', 'round-trip-receive'], t('doctor.skip.roundTripSignIn'));
    } else {
      await runRoundTrip({
        settings,
        pop3Password,
        smtpPassword,
        timeoutMs,
        now,
        transcript: (entry) => note(engineLine(entry, t)),
        report: (id, status, summary, extra) => report(id, status, summary, extra),
        t,
        ...(request.roundTripWaitMs === undefined ? {} : { waitMs: request.roundTripWaitMs }),
        ...(request.roundTripPollMs === undefined ? {} : { pollMs: request.roundTripPollMs }),
        ...(request.signal === undefined ? {} : { signal: request.signal }),
      });
    }
  };

  if (request.signIn !== undefined) {
    accessToken = await checkProviderSignIn(request.signIn, report, t);
    if (accessToken !== undefined) secrets.push(...secretForms([accessToken]));
  }
  if (scope !== 'outgoing') await checkPop3();
  if (scope !== 'incoming') await checkSmtp();
  if (request.roundTrip === true) await checkRoundTrip();
  const order = new Map(DOCTOR_STEP_IDS.map((id, index) => [id, index]));
  steps.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return { ok: steps.every((step) => step.status !== 'failed'), steps, transcript };
}
