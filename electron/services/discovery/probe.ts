import net from 'node:net';
import tls from 'node:tls';
import { MailbagError } from '../../../shared/errors';
import { CERTIFICATE_ERROR_CODES, MIN_TLS_VERSION, trustAnchors } from '../../protocols/tls-trust';
import type { ConnectionSecurity, MailProtocol } from '../../../shared/server-security';

/** How long one probe (connect, greeting, CAPA or EHLO, STARTTLS) may take in all. */
export const PROBE_TIMEOUT_MS = 4_000;
/** The longest response line read from a probed server (RFC 5321 section 4.5.3.1.5 allows 512). */
const MAX_LINE_LENGTH = 8_192;
/** The most lines of a CAPA or EHLO answer read. */
const MAX_LINES = 100;
/** The EHLO argument: an address literal, so probing does not reveal the machine's name (RFC 5321 section 4.1.3). */
const EHLO_NAME = '[127.0.0.1]';

/** Opens a TCP connection; injected so tests reach local servers instead of the named hosts. */
export type TcpConnector = (host: string, port: number, signal: AbortSignal) => Promise<net.Socket>;

/** The network a probe uses: the connector, and extra CAs to trust (tests only). */
export interface ProbeNetwork {
  readonly connect: TcpConnector;
  readonly ca?: string;
}

/** The production connector: node:net to the named host. */
export const connectTcp: TcpConnector = (host, port, signal) =>
  new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const onAbort = (): void => {
      socket.destroy();
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once('connect', () => {
      signal.removeEventListener('abort', onAbort);
      resolve(socket);
    });
    socket.once('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      reject(error);
    });
  });

/** What a successful probe learned. */
export interface ProbeResult {
  /** The security actually reached: a STARTTLS probe of a server without STLS/STARTTLS reports `none`. */
  readonly security: ConnectionSecurity;
  /** CAPA capabilities (RFC 2449) or EHLO keywords (RFC 5321 section 4.1.1.1), upper case. */
  readonly capabilities: readonly string[];
}

/** Reads CRLF-terminated lines from a socket, one at a time. */
function lineReader(socket: net.Socket): { next(): Promise<string>; detach(): void } {
  let buffer = '';
  const waiting: { resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  let failure: Error | undefined;
  const pump = (): void => {
    for (;;) {
      const end = buffer.indexOf('\n');
      const head = waiting[0];
      if (end === -1 || head === undefined) break;
      waiting.shift();
      head.resolve(buffer.slice(0, end).replace(/\r$/, ''));
      buffer = buffer.slice(end + 1);
    }
    if (buffer.length > MAX_LINE_LENGTH) fail(new Error('the server sent an overlong line'));
  };
  const fail = (error: Error): void => {
    failure ??= error;
    for (const item of waiting.splice(0)) item.reject(failure);
  };
  const onData = (chunk: Buffer): void => {
    buffer += chunk.toString('latin1');
    pump();
  };
  const onClose = (): void => fail(new Error('the server closed the connection'));
  const onError = (error: Error): void => fail(error);
  socket.on('data', onData).on('close', onClose).on('error', onError);
  return {
    next: () =>
      new Promise((resolve, reject) => {
        if (failure !== undefined) reject(failure);
        else {
          waiting.push({ resolve, reject });
          pump();
        }
      }),
    detach: () => {
      socket.off('data', onData).off('close', onClose).off('error', onError);
    },
  };
}

/** Upgrades to TLS with verification on; a certificate problem becomes TLS_CERTIFICATE. */
function startTls(socket: net.Socket, host: string, network: ProbeNetwork): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const ca = trustAnchors(network.ca);
    const secure = tls.connect({
      socket,
      servername: net.isIP(host) === 0 ? host : undefined,
      minVersion: MIN_TLS_VERSION,
      ...(ca === undefined ? {} : { ca }),
    });
    secure.once('secureConnect', () => resolve(secure));
    secure.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== undefined && CERTIFICATE_ERROR_CODES.has(error.code)) {
        reject(new MailbagError('TLS_CERTIFICATE', undefined, { detail: `${host}: ${error.message}`, cause: error }));
      } else reject(error);
    });
  });
}

