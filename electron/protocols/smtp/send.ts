import { checkAddress } from '../../../shared/mail/address';
import { addressProblemWords } from '../../../shared/mail/address-problem-words';
import { NULL_REVERSE_PATH, type SmtpEnvelope } from '../../../shared/mail/outgoing';
import type { ErrorWords } from '../../../shared/errors';
import { SmtpError, wordedSmtpError, type SmtpErrorData } from './errors';
import type { SmtpAuthMechanism, SmtpConnectOptions, SmtpCredentials } from './options';
import { toSevenBit } from './seven-bit';
import { connectSmtp, type SmtpServerFacts, type SmtpSession, type SmtpTransactionFailure } from './session';

/** The message of a send job: the exact bytes (kept by the Outbox) and their envelope. */
export interface SmtpOutgoing {
  readonly raw: Uint8Array;
  readonly envelope: SmtpEnvelope;
  /** The bytes include some above 127; computed from `raw` when absent. */
  readonly eightBit?: boolean;
}

/** One send: where, who, what, and which recipients already have it. */
export interface SmtpSendRequest {
  readonly connection: SmtpConnectOptions;
  /** Absent: an unauthenticated session. */
  readonly credentials?: SmtpCredentials;
  readonly message: SmtpOutgoing;
  /**
   * Envelope recipients that accepted this message in an earlier attempt: they are not sent it again
   * (RCPT is never issued for them) and are reported as `skipped`.
   */
  readonly skipRecipients?: readonly string[];
}

/**
 * What happened for one recipient: `accepted` (the server took responsibility, RFC 5321 §6.1),
 * `refused` (a 4yz or 5yz reply to RCPT; `error.retryable` tells which), `skipped` (accepted in an
 * earlier attempt), `uncertain` (accepted at RCPT, but the answer to the final "." never came), or
 * `not-attempted` (the session failed before its RCPT).
 */
export interface SmtpRecipientResult {
  readonly address: string;
  readonly status: 'accepted' | 'refused' | 'skipped' | 'uncertain' | 'not-attempted';
  readonly error?: SmtpErrorData;
}

/** Facts about the server worth keeping with the account (plain data). */
export interface SmtpServerInfo {
  readonly maxMessageSize: number | undefined;
  readonly extensions: readonly string[];
  readonly authMechanisms: readonly string[];
  readonly usedHelo: boolean;
  readonly encrypted: boolean;
  readonly tlsProtocol: string | undefined;
  readonly certificateFingerprint256: string | undefined;
  /** The mechanism that signed in, if any. */
  readonly mechanism: SmtpAuthMechanism | undefined;
}

/**
 * The typed outcome of a send, for the Outbox:
 * - `sent`: every remaining recipient accepted; copy to Sent.
 * - `partial`: the message went to the accepted recipients, the others were refused (PARTIAL_FAILURE);
 *   a retry must pass the accepted ones as `skipRecipients`.
 * - `ambiguous`: the connection was lost (or timed out, or was cancelled) after the final "." and
 *   before the reply: the message may have been sent. Never resend without asking the user.
 * - `failed`: nothing was sent; `error.retryable` says whether a later try may work.
 */
export type SmtpSendOutcome =
  | {
      readonly kind: 'sent';
      readonly recipients: readonly SmtpRecipientResult[];
      readonly response: string | undefined;
      readonly serverMessageId: string | undefined;
      readonly server: SmtpServerInfo | undefined;
    }
  | {
      readonly kind: 'partial';
      readonly recipients: readonly SmtpRecipientResult[];
      readonly response: string;
      readonly serverMessageId: string | undefined;
      readonly error: SmtpErrorData;
      readonly server: SmtpServerInfo;
    }
  | { readonly kind: 'ambiguous'; readonly recipients: readonly SmtpRecipientResult[]; readonly error: SmtpErrorData; readonly server: SmtpServerInfo }
  | {
      readonly kind: 'failed';
      readonly recipients: readonly SmtpRecipientResult[];
      readonly error: SmtpErrorData;
      readonly server: SmtpServerInfo | undefined;
    };

function serverInfo(facts: SmtpServerFacts, mechanism: SmtpAuthMechanism | undefined): SmtpServerInfo {
  return { ...facts, extensions: [...facts.extensions], authMechanisms: [...facts.authMechanisms], mechanism };
}

