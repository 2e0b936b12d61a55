import net from 'node:net';
import tls from 'node:tls';
import { MailbagError } from '../../../shared/errors';
import { CERTIFICATE_ERROR_CODES, MIN_TLS_VERSION, trustAnchors } from '../../protocols/tls-trust';
import type { ConnectionSecurity, MailProtocol } from '../../../shared/server-security';
import { discoveryFailure } from './reason';

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
    if (buffer.length > MAX_LINE_LENGTH) fail(discoveryFailure({ id: 'serviceError.discovery.overlongLine' }));
  };
  const fail = (error: Error): void => {
    failure ??= error;
    for (const item of waiting.splice(0)) item.reject(failure);
  };
  const onData = (chunk: Buffer): void => {
    buffer += chunk.toString('latin1');
    pump();
  };
  const onClose = (): void => fail(discoveryFailure({ id: 'serviceError.discovery.connectionClosed' }));
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

type LineReader = ReturnType<typeof lineReader>;

/** What differs between probing a POP3 and an SMTP server; the conversation around it is the same. */
interface ProbeDialect {
  /** Reads the greeting; rejects unless it welcomes. */
  readonly greeting: (reader: LineReader) => Promise<void>;
  /** Asks for the capabilities (CAPA or EHLO) and reads them, upper case. */
  readonly capabilities: (socket: net.Socket, reader: LineReader) => Promise<string[]>;
  /** The command that starts TLS, which is also the capability that offers it. */
  readonly upgrade: string;
  /** Reads the answer to the upgrade command; rejects unless TLS may start. */
  readonly upgradeAnswer: (reader: LineReader) => Promise<void>;
  /** Reads the answer to QUIT. */
  readonly quitAnswer: (reader: LineReader) => Promise<unknown>;
}

/** POP3: greeting, CAPA (RFC 2449), STLS (RFC 2595). */
const POP3_DIALECT: ProbeDialect = (() => {
  const expectOk = async (reader: LineReader, command?: string): Promise<void> => {
    const line = await reader.next();
    if (line.startsWith('+OK')) return;
    const said = line.slice(0, 80);
    throw discoveryFailure(
      command === undefined
        ? { id: 'serviceError.discovery.greetingRefused', values: { line: said } }
        : { id: 'serviceError.discovery.commandRefused', values: { command, line: said } },
    );
  };
  return {
    greeting: (reader) => expectOk(reader),
    capabilities: async (socket, reader) => {
      socket.write('CAPA\r\n');
      const status = await reader.next();
      if (!status.startsWith('+OK')) return [];
      const lines: string[] = [];
      for (let count = 0; count < MAX_LINES; count += 1) {
        const line = await reader.next();
        if (line === '.') return lines;
        lines.push(line.toUpperCase());
      }
      throw discoveryFailure({ id: 'serviceError.discovery.capaUnended' });
    },
    upgrade: 'STLS',
    upgradeAnswer: (reader) => expectOk(reader, 'STLS'),
    quitAnswer: (reader) => reader.next(),
  };
})();

/** SMTP: greeting, EHLO, STARTTLS (RFC 3207). */
const SMTP_DIALECT: ProbeDialect = (() => {
  // A reply is lines "NNN-text" ending with "NNN text" (RFC 5321 section 4.2.1).
  const reply = async (reader: LineReader): Promise<{ code: string; lines: string[] }> => {
    const lines: string[] = [];
    for (let count = 0; count < MAX_LINES; count += 1) {
      const line = await reader.next();
      lines.push(line.slice(4));
      if (line[3] !== '-') return { code: line.slice(0, 3), lines };
    }
    throw discoveryFailure({ id: 'serviceError.discovery.replyUnended' });
  };
  return {
    greeting: async (reader) => {
      const greeting = await reply(reader);
      if (greeting.code !== '220') throw discoveryFailure({ id: 'serviceError.discovery.greetingCode', values: { code: greeting.code } });
    },
    capabilities: async (socket, reader) => {
      socket.write(`EHLO ${EHLO_NAME}\r\n`);
      const answer = await reply(reader);
      if (answer.code !== '250') throw discoveryFailure({ id: 'serviceError.discovery.commandRefusedCode', values: { command: 'EHLO', code: answer.code } });
      return answer.lines.slice(1).map((line) => line.toUpperCase());
    },
    upgrade: 'STARTTLS',
    upgradeAnswer: async (reader) => {
      const ready = await reply(reader);
      if (ready.code !== '220') throw discoveryFailure({ id: 'serviceError.discovery.commandRefusedCode', values: { command: 'STARTTLS', code: ready.code } });
    },
    quitAnswer: reply,
  };
})();

/**
 * A conversation for probing: greeting, capabilities, the upgrade to TLS when asked (and the
 * capabilities again over TLS), QUIT. A STARTTLS probe of a server that offers no upgrade reaches `none`.
 */
async function probeConversation(
  dialect: ProbeDialect,
  first: net.Socket,
  host: string,
  security: ConnectionSecurity,
  network: ProbeNetwork,
  sockets: net.Socket[],
): Promise<ProbeResult> {
  let socket = first;
  let reader = lineReader(socket);
  await dialect.greeting(reader);
  let capabilities = await dialect.capabilities(socket, reader);
  let reached = security;
  if (security === 'starttls') {
    if (capabilities.some((line) => line.split(' ')[0] === dialect.upgrade)) {
      socket.write(`${dialect.upgrade}\r\n`);
      await dialect.upgradeAnswer(reader);
      reader.detach();
      socket = await startTls(socket, host, network);
      sockets.push(socket);
      reader = lineReader(socket);
      capabilities = await dialect.capabilities(socket, reader);
    } else {
      reached = 'none';
    }
  }
  socket.write('QUIT\r\n');
  await dialect.quitAnswer(reader).catch(() => undefined);
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
    const onAbort = (): void =>
      reject(
        discoveryFailure(
          signal.aborted
            ? { id: 'serviceError.discovery.cancelled' }
            : { id: 'serviceError.discovery.noAnswerWithin', values: { milliseconds: String(PROBE_TIMEOUT_MS) } },
        ),
      );
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
          return await probeConversation(POP3_DIALECT, socket, host, security, network, sockets);
        case 'smtp':
          return await probeConversation(SMTP_DIALECT, socket, host, security, network, sockets);
      }
    })();
    conversation.catch(() => undefined);
    return await Promise.race([conversation, aborted]);
  } finally {
    for (const socket of sockets) socket.destroy();
  }
}
