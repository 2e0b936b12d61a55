import net from 'node:net';
import { connectionProblemOf, connectionProblemWords, systemCodeOf } from '../../../shared/connection-words';
import type { Duplex } from 'node:stream';
import { errorFromResponse } from './classify-response';
import { sendForStatus, type ExchangeContext } from './commands/exchange';
import { Pop3Error, wordedPop3Error } from './errors';
import type { ErrorWords } from '../../../shared/errors';
import { englishMessage } from '../../../shared/error-words';
import { resolveLimits, resolveTimeouts, type Pop3ConnectOptions, type Pop3SocketTarget } from './options';
import { readCapabilities } from './commands/capa';
import { stlsWorthTrying } from './capabilities';
import { Pop3Session } from './session';
import { parseGreeting } from './status-line';
import { startTls } from './tls';
import { recordNote } from '../transcript';
import { command } from './transcript';
import { Pop3Transport } from './transport';

/**
 * A failed connection in plain words with the next step (refused, no route, name not found, timed out);
 * the system's own text stays in the detail.
 */
export function connectionError(error: unknown, target: { readonly host: string; readonly port: number }): Pop3Error {
  const problem = connectionProblemOf(systemCodeOf(error));
  const technical = error instanceof Error ? error.message : undefined;
  const words: ErrorWords =
    problem === undefined
      ? { id: 'connection.couldNotConnect', values: { host: target.host, port: String(target.port) } }
      : connectionProblemWords(problem, target);
  return new Pop3Error(problem === 'timed-out' ? 'TIMEOUT' : 'NETWORK', englishMessage(words), {
    cause: error,
    words,
    ...(technical === undefined ? {} : { technical }),
  });
}

/** The default socket factory: a TCP connection with Nagle off (commands are small and latency-bound). */
export function tcpSocketFactory(target: Pop3SocketTarget): Promise<Duplex> {
  return new Promise<Duplex>((resolve, reject) => {
    const socket = net.connect({ host: target.host, port: target.port });
    const onAbort = (): void => {
      socket.destroy();
      reject(wordedPop3Error('CANCELLED', { id: 'protocolError.connectingStopped' }));
    };
    socket.once('connect', () => {
      target.signal.removeEventListener('abort', onAbort);
      socket.off('error', onError);
      socket.setNoDelay(true);
      resolve(socket);
    });
    const onError = (error: Error): void => {
      target.signal.removeEventListener('abort', onAbort);
      reject(connectionError(error, target));
    };
    socket.once('error', onError);
    if (target.signal.aborted) onAbort();
    else target.signal.addEventListener('abort', onAbort, { once: true });
  });
}

