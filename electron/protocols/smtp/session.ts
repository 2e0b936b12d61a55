import { PassThrough } from 'node:stream';
import tls from 'node:tls';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { MAX_REPLY_BYTES, QUIT_TIMEOUT_MS } from './constants';
import type { ErrorWords } from '../../../shared/errors';
import { fromNodemailerError, wordedSmtpError, type SmtpError } from './errors';
import { clientName, resolveSmtpTimeouts, type SmtpAuthMechanism, type SmtpConnectOptions, type SmtpCredentials } from './options';
import { guardReplies } from './reply-guard';
import { checkCertificate, tlsOptions } from './tls';
import { recordNote } from '../transcript';
import { createTranscriptLogger } from './transcript';
import { runSasl } from './sasl';
import { oauthBearerClient, xoauth2Client } from '../pop3/auth/sasl-client';
import { scramClient } from '../pop3/auth/scram';

/** What the server told us about itself in its EHLO reply (RFC 5321 §4.1.1.1) and TLS handshake. */
export interface SmtpServerFacts {
  /** EHLO keywords nodemailer recognises, upper case (PIPELINING, 8BITMIME, SMTPUTF8, SIZE, DSN…). */
  readonly extensions: readonly string[];
  /** SASL mechanisms offered after AUTH (RFC 4954 §3), upper case. */
  readonly authMechanisms: readonly string[];
  /**
   * The SIZE limit in bytes (RFC 1870 §4), to keep with the account and check before sending; undefined
   * when the server announced none (or `SIZE 0`, which means no fixed limit).
   */
  readonly maxMessageSize: number | undefined;
  /** The server did not understand EHLO, so the session fell back to HELO (RFC 5321 §3.2): no extensions. */
  readonly usedHelo: boolean;
  readonly encrypted: boolean;
  /** For example `TLSv1.3`. */
  readonly tlsProtocol: string | undefined;
  /** The SHA-256 fingerprint of the server's certificate (for a user's pinned exception). */
  readonly certificateFingerprint256: string | undefined;
}

/** A low-level send: an envelope and the message bytes. */
export interface SmtpTransaction {
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: Uint8Array;
  /** Declare BODY=8BITMIME (RFC 6152) because the message has bytes above 127. */
  readonly eightBit: boolean;
}

/** One RCPT refusal as nodemailer reports it. */
export interface SmtpRecipientRefusal {
  readonly address: string;
  readonly error: SmtpError;
}

/** What the server answered for a transaction that reached the final ".". */
export interface SmtpTransactionResult {
  readonly accepted: readonly string[];
  readonly refused: readonly SmtpRecipientRefusal[];
  /** The reply to the final "." (RFC 5321 §4.1.1.4). */
  readonly response: string;
  readonly serverMessageId: string | undefined;
  readonly messageSize: number;
}

/** A failed transaction, with whether the server may have received the whole message. */
export interface SmtpTransactionFailure {
  readonly error: SmtpError;
  /** Recipients the server had accepted at RCPT before the failure. */
  readonly accepted: readonly string[];
  readonly refused: readonly SmtpRecipientRefusal[];
  /**
   * The whole message and the final "." were handed to the socket but no reply came (connection lost,
   * timeout, cancel): the server may have accepted it (RFC 5321 §4.1.1.4, RFC 1047).
   */
  readonly ambiguous: boolean;
}

/** The nodemailer internals read for EHLO facts; checked at run time, so a change fails loudly. */
interface ConnectionInternals {
  readonly _supportedExtensions?: unknown;
  readonly _supportedAuth?: unknown;
  readonly _maxAllowedSize?: unknown;
  readonly _envelope?: unknown;
  /** The EHLO reply's lines; nodemailer keeps only the mechanisms it implements itself in `_supportedAuth`. */
  readonly _ehloLines?: unknown;
}

/**
 * Every SASL mechanism the EHLO reply's AUTH lines name (RFC 4954 §3), upper case; undefined when the
 * lines are not available, so nodemailer's own list is used instead.
 */
function advertisedMechanisms(lines: unknown): string[] | undefined {
  if (!Array.isArray(lines)) return undefined;
  const mechanisms = new Set<string>();
  for (const line of lines) {
    if (typeof line !== 'string') continue;
    const match = /^AUTH[ =](.*)$/i.exec(line);
    for (const name of match?.[1]?.split(/[ =]+/) ?? []) if (name !== '') mechanisms.add(name.toUpperCase());
  }
  return [...mechanisms];
}