function checkEnvelope(envelope: SmtpEnvelope): void {
  // The null reverse-path is the one sender that is not an address (RFC 5321 §4.5.5).
  for (const address of envelope.from === NULL_REVERSE_PATH ? envelope.to : [envelope.from, ...envelope.to]) {
    const checked = checkAddress({ address });
    if (!checked.ok || checked.value.envelope !== address) {
      throw wordedSmtpError(
        'VALIDATION',
        checked.ok
          ? { id: 'protocolError.envelopeAddressNotEnvelopeForm', values: { address: JSON.stringify(address) } }
          : { id: 'protocolError.envelopeAddressInvalid', values: { address: JSON.stringify(address), problem: addressProblemWords(checked.problem) } },
      );
    }
  }
}

/** Checks the transaction against what EHLO announced, before MAIL FROM is sent. */
function checkAgainstServer(facts: SmtpServerFacts, message: SmtpOutgoing): SmtpError | undefined {
  const size = message.raw.byteLength;
  if (facts.maxMessageSize !== undefined && size > facts.maxMessageSize) {
    // RFC 1870 §6.1: a client should not send a message larger than the announced SIZE.
    return wordedSmtpError(
      'SERVER_PERMANENT',
      { id: 'protocolError.messageTooLarge', values: { size: String(size), limit: String(facts.maxMessageSize) } },
      { command: 'MAIL FROM' },
    );
  }
  const smtpUtf8 = facts.extensions.includes('SMTPUTF8');
  if (message.envelope.needsSmtpUtf8 && !smtpUtf8) {
    return wordedSmtpError('SERVER_PERMANENT', { id: 'protocolError.noSmtpUtf8' }, { command: 'MAIL FROM' });
  }
  return undefined;
}

/** Whether the server takes 8-bit bodies: 8BITMIME (RFC 6152), or SMTPUTF8, which requires it (RFC 6531 §3.1). */
function acceptsEightBit(facts: SmtpServerFacts): boolean {
  return facts.extensions.includes('8BITMIME') || facts.extensions.includes('SMTPUTF8');
}

/**
 * The bytes to send: as they are, or, for an 8-bit message and a server without 8BITMIME, converted
 * to 7 bits (RFC 6152 §3); an error when only 8-bit header fields stand in the way.
 */
function bytesFor(facts: SmtpServerFacts, raw: Uint8Array, eightBit: boolean): { raw: Uint8Array; eightBit: boolean } | SmtpError {
  if (!eightBit || acceptsEightBit(facts)) return { raw, eightBit };
  const converted = toSevenBit(raw);
  if (converted.ok) return { raw: converted.raw, eightBit: false };
  const words: ErrorWords = { id: converted.reason === 'eight-bit-header' ? 'protocolError.eightBitHeader' : 'protocolError.eightBitStructure' };
  return wordedSmtpError('SERVER_PERMANENT', words, {
    command: 'MAIL FROM',
  });
}

function skippedResults(skipped: readonly string[]): SmtpRecipientResult[] {
  return skipped.map((address) => ({ address, status: 'skipped' }));
}

/** Results in envelope order, whatever order they were worked out in. */
function inEnvelopeOrder(envelope: SmtpEnvelope, results: readonly SmtpRecipientResult[]): SmtpRecipientResult[] {
  const byAddress = new Map(results.map((result) => [result.address, result]));
  return envelope.to.flatMap((address) => {
    const result = byAddress.get(address);
    return result === undefined ? [] : [result];
  });
}

function failedOutcome(
  envelope: SmtpEnvelope,
  error: SmtpError,
  remaining: readonly string[],
  skipped: readonly string[],
  server: SmtpServerInfo | undefined,
): SmtpSendOutcome {
  return {
    kind: 'failed',
    recipients: inEnvelopeOrder(envelope, [
      ...skippedResults(skipped),
      ...remaining.map((address): SmtpRecipientResult => ({ address, status: 'not-attempted' })),
    ]),
    error: error.toSmtpData(),
    server,
  };
}

/**
 * Sends one composed message: connect and verify TLS, sign in, convert an 8-bit message to 7 bits for
 * a server without 8BITMIME (refused only for 8-bit header fields), check SIZE/SMTPUTF8 against the
 * EHLO reply, MAIL FROM, one RCPT per remaining recipient, DATA, QUIT. Never throws: every ending is
 * an {@link SmtpSendOutcome}, with per-recipient results.
 */