/** A POP3 conversation for probing: greeting, CAPA (RFC 2449), STLS (RFC 2595) when asked, QUIT. */
async function pop3Conversation(
  first: net.Socket,
  host: string,
  security: ConnectionSecurity,
  network: ProbeNetwork,
  sockets: net.Socket[],
): Promise<ProbeResult> {
  let socket = first;
  let reader = lineReader(socket);
  const expectOk = async (what: string): Promise<void> => {
    const line = await reader.next();
    if (!line.startsWith('+OK')) throw new Error(`${what} was refused: ${line.slice(0, 80)}`);
  };
  const capa = async (): Promise<string[]> => {
    socket.write('CAPA\r\n');
    const status = await reader.next();
    if (!status.startsWith('+OK')) return [];
    const lines: string[] = [];
    for (let count = 0; count < MAX_LINES; count += 1) {
      const line = await reader.next();
      if (line === '.') return lines;
      lines.push(line.toUpperCase());
    }
    throw new Error('the CAPA answer did not end');
  };
  await expectOk('The greeting');
  let capabilities = await capa();
  let reached = security;
  if (security === 'starttls') {
    if (capabilities.some((line) => line.split(' ')[0] === 'STLS')) {
      socket.write('STLS\r\n');
      await expectOk('STLS');
      reader.detach();
      socket = await startTls(socket, host, network);
      sockets.push(socket);
      reader = lineReader(socket);
      capabilities = await capa();
    } else {
      reached = 'none';
    }
  }
  socket.write('QUIT\r\n');
  await reader.next().catch(() => undefined);
  return { security: reached, capabilities };
}

/** An SMTP conversation for probing: greeting, EHLO, STARTTLS (RFC 3207) when asked, EHLO, QUIT. */
async function smtpConversation(
  first: net.Socket,
  host: string,
  security: ConnectionSecurity,
  network: ProbeNetwork,
  sockets: net.Socket[],
): Promise<ProbeResult> {
  let socket = first;
  let reader = lineReader(socket);
  // A reply is lines "NNN-text" ending with "NNN text" (RFC 5321 section 4.2.1).
  const reply = async (): Promise<{ code: string; lines: string[] }> => {
    const lines: string[] = [];
    for (let count = 0; count < MAX_LINES; count += 1) {
      const line = await reader.next();
      lines.push(line.slice(4));
      if (line[3] !== '-') return { code: line.slice(0, 3), lines };
    }
    throw new Error('the reply did not end');
  };
  const ehlo = async (): Promise<string[]> => {
    socket.write(`EHLO ${EHLO_NAME}\r\n`);
    const answer = await reply();
    if (answer.code !== '250') throw new Error(`EHLO was refused (${answer.code})`);
    return answer.lines.slice(1).map((line) => line.toUpperCase());
  };
  const greeting = await reply();
  if (greeting.code !== '220') throw new Error(`the greeting was ${greeting.code}, not 220`);
  let capabilities = await ehlo();
  let reached = security;
  if (security === 'starttls') {
    if (capabilities.some((line) => line.split(' ')[0] === 'STARTTLS')) {
      socket.write('STARTTLS\r\n');
      const ready = await reply();
      if (ready.code !== '220') throw new Error(`STARTTLS was refused (${ready.code})`);
      reader.detach();
      socket = await startTls(socket, host, network);
      sockets.push(socket);
      reader = lineReader(socket);
      capabilities = await ehlo();
    } else {
      reached = 'none';
    }
  }
  socket.write('QUIT\r\n');
  await reply().catch(() => undefined);
  return { security: reached, capabilities };
}

/**
 * Connects to `host:port` and checks that a POP3 or SMTP server answers there with the given
 * security, within {@link PROBE_TIMEOUT_MS}. Certificates are verified; a STARTTLS probe of a server
 * that offers no upgrade succeeds with security `none`. Rejects with the reason otherwise.
 */
export async function probeServer(
  network: ProbeNetwork,
  protocol: MailProtocol,
  host: string,
  port: number,
  security: ConnectionSecurity,
  signal: AbortSignal,
): Promise<ProbeResult> {
  const bounded = AbortSignal.any([signal, AbortSignal.timeout(PROBE_TIMEOUT_MS)]);
  const sockets: net.Socket[] = [];
  const aborted = new Promise<never>((_resolve, reject) => {
    const onAbort = (): void => reject(new Error(signal.aborted ? 'cancelled' : `no answer within ${PROBE_TIMEOUT_MS} ms`));
    if (bounded.aborted) onAbort();
    else bounded.addEventListener('abort', onAbort, { once: true });
  });
  aborted.catch(() => undefined);
  try {
    const conversation = (async () => {
      let socket = await network.connect(host, port, bounded);
      sockets.push(socket);
      if (security === 'tls') {
        socket = await startTls(socket, host, network);
        sockets.push(socket);
      }
      switch (protocol) {
        case 'pop3':
          return await pop3Conversation(socket, host, security, network, sockets);
        case 'smtp':
          return await smtpConversation(socket, host, security, network, sockets);
      }
    })();
    conversation.catch(() => undefined);
    return await Promise.race([conversation, aborted]);
  } finally {
    for (const socket of sockets) socket.destroy();
  }
}