/** The recipient bookkeeping of the transaction in progress (nodemailer internals, checked). */
function envelopeState(connection: SMTPConnection): { accepted: string[]; rejectedErrors: unknown } {
  const envelope = (connection as unknown as ConnectionInternals)._envelope;
  if (typeof envelope !== 'object' || envelope === null) return { accepted: [], rejectedErrors: [] };
  const fields = envelope as { accepted?: unknown; rejectedErrors?: unknown };
  return {
    accepted: Array.isArray(fields.accepted) ? fields.accepted.filter((item): item is string => typeof item === 'string') : [],
    rejectedErrors: fields.rejectedErrors,
  };
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string').map((item) => item.toUpperCase()) : [];
}

/**
 * Preference among password mechanisms: SCRAM first, as it proves the server knows the password too
 * (RFC 7677); then over TLS the simplest; in plaintext (explicit choice) CRAM-MD5 before the rest.
 */
function preferredMechanisms(encrypted: boolean): readonly SmtpAuthMechanism[] {
  return encrypted ? ['SCRAM-SHA-256', 'PLAIN', 'LOGIN', 'CRAM-MD5'] : ['SCRAM-SHA-256', 'CRAM-MD5', 'PLAIN', 'LOGIN'];
}

/** A send stopped by its caller. */
const SENDING_CANCELLED: ErrorWords = { id: 'protocolError.sendingCancelled' };

/** Mechanisms run by {@link runSasl} rather than by nodemailer itself. */
const CUSTOM_MECHANISMS: ReadonlySet<SmtpAuthMechanism> = new Set(['XOAUTH2', 'OAUTHBEARER', 'SCRAM-SHA-256']);

/**
 * nodemailer's name for one of our mechanisms. Not the mechanism's own name: nodemailer swaps a
 * requested XOAUTH2 for PLAIN unless it generates the token itself, so our handlers go by names it does
 * not know; they send the real mechanism name on the AUTH line.
 */
function customAuthName(mechanism: SmtpAuthMechanism): string {
  return `MAILBAG-${mechanism}`;
}

/** Token mechanisms, the standard one (RFC 7628) first. */
const TOKEN_MECHANISMS: readonly SmtpAuthMechanism[] = ['OAUTHBEARER', 'XOAUTH2'];

/**
 * An open SMTP session on nodemailer's SMTPConnection: connected, TLS verified, EHLO facts read.
 * One transaction at a time; the engine's `sendMessage` drives it.
 */
export class SmtpSession {
  readonly facts: SmtpServerFacts;
  private readonly connection: SMTPConnection;
  private readonly options: SmtpConnectOptions;
  /** The secret of the sign-in in progress (token or SCRAM password), handed to the SASL clients. */
  private readonly oauth: { token: string | undefined };

  /** Use {@link connectSmtp}. */
  constructor(connection: SMTPConnection, options: SmtpConnectOptions, facts: SmtpServerFacts, oauth: { token: string | undefined }) {
    this.connection = connection;
    this.options = options;
    this.facts = facts;
    this.oauth = oauth;
  }

