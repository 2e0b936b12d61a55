import { errorFromResponse } from '../classify-response';
import { MAX_AUTH_COMMAND_BYTES } from '../constants';
import { wordedPop3Error } from '../errors';
import type { ExchangeContext } from '../commands/exchange';
import { parseContinuation, parseStatusLine } from '../status-line';
import { command, saslResponse, secret } from '../transcript';
import { SaslProtocolError, type SaslClient } from './sasl-client';

/** The client's way to cancel an exchange (RFC 5034 §4). */
const CANCEL = '*';
/** An empty initial response is sent as a single `=` (RFC 5034 §4). */
const EMPTY_INITIAL_RESPONSE = '=';

function encode(bytes: Buffer): string {
  return bytes.toString('base64');
}

/**
 * Runs one `AUTH` exchange (RFC 5034 §4): the initial response inline when the command stays within
 * 255 octets, otherwise after the server's empty challenge; every payload is marked secret for the
 * transcript. Each `+` continuation counts as the answer to the previous line, so unsolicited data is
 * still detected. Resolves on `+OK`; throws the classified `-ERR`, or a protocol error when the
 * server's side of the mechanism fails (after cancelling with `*`).
 */
export async function runSaslExchange(context: ExchangeContext, client: SaslClient): Promise<void> {
  const { transport } = context;
  const initial = client.initialResponse();
  const initialText = initial === undefined ? undefined : initial.length === 0 ? EMPTY_INITIAL_RESPONSE : encode(initial);
  const inline = initialText !== undefined && `AUTH ${client.mechanism} ${initialText}\r\n`.length <= MAX_AUTH_COMMAND_BYTES;
  let pendingInitial = inline ? undefined : initialText;
  transport.send([inline && initialText !== undefined ? command('AUTH', client.mechanism, secret(initialText)) : command('AUTH', client.mechanism)]);
  let clientFailure: SaslProtocolError | undefined;
  for (;;) {
    const line = await transport.readLine(context.limits.maxLineBytes, context.timeouts.command, true);
    const challenge = parseContinuation(line);
    if (challenge !== undefined) {
      transport.answerRead();
      if (clientFailure !== undefined) {
        throw transport.fail(wordedPop3Error('PROTOCOL_ERROR', { id: 'protocolError.continuedCancelledSignIn' }, { command: 'AUTH' }));
      }
      if (pendingInitial !== undefined && challenge === '') {
        transport.send([saslResponse(pendingInitial === EMPTY_INITIAL_RESPONSE ? '' : pendingInitial)]);
        pendingInitial = undefined;
        continue;
      }
      try {
        const answer = await client.respond(Buffer.from(challenge, 'base64'));
        transport.send([saslResponse(encode(answer))]);
      } catch (error) {
        if (!(error instanceof SaslProtocolError)) throw error;
        clientFailure = error;
        transport.send([saslResponse(CANCEL)]);
      }
      continue;
    }
    const status = parseStatusLine(line);
    if (status === undefined) {
      throw transport.fail(wordedPop3Error('PROTOCOL_ERROR', { id: 'protocolError.authAnswerUnexpected' }, { command: 'AUTH', response: line }));
    }
    transport.answerRead();
    if (status.ok) {
      if (clientFailure !== undefined) {
        // The server let through a sign-in Mailbag had cancelled: the client's own reason follows, in the same language, and is the detail.
        throw transport.fail(
          wordedPop3Error(
            'PROTOCOL_ERROR',
            { id: 'protocolError.acceptedCancelledSignInBecause', values: { reason: clientFailure.words } },
            { command: 'AUTH', technical: clientFailure.message },
          ),
        );
      }
      try {
        client.verifySuccess();
      } catch (error) {
        if (!(error instanceof SaslProtocolError)) throw error;
        throw transport.fail(wordedPop3Error('PROTOCOL_ERROR', error.words, { command: 'AUTH' }));
      }
      return;
    }
    if (clientFailure !== undefined && !clientFailure.reportedByServer) {
      throw transport.fail(wordedPop3Error('PROTOCOL_ERROR', clientFailure.words, { command: 'AUTH', response: line }));
    }
    throw errorFromResponse(status, line, 'authentication', 'AUTH');
  }
}