export async function sendMessage(request: SmtpSendRequest): Promise<SmtpSendOutcome> {
  const skip = new Set(request.skipRecipients ?? []);
  const skipped = request.message.envelope.to.filter((address) => skip.has(address));
  const remaining = request.message.envelope.to.filter((address) => !skip.has(address));
  try {
    checkEnvelope(request.message.envelope);
  } catch (error) {
    return failedOutcome(request.message.envelope, error as SmtpError, remaining, skipped, undefined);
  }
  if (remaining.length === 0) {
    return { kind: 'sent', recipients: skippedResults(skipped), response: undefined, serverMessageId: undefined, server: undefined };
  }
  const eightBit = request.message.eightBit ?? request.message.raw.some((byte) => byte > 0x7f);

  let session: SmtpSession;
  try {
    session = await connectSmtp(request.connection);
  } catch (error) {
    return failedOutcome(
      request.message.envelope,
      error instanceof SmtpError ? error : wordedSmtpError('INTERNAL', { id: 'protocolError.connectingFailedUnexpectedly' }, { cause: error }),
      remaining,
      skipped,
      undefined,
    );
  }
  let mechanism: SmtpAuthMechanism | undefined;
  try {
    if (request.credentials !== undefined) mechanism = (await session.authenticate(request.credentials)).mechanism;
  } catch (error) {
    session.close();
    return failedOutcome(request.message.envelope, error as SmtpError, remaining, skipped, serverInfo(session.facts, undefined));
  }
  const server = serverInfo(session.facts, mechanism);
  const outgoing = bytesFor(session.facts, request.message.raw, eightBit);
  const refusal = outgoing instanceof SmtpError ? outgoing : checkAgainstServer(session.facts, { ...request.message, raw: outgoing.raw });
  if (refusal !== undefined || outgoing instanceof SmtpError) {
    await session.quit();
    return failedOutcome(request.message.envelope, refusal ?? wordedSmtpError('INTERNAL', { id: 'protocolError.notPrepared' }), remaining, skipped, server);
  }

  try {
    const result = await session.transact({ from: request.message.envelope.from, to: remaining, raw: outgoing.raw, eightBit: outgoing.eightBit });
    await session.quit();
    const refusedBy = new Map(result.refused.map((item) => [item.address, item.error]));
    const recipients = inEnvelopeOrder(request.message.envelope, [
      ...skippedResults(skipped),
      ...remaining.map((address): SmtpRecipientResult => {
        const error = refusedBy.get(address);
        return error === undefined ? { address, status: 'accepted' } : { address, status: 'refused', error: error.toSmtpData() };
      }),
    ]);
    if (refusedBy.size === 0) return { kind: 'sent', recipients, response: result.response, serverMessageId: result.serverMessageId, server };
    const error = wordedSmtpError(
      'PARTIAL_FAILURE',
      { id: 'protocolError.partialRefused', values: { refused: String(refusedBy.size), total: String(remaining.length) } },
      { retryable: result.refused.some((item) => item.error.retryable) },
    );
    return { kind: 'partial', recipients, response: result.response, serverMessageId: result.serverMessageId, error: error.toSmtpData(), server };
  } catch (caught) {
    const failure = caught as SmtpTransactionFailure;
    session.close();
    const refusedBy = new Map(failure.refused.map((item) => [item.address, item.error]));
    const accepted = new Set(failure.accepted);
    const recipients = inEnvelopeOrder(request.message.envelope, [
      ...skippedResults(skipped),
      ...remaining.map((address): SmtpRecipientResult => {
        const error = refusedBy.get(address);
        if (error !== undefined) return { address, status: 'refused', error: error.toSmtpData() };
        if (failure.ambiguous && accepted.has(address)) return { address, status: 'uncertain' };
        return { address, status: 'not-attempted' };
      }),
    ]);
    if (failure.ambiguous) {
      const error = wordedSmtpError(
        failure.error.code === 'TIMEOUT' ? 'TIMEOUT' : failure.error.code === 'CANCELLED' ? 'CANCELLED' : 'NETWORK',
        { id: 'protocolError.maybeSent' },
        { retryable: false, cause: failure.error },
      );
      return { kind: 'ambiguous', recipients, error: error.toSmtpData(), server };
    }
    return { kind: 'failed', recipients, error: failure.error.toSmtpData(), server };
  }
}