  /**
   * Signs in (RFC 4954): XOAUTH2 for a token, otherwise the forced or preferred password mechanism among
   * those the server offers. Refuses, before sending anything, a server that offers no usable mechanism.
   */
  async authenticate(credentials: SmtpCredentials): Promise<{ readonly mechanism: SmtpAuthMechanism }> {
    // eslint-disable-next-line no-control-regex -- a user name with CR/LF would inject SMTP commands
    if (/[\u0000-\u001f\u007f]/.test(credentials.username)) throw wordedSmtpError('VALIDATION', { id: 'protocolError.usernameControl' });
    const offered = this.facts.authMechanisms;
    let mechanism: SmtpAuthMechanism | undefined;
    if (credentials.type === 'oauth2') {
      const wanted = credentials.mechanism === undefined ? TOKEN_MECHANISMS : [credentials.mechanism];
      mechanism = wanted.find((candidate) => offered.includes(candidate));
    } else if (credentials.mechanism !== undefined) mechanism = offered.includes(credentials.mechanism) ? credentials.mechanism : undefined;
    else mechanism = preferredMechanisms(this.facts.encrypted).find((candidate) => offered.includes(candidate));
    if (mechanism === undefined) {
      throw wordedSmtpError(
        'AUTH_UNSUPPORTED',
        offered.length === 0
          ? { id: 'protocolError.noUsableSmtpMechanismNone' }
          : { id: 'protocolError.noUsableSmtpMechanism', values: { offered: offered.join(' ') } },
      );
    }
    this.oauth.token = credentials.type === 'oauth2' ? credentials.accessToken : credentials.password;
    const method = CUSTOM_MECHANISMS.has(mechanism) ? customAuthName(mechanism) : mechanism;
    const auth =
      credentials.type === 'oauth2'
        ? { method, user: credentials.username, pass: 'oauth2' }
        : { method, user: credentials.username, pass: credentials.password };
    try {
      const signal = this.options.signal;
      if (signal?.aborted === true) throw wordedSmtpError('CANCELLED', SENDING_CANCELLED);
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => {
          reject(wordedSmtpError('CANCELLED', SENDING_CANCELLED));
          this.connection.close();
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        this.connection.login(auth, (error) => {
          signal?.removeEventListener('abort', onAbort);
          if (error) reject(error);
          else resolve();
        });
      });
    } catch (error) {
      throw fromNodemailerError(error, `AUTH ${mechanism}`);
    } finally {
      this.oauth.token = undefined;
    }
    return { mechanism };
  }

  /**
   * Runs one mail transaction (RFC 5321 §3.3): MAIL FROM with SIZE/BODY/SMTPUTF8 parameters as the
   * server allows, a RCPT per recipient (refusals collected, the rest still get the message), DATA.
   */
  transact(transaction: SmtpTransaction): Promise<SmtpTransactionResult> {
    const { raw } = transaction;
    let written = false;
    let aborted = false;
    const message = new PassThrough();
    // 'end' fires once nodemailer's data stream has consumed every byte; it appends "." right after.
    message.once('end', () => {
      written = true;
    });
    message.end(Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength));
    const signal = this.options.signal;
    if (signal?.aborted === true) {
      const failure: SmtpTransactionFailure = { error: wordedSmtpError('CANCELLED', SENDING_CANCELLED), accepted: [], refused: [], ambiguous: false };
      return Promise.reject(failure);
    }
    return new Promise<SmtpTransactionResult>((resolvePromise, rejectPromise) => {
      let settled = false;
      const resolve = (result: SmtpTransactionResult): void => {
        if (!settled) resolvePromise(result);
        settled = true;
      };
      const reject = (failure: SmtpTransactionFailure): void => {
        if (!settled) rejectPromise(failure);
        settled = true;
      };
      const onAbort = (): void => {
        aborted = true;
        // nodemailer does not call back a send whose connection is closed by the client: settle here.
        const state = envelopeState(this.connection);
        const error = wordedSmtpError('CANCELLED', SENDING_CANCELLED);
        reject({ error, accepted: state.accepted, refused: refusals(state.rejectedErrors), ambiguous: written });
        this.connection.close();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.connection.send(
        { from: transaction.from, to: [...transaction.to], size: raw.byteLength, use8BitMime: transaction.eightBit },
        message,
        (error, info) => {
          signal?.removeEventListener('abort', onAbort);
          if (error !== null && error !== undefined) {
            const state = envelopeState(this.connection);
            const shaped = error as Error & { rejectedErrors?: unknown };
            const refused = refusals(shaped.rejectedErrors ?? state.rejectedErrors);
            const mapped = aborted ? wordedSmtpError('CANCELLED', SENDING_CANCELLED, { cause: error }) : fromNodemailerError(error);
            const noReply = mapped.responseCode === undefined;
            const failure: SmtpTransactionFailure = { error: mapped, accepted: state.accepted, refused, ambiguous: written && noReply };
            reject(failure);
            return;
          }
          if (info === undefined) {
            reject({
              error: wordedSmtpError('INTERNAL', { id: 'protocolError.noResult' }),
              accepted: [],
              refused: [],
              ambiguous: written,
            } satisfies SmtpTransactionFailure);
            return;
          }
          resolve({
            accepted: info.accepted,
            refused: refusals(info.rejectedErrors),
            response: info.response,
            serverMessageId: info.serverMessageId,
            messageSize: info.messageSize,
          });
        },
      );
    });
  }

  /** Ends the session politely (QUIT, RFC 5321 §4.1.1.10), closing the socket if the server dawdles. */
  async quit(): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.connection.close();
        resolve();
      }, QUIT_TIMEOUT_MS);
      this.connection.once('end', () => {
        clearTimeout(timer);
        resolve();
      });
      try {
        this.connection.quit();
      } catch {
        clearTimeout(timer);
        this.connection.close();
        resolve();
      }
    });
  }

  /** Drops the connection at once. */
  close(): void {
    this.connection.close();
  }
}

function refusals(value: unknown): SmtpRecipientRefusal[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (!(item instanceof Error)) return [];
    const recipient = (item as Error & { recipient?: unknown }).recipient;
    return typeof recipient === 'string' ? [{ address: recipient, error: fromNodemailerError(item, 'RCPT TO') }] : [];
  });
}

