import { createHash } from 'node:crypto';
import type { Pop3Capabilities } from '../capabilities';
import { simpleCommand, type ExchangeContext } from '../commands/exchange';
import { Pop3Error, wordedPop3Error } from '../errors';
import type { ErrorWords, WordValue } from '../../../../shared/errors';
import { englishMessage } from '../../../../shared/error-words';
import { command, secret } from '../transcript';
import { chooseMechanisms, type Pop3AuthMechanism, type Pop3Credentials, type Pop3SaslMechanism } from './mechanisms';
import { runSaslExchange } from './sasl-exchange';
import { cramMd5Client, loginClient, oauthBearerClient, plainClient, xoauth2Client, type SaslClient } from './sasl-client';
import { scramClient } from './scram';

/** What the session knows when it signs in. */
export interface AuthenticationContext extends ExchangeContext {
  readonly capabilities: Pop3Capabilities;
  readonly apopTimestamp: string | undefined;
  readonly allowInsecureAuth: boolean;
}

/** The outcome of a successful sign-in. */
export interface Pop3AuthResult {
  readonly mechanism: Pop3AuthMechanism;
}

/** APOP digest: MD5 of the greeting timestamp followed by the password, in lower-case hex (RFC 1939 §7). */
export function apopDigest(timestamp: string, password: string): string {
  return createHash('md5').update(`${timestamp}${password}`, 'utf8').digest('hex');
}

function saslClientFor(mechanism: Pop3SaslMechanism, credentials: Pop3Credentials): SaslClient {
  const { username, password = '', oauth2Token = '' } = credentials;
  switch (mechanism) {
    case 'PLAIN':
      return plainClient(username, password);
    case 'LOGIN':
      return loginClient(username, password);
    case 'CRAM-MD5':
      return cramMd5Client(username, password);
    case 'SCRAM-SHA-1':
      return scramClient('sha1', username, password);
    case 'SCRAM-SHA-256':
      return scramClient('sha256', username, password);
    case 'XOAUTH2':
      return xoauth2Client(username, oauth2Token);
    case 'OAUTHBEARER':
      return oauthBearerClient(username, oauth2Token);
  }
}

async function attempt(context: AuthenticationContext, mechanism: Pop3AuthMechanism, credentials: Pop3Credentials): Promise<void> {
  const password = credentials.password ?? '';
  switch (mechanism) {
    case 'USER': // RFC 1939 §7
      await simpleCommand(context, command('USER', credentials.username), 'authentication');
      await simpleCommand(context, command('PASS', secret(password)), 'authentication');
      return;
    case 'APOP': {
      const timestamp = context.apopTimestamp ?? '';
      await simpleCommand(context, command('APOP', credentials.username, secret(apopDigest(timestamp, password))), 'authentication');
      return;
    }
    default:
      await runSaslExchange(context, saslClientFor(mechanism, credentials));
      return;
  }
}

/**
 * How many refused sign-ins one `authenticate` call may cause: the first refusal of APOP or a SASL
 * mechanism may be the method itself (no APOP secret for this user, a mechanism switched off), so the
 * next method is tried once; a second refusal stops, because a wrong password tried again and again
 * locks accounts on many servers.
 */
export const MAX_SIGN_IN_REFUSALS = 2;

/** How a failed attempt ends the sign-in: a refusal (maybe of the method) or a failure of anything else. */
function refusal(error: Pop3Error): boolean {
  switch (error.code) {
    case 'AUTH_FAILED': // credentials refused: perhaps only this method's secret is missing
    case 'SERVER_PERMANENT': // an unexplained refusal may be the mechanism itself
      return true;
    case 'MAILBOX_BUSY': // RFC 2449 §8.1: do not retry now, and never ask for the password
    case 'SERVER_TEMPORARY':
    case 'AUTH_UNSUPPORTED':
    case 'PROTOCOL_ERROR':
    case 'NETWORK':
    case 'TIMEOUT':
    case 'TLS_CERTIFICATE':
    case 'TLS_REQUIRED':
    case 'CANCELLED':
    case 'STORAGE':
    case 'VALIDATION':
      return false;
  }
}

/** Methods that rest on the same server-side secret: one refused, the others would be too. */
function family(mechanism: Pop3AuthMechanism): string {
  return mechanism.startsWith('SCRAM-') ? 'SCRAM' : mechanism;
}

/** The name a person knows a method by. */
export function mechanismLabel(mechanism: string): string {
  return mechanism === 'USER' ? 'USER/PASS' : mechanism;
}