async function openSocket(options: Pop3ConnectOptions, timeoutMs: number): Promise<Duplex> {
  const controller = new AbortController();
  const onCallerAbort = (): void => controller.abort();
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  if (options.signal?.aborted === true) controller.abort();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const factory = options.socketFactory ?? tcpSocketFactory;
  try {
    const cancelled = new Promise<never>((_resolve, reject) => {
      const fail = (): void =>
        reject(
          options.signal?.aborted === true
            ? wordedPop3Error('CANCELLED', { id: 'protocolError.connectingStopped' })
            : new Pop3Error('TIMEOUT', englishMessage(connectionProblemWords('timed-out', options)), {
                words: connectionProblemWords('timed-out', options),
                technical: `No connection to ${options.host}:${options.port} within ${timeoutMs} ms.`,
              }),
        );
      if (controller.signal.aborted) fail();
      else controller.signal.addEventListener('abort', fail, { once: true });
    });
    const opened = Promise.resolve(factory({ host: options.host, port: options.port, signal: controller.signal }));
    // A socket that arrives after a timeout or cancellation is nobody's: release it.
    opened.then(
      (late) => {
        if (controller.signal.aborted) late.destroy();
      },
      () => undefined,
    );
    const socket = await Promise.race([opened, cancelled]);
    if (controller.signal.aborted) {
      socket.destroy();
      await cancelled;
    }
    return socket;
  } catch (error) {
    if (error instanceof Pop3Error) throw error;
    throw connectionError(error, options);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}

/**
 * Connects and prepares a session: TCP (or the given socket factory), implicit TLS or STLS as
 * configured, the greeting (RFC 1939 §4; a `-ERR` greeting gets no command at all, not even QUIT),
 * and CAPA (RFC 2449 §5). With STLS (RFC 2595 §4) everything received before the handshake is
 * discarded and CAPA is asked again, so only capabilities announced over TLS count.
 */
export async function connectPop3(options: Pop3ConnectOptions): Promise<Pop3Session> {
  const timeouts = resolveTimeouts(options.timeouts);
  const limits = resolveLimits(options.limits);
  const signal = options.signal ?? new AbortController().signal;
  if (signal.aborted) throw wordedPop3Error('CANCELLED', { id: 'protocolError.connectingStopped' });
  recordNote(options.transcript, {
    id: 'doctor.transcript.connecting',
    values: { host: options.host, port: String(options.port), security: options.security },
  });
  const tlsParameters = {
    host: options.host,
    servername: options.servername,
    ca: options.ca,
    pinnedFingerprint256: options.pinnedFingerprint256,
    timeoutMs: timeouts.tlsHandshake,
    signal,
  };
  let socket = await openSocket(options, timeouts.connect);
  if (options.security === 'tls') {
    socket = await startTls(socket, tlsParameters);
    recordNote(options.transcript, { id: 'doctor.transcript.tlsEstablished' });
  }
  const transport = new Pop3Transport(socket, options.security === 'tls', {
    transcript: options.transcript,
    highWaterBytes: limits.receiveHighWaterBytes,
    progress: { windowMs: timeouts.progressWindow, minBytes: limits.progressMinBytes },
  });
  const onAbort = (): void => {
    transport.fail(wordedPop3Error('CANCELLED', { id: 'protocolError.mailCheckStopped' }));
  };
  signal.addEventListener('abort', onAbort, { once: true });
  transport.onFailure(() => signal.removeEventListener('abort', onAbort));
  const context: ExchangeContext = { transport, timeouts, limits };
  try {
    transport.expectAnswer();
    const line = await transport.readLine(limits.maxLineBytes, timeouts.greeting);
    const greeting = parseGreeting(line);
    if (greeting === undefined) {
      throw transport.fail(wordedPop3Error('PROTOCOL_ERROR', { id: 'protocolError.notPop3Greeting' }, { response: line }));
    }
    if (!greeting.ok) throw errorFromResponse(greeting, line, 'greeting', undefined);
    transport.answerRead();
    let capabilities = await readCapabilities(context);
    if (options.security === 'starttls') {
      if (!stlsWorthTrying(capabilities)) {
        const words: ErrorWords = { id: 'tls.stlsNotOffered' };
        throw new Pop3Error('TLS_REQUIRED', englishMessage(words), { words });
      }
      await sendForStatus(context, command('STLS'), 'tls');
      const plain = transport.detachForUpgrade();
      transport.answerRead();
      const secure = await startTls(plain, tlsParameters);
      transport.attachUpgraded(secure);
      recordNote(options.transcript, { id: 'doctor.transcript.tlsEstablished' });
      capabilities = await readCapabilities(context);
    }
    return new Pop3Session({
      transport,
      greeting,
      capabilities,
      timeouts,
      limits,
      allowInsecureAuth: options.allowInsecureAuth === true,
      forceLockStep: options.forceLockStep === true,
    });
  } catch (error) {
    transport.fail(error instanceof Pop3Error ? error : wordedPop3Error('PROTOCOL_ERROR', { id: 'protocolError.connectingFailed' }, { cause: error }));
    signal.removeEventListener('abort', onAbort);
    throw error;
  }
}