function readFacts(connection: SMTPConnection, usedHelo: boolean): SmtpServerFacts {
  const internals = connection as unknown as ConnectionInternals;
  const extensions = stringList(internals._supportedExtensions);
  const authMechanisms = advertisedMechanisms(internals._ehloLines) ?? stringList(internals._supportedAuth);
  const size = typeof internals._maxAllowedSize === 'number' && internals._maxAllowedSize > 0 ? internals._maxAllowedSize : undefined;
  const socket = connection._socket;
  const secure = socket instanceof tls.TLSSocket ? socket : undefined;
  const certificate = secure?.getPeerCertificate();
  return {
    extensions,
    authMechanisms,
    maxMessageSize: extensions.includes('SIZE') ? size : undefined,
    usedHelo,
    encrypted: secure !== undefined && connection.secure,
    tlsProtocol: secure?.getProtocol() ?? undefined,
    certificateFingerprint256: typeof certificate?.fingerprint256 === 'string' ? certificate.fingerprint256 : undefined,
  };
}

/**
 * Connects, secures (implicit TLS or a required STARTTLS), greets (EHLO, HELO fallback) and verifies
 * the server certificate — chain and name, or the user's pinned fingerprint — before anything secret is
 * sent. Rejects with an `SmtpError`.
 */
export async function connectSmtp(options: SmtpConnectOptions): Promise<SmtpSession> {
  const timeouts = resolveSmtpTimeouts(options.timeouts);
  let usedHelo = false;
  const oauth: { token: string | undefined } = { token: undefined };
  const connection = new SMTPConnection({
    host: options.host,
    port: options.port,
    secure: options.security === 'tls',
    requireTLS: options.security === 'starttls',
    ignoreTLS: options.security === 'none',
    name: clientName(options),
    connectionTimeout: timeouts.connect,
    greetingTimeout: timeouts.greeting,
    socketTimeout: timeouts.reply,
    maxResponseSize: MAX_REPLY_BYTES,
    logger: createTranscriptLogger(options.transcript, (direction, text) => {
      if (direction === 'client' && /^HELO /i.test(text)) usedHelo = true;
    }),
    transactionLog: true,
    debug: false,
    tls: tlsOptions(options),
    customAuth: {
      [customAuthName('XOAUTH2')]: (context) => runSasl(context, oauth.token, (user, token) => xoauth2Client(user, token)),
      [customAuthName('OAUTHBEARER')]: (context) => runSasl(context, oauth.token, (user, token) => oauthBearerClient(user, token)),
      [customAuthName('SCRAM-SHA-256')]: (context) => runSasl(context, oauth.token, (user, password) => scramClient('sha256', user, password)),
    },
  });
  // Every failure reaches a callback or `finish` below; this keeps a late socket error after close()
  // from becoming an unhandled 'error' event that would end the worker.
  connection.on('error', () => undefined);
  recordNote(options.transcript, {
    id: 'doctor.transcript.connecting',
    values: { host: options.host, port: String(options.port), security: options.security },
  });
  const signal = options.signal;
  if (signal?.aborted === true) throw wordedSmtpError('CANCELLED', SENDING_CANCELLED);
  let unsolicited: (error: SmtpError) => void = () => undefined;
  const guard = guardReplies(connection, (error) => unsolicited(error));
  try {
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      unsolicited = (error) => {
        recordNote(options.transcript, { id: 'doctor.transcript.unsolicited' });
        connection.close();
        finish(error);
      };
      const finish = (error?: unknown): void => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        connection.off('error', finish);
        if (error === undefined) resolve();
        else reject(error);
      };
      const onAbort = (): void => {
        connection.close();
        finish(wordedSmtpError('CANCELLED', SENDING_CANCELLED));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      connection.on('error', finish);
      connection.connect((error) => finish(error));
    });
  } catch (error) {
    connection.close();
    throw fromNodemailerError(error, 'CONN');
  } finally {
    guard.stop();
  }
  const facts = readFacts(connection, usedHelo);
  const problem = options.security === 'none' ? undefined : checkCertificate(connection._socket, options, facts.encrypted);
  if (problem !== undefined) {
    connection.close();
    throw problem;
  }
  recordNote(
    options.transcript,
    facts.encrypted ? { id: 'doctor.transcript.encrypted', values: { protocol: facts.tlsProtocol ?? 'TLS' } } : { id: 'doctor.transcript.notEncrypted' },
  );
  return new SmtpSession(connection, options, facts, oauth);
}