/** The methods in the order they were refused, as words: the names stay as the protocol spells them, the joining word is said in the reader's language. */
function methodsInTurn(refused: readonly string[]): WordValue {
  const [first = '', ...later] = refused.map(mechanismLabel);
  let said: WordValue = first;
  for (const next of later) said = { id: 'protocolError.methodsInTurn', values: { earlier: said, later: next } };
  return said;
}

/** What the server said when it refused, without the list of methods an earlier re-issue added. */
function refusalReason(error: Pop3Error): WordValue {
  if (error.words === undefined) return error.message.replace(/ \(refused: [^)]*\)$/, '');
  if (error.words.id !== 'protocolError.refusedMethods') return error.words;
  return error.words.values?.['reason'] ?? error.message;
}

/**
 * The refusal, re-issued with the methods refused so far, so callers can say which one failed, and
 * with the fallback still owed when the server closed the connection before it could be tried. The
 * refusal's own words are kept inside, so the whole sentence is said in the reader's language.
 */
export function withRefused(error: Pop3Error, refused: readonly string[], fallbackMechanism?: string): Pop3Error {
  return wordedPop3Error(
    error.code,
    { id: 'protocolError.refusedMethods', values: { reason: refusalReason(error), methods: methodsInTurn(refused) } },
    {
      ...(error.response === undefined ? {} : { response: error.response }),
      ...(error.command === undefined ? {} : { command: error.command }),
      ...(error.responseCode === undefined ? {} : { responseCode: error.responseCode }),
      retryable: error.retryable,
      refusedMechanisms: refused,
      ...(fallbackMechanism === undefined ? {} : { fallbackMechanism }),
      cause: error,
    },
  );
}

/**
 * Signs in with the best mechanism the server offers (see `chooseMechanisms`). A refusal of APOP or a
 * SASL mechanism is followed by the next method once (`MAX_SIGN_IN_REFUSALS`); a refusal of USER/PASS,
 * of the fallback, or any other failure ends the attempts. Refuses outright on an unencrypted
 * connection unless the user allowed it (RFC 8314 §5, RFC 2595 §2.1): no password, digest or token
 * leaves otherwise.
 */
export async function authenticate(context: AuthenticationContext, credentials: Pop3Credentials): Promise<Pop3AuthResult> {
  if (!context.transport.isEncrypted && !context.allowInsecureAuth) {
    const words: ErrorWords = { id: 'tls.noPlainSignIn' };
    throw new Pop3Error('TLS_REQUIRED', englishMessage(words), { words });
  }
  const mechanisms = chooseMechanisms(credentials, {
    capabilities: context.capabilities,
    apopTimestamp: context.apopTimestamp,
    encrypted: context.transport.isEncrypted,
  });
  if (mechanisms.length === 0) {
    const offered = context.capabilities.sasl.join(', ');
    throw wordedPop3Error(
      'AUTH_UNSUPPORTED',
      offered === '' ? { id: 'protocolError.noUsableMechanismNoneListed' } : { id: 'protocolError.noUsableMechanism', values: { offered } },
    );
  }
  const refused: Pop3AuthMechanism[] = [];
  let remaining = mechanisms;
  let lastRefusal: Pop3Error | undefined;
  for (;;) {
    const [mechanism, ...rest] = remaining;
    if (mechanism === undefined) throw wordedPop3Error('AUTH_UNSUPPORTED', { id: 'protocolError.noMechanismLeft' });
    try {
      await attempt(context, mechanism, credentials);
      return { mechanism };
    } catch (error) {
      if (!(error instanceof Pop3Error)) throw error;
      if (!refusal(error)) {
        // Some servers hang up after a refused method: the fallback is owed on a new connection.
        if (lastRefusal !== undefined && context.transport.failed !== undefined && (error.code === 'NETWORK' || error.code === 'PROTOCOL_ERROR')) {
          throw withRefused(lastRefusal, refused, mechanism);
        }
        throw error;
      }
      refused.push(mechanism);
      lastRefusal = error;
      // The fallback is a method that needs another secret: a refused SCRAM-SHA-256 says little for SCRAM-SHA-1.
      remaining = rest.filter((next) => family(next) !== family(mechanism));
      const ends = mechanism === 'USER' || refused.length >= MAX_SIGN_IN_REFUSALS || remaining.length === 0;
      if (ends) throw withRefused(error, refused);
      if (context.transport.failed !== undefined) throw withRefused(error, refused, remaining[0]);
    }
  }
}
