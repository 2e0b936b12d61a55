import { PassThrough } from 'node:stream';
import tls from 'node:tls';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { MAX_REPLY_BYTES, QUIT_TIMEOUT_MS } from './constants';
import { fromNodemailerError, SmtpError } from './errors';
import { clientName, resolveSmtpTimeouts, type SmtpAuthMechanism, type SmtpConnectOptions, type SmtpCredentials } from './options';
import { guardReplies } from './reply-guard';
import { checkCertificate, tlsOptions } from './tls';
import { record } from '../transcript';
import { createTranscriptLogger } from './transcript';

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

/** Preference among password mechanisms: over TLS the simplest; in plaintext (explicit choice) CRAM-MD5 first. */
function preferredMechanisms(encrypted: boolean): readonly SmtpAuthMechanism[] {
  return encrypted ? ['PLAIN', 'LOGIN', 'CRAM-MD5'] : ['CRAM-MD5', 'PLAIN', 'LOGIN'];
}

/** XOAUTH2 initial response (Google's SASL XOAUTH2 profile): user, bearer token, two ^A. */
function xoauth2Payload(username: string, token: string): string {
  return Buffer.from(`user=${username}\x01auth=Bearer ${token}\x01\x01`, 'utf8').toString('base64');
}

/**
 * An open SMTP session on nodemailer's SMTPConnection: connected, TLS verified, EHLO facts read.
 * One transaction at a time; the engine's `sendMessage` drives it.
 */
export class SmtpSession {
  readonly facts: SmtpServerFacts;
  private readonly connection: SMTPConnection;
  private readonly options: SmtpConnectOptions;
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
    if (/[\u0000-\u001f\u007f]/.test(credentials.username)) throw new SmtpError('VALIDATION', 'The user name contains a control character.');
    const offered = this.facts.authMechanisms;
    let mechanism: SmtpAuthMechanism | undefined;
    if (credentials.type === 'oauth2') mechanism = offered.includes('XOAUTH2') ? 'XOAUTH2' : undefined;
    else if (credentials.mechanism !== undefined) mechanism = offered.includes(credentials.mechanism) ? credentials.mechanism : undefined;
    else mechanism = preferredMechanisms(this.facts.encrypted).find((candidate) => offered.includes(candidate));
    if (mechanism === undefined) {
      throw new SmtpError('AUTH_UNSUPPORTED', `The server offers no usable sign-in method (it offers: ${offered.join(' ') || 'none'}).`);
    }
    if (credentials.type === 'oauth2') this.oauth.token = credentials.accessToken;
    const auth =
      credentials.type === 'oauth2'
        ? { method: mechanism, user: credentials.username, pass: 'oauth2' }
        : { method: mechanism, user: credentials.username, pass: credentials.password };
    try {
      const signal = this.options.signal;
      if (signal?.aborted === true) throw new SmtpError('CANCELLED', 'Sending was cancelled.');
      await new Promise<void>((resolve, reject) => {
        const onAbort = (): void => {
          reject(new SmtpError('CANCELLED', 'Sending was cancelled.'));
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
      const failure: SmtpTransactionFailure = { error: new SmtpError('CANCELLED', 'Sending was cancelled.'), accepted: [], refused: [], ambiguous: false };
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
        const error = new SmtpError('CANCELLED', 'Sending was cancelled.');
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
            const mapped = aborted ? new SmtpError('CANCELLED', 'Sending was cancelled.', { cause: error }) : fromNodemailerError(error);
            const noReply = mapped.responseCode === undefined;
            const failure: SmtpTransactionFailure = { error: mapped, accepted: state.accepted, refused, ambiguous: written && noReply };
            reject(failure);
            return;
          }
          if (info === undefined) {
            reject({
              error: new SmtpError('INTERNAL', 'The SMTP library returned no result.'),
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
  const authMechanisms = stringList(internals._supportedAuth);
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
      XOAUTH2: async (context) => {
        const token = oauth.token;
        if (token === undefined) return context.reject('No access token.');
        const reply = await context.sendCommand(`AUTH XOAUTH2 ${xoauth2Payload(context.auth.credentials.user, token)}`);
        if (reply.status === 235) return context.resolve();
        // A 334 carries a JSON error; the client answers with an empty line and gets the final refusal.
        const final = reply.status === 334 ? await context.sendCommand('') : reply;
        return context.reject(Object.assign(new Error('XOAUTH2 refused'), { response: final.response }));
      },
    },
  });
  // Every failure reaches a callback or `finish` below; this keeps a late socket error after close()
  // from becoming an unhandled 'error' event that would end the worker.
  connection.on('error', () => undefined);
  record(options.transcript, 'info', `Connecting to ${options.host}:${options.port} (${options.security})`);
  const signal = options.signal;
  if (signal?.aborted === true) throw new SmtpError('CANCELLED', 'Sending was cancelled.');
  let unsolicited: (error: SmtpError) => void = () => undefined;
  const guard = guardReplies(connection, (error) => unsolicited(error));
  try {
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      unsolicited = (error) => {
        record(options.transcript, 'info', 'Unsolicited reply: the session was stopped');
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
        finish(new SmtpError('CANCELLED', 'Sending was cancelled.'));
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
  record(options.transcript, 'info', facts.encrypted ? `Encrypted with ${facts.tlsProtocol ?? 'TLS'}` : 'Not encrypted (explicit choice)');
  return new SmtpSession(connection, options, facts, oauth);
}
