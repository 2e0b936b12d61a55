/**
 * A scriptable SMTP server on 127.0.0.1, port 0, for fault tests: RFC 5321 basics (EHLO/HELO, MAIL,
 * RCPT, DATA, RSET, NOOP, QUIT), STARTTLS (RFC 3207) or implicit TLS, AUTH PLAIN and LOGIN (RFC 4954).
 * Each test overrides only the verbs it cares about (nodemailer's own test style): `handlers.RCPT`
 * to refuse one recipient, `onData` to drop the connection after the final ".", `greeting` for 421…
 */
import net from 'node:net';
import tls from 'node:tls';
import type { TestCertificate } from './pop3/tls-fixture';

/** A verb handler: `args` is the rest of the line after the verb. */
export type FakeSmtpHandler = (connection: FakeSmtpConnection, args: string, line: string) => void | Promise<void>;

/** Options of {@link startFakeSmtpServer}. */
export interface FakeSmtpOptions {
  /** The greeting line; default `220 fake.test ESMTP`. `null`: never greet (a stall). */
  readonly greeting?: string | null;
  /** EHLO keywords after the name line; `null` makes EHLO fail with 502 (a HELO-only server). */
  readonly extensions?: readonly string[] | null;
  /** `starttls` offers STARTTLS; `implicit` speaks TLS from the first byte. */
  readonly tls?: 'none' | 'starttls' | 'implicit';
  readonly certificate?: TestCertificate;
  /** Accepted credentials for AUTH PLAIN/LOGIN (advertised as `AUTH PLAIN LOGIN`). */
  readonly auth?: { readonly user: string; readonly password: string };
  /** Overrides per verb (upper case). */
  readonly handlers?: Readonly<Record<string, FakeSmtpHandler>>;
  /** Called with the message after the final "."; default replies `250 2.0.0 queued`. */
  readonly onData?: (connection: FakeSmtpConnection, data: Buffer) => void | Promise<void>;
}

/** One finished (or attempted) transaction as the server saw it. */
export interface FakeSmtpTransaction {
  from: string;
  mailParameters: string;
  recipients: string[];
  data: Buffer | undefined;
}

/** One client connection. */
export class FakeSmtpConnection {
  socket: net.Socket;
  encrypted: boolean;
  authenticated = false;
  transaction: FakeSmtpTransaction | undefined;
  private buffer = Buffer.alloc(0);
  private dataChunks: Buffer[] | undefined;
  private pendingAuth: ((line: string) => void) | undefined;

  constructor(
    socket: net.Socket,
    encrypted: boolean,
    readonly server: FakeSmtpServer,
  ) {
    this.socket = socket;
    this.encrypted = encrypted;
    this.attach();
  }

  /** Sends one reply line (CRLF added). */
  reply(line: string): void {
    if (!this.socket.destroyed) this.socket.write(`${line}\r\n`);
  }

  /** Drops the connection without a word. */
  drop(): void {
    this.socket.destroy();
  }

  /** Answers the next client line with `handler` (for SASL continuations). */
  expectLine(handler: (line: string) => void): void {
    this.pendingAuth = handler;
  }

  /** Switches to TLS on this connection (after `220` to STARTTLS). */
  upgrade(): void {
    const certificate = this.server.options.certificate;
    if (certificate === undefined) throw new Error('No certificate configured');
    this.socket.removeAllListeners('data');
    this.socket = new tls.TLSSocket(this.socket, { isServer: true, key: certificate.key, cert: certificate.cert });
    this.encrypted = true;
    this.attach();
  }

  private attach(): void {
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk));
    this.socket.on('error', () => undefined);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n');
      if (end === -1) return;
      const line = this.buffer.subarray(0, end);
      this.buffer = this.buffer.subarray(end + 2);
      if (this.dataChunks !== undefined) {
        if (line.length === 1 && line[0] === 0x2e) {
          const data = Buffer.concat(this.dataChunks);
          this.dataChunks = undefined;
          if (this.transaction !== undefined) this.transaction.data = data;
          void this.server.finishData(this, data);
        } else {
          const unstuffed = line[0] === 0x2e ? line.subarray(1) : line;
          this.dataChunks.push(unstuffed, Buffer.from('\r\n'));
        }
        continue;
      }
      const text = line.toString('utf8');
      this.server.lines.push(text);
      const pending = this.pendingAuth;
      if (pending !== undefined) {
        this.pendingAuth = undefined;
        pending(text);
        continue;
      }
      void this.server.dispatch(this, text);
    }
  }

  /** Starts collecting message data (after 354). */
  startData(): void {
    this.dataChunks = [];
  }
}

/** A running fake server. */
export interface FakeSmtpServer {
  readonly port: number;
  readonly options: FakeSmtpOptions;
  /** Every line the clients sent (SASL payloads included: the fake is not a transcript). */
  readonly lines: string[];
  readonly transactions: FakeSmtpTransaction[];
  readonly connections: FakeSmtpConnection[];
  dispatch(connection: FakeSmtpConnection, line: string): Promise<void>;
  finishData(connection: FakeSmtpConnection, data: Buffer): Promise<void>;
  close(): Promise<void>;
}

function ehloLines(server: FakeSmtpServer, connection: FakeSmtpConnection): string[] {
  const options = server.options;
  const keywords = [...(options.extensions ?? [])];
  if (options.tls === 'starttls' && !connection.encrypted) keywords.push('STARTTLS');
  if (options.auth !== undefined && (connection.encrypted || options.tls === 'none' || options.tls === undefined)) keywords.push('AUTH PLAIN LOGIN');
  return ['fake.test', ...keywords];
}

const DEFAULT_HANDLERS: Readonly<Record<string, FakeSmtpHandler>> = {
  EHLO(connection) {
    const server = connection.server;
    if (server.options.extensions === null) return connection.reply('502 5.5.2 Error: command not recognized');
    const lines = ehloLines(server, connection);
    lines.forEach((line, index) => connection.reply(`250${index === lines.length - 1 ? ' ' : '-'}${line}`));
  },
  HELO(connection) {
    connection.reply('250 fake.test');
  },
  STARTTLS(connection) {
    if (connection.server.options.tls !== 'starttls') return connection.reply('502 5.5.1 STARTTLS not offered');
    connection.reply('220 2.0.0 Ready to start TLS');
    connection.upgrade();
  },
  AUTH(connection, args) {
    const expected = connection.server.options.auth;
    const [mechanism, initial] = args.split(' ');
    const check = (user: string, password: string): void => {
      if (expected !== undefined && user === expected.user && password === expected.password) {
        connection.authenticated = true;
        connection.reply('235 2.7.0 Authentication successful');
      } else {
        connection.reply('535 5.7.8 Error: authentication failed');
      }
    };
    if (mechanism?.toUpperCase() === 'PLAIN') {
      const decode = (payload: string): void => {
        const [, user = '', password = ''] = Buffer.from(payload, 'base64').toString('utf8').split('\0');
        check(user, password);
      };
      if (initial !== undefined) decode(initial);
      else {
        connection.reply('334 ');
        connection.expectLine(decode);
      }
      return;
    }
    if (mechanism?.toUpperCase() === 'LOGIN') {
      connection.reply('334 VXNlcm5hbWU6');
      connection.expectLine((user) => {
        connection.reply('334 UGFzc3dvcmQ6');
        connection.expectLine((password) => check(Buffer.from(user, 'base64').toString('utf8'), Buffer.from(password, 'base64').toString('utf8')));
      });
      return;
    }
    connection.reply('504 5.5.4 Unsupported mechanism');
  },
  MAIL(connection, args) {
    const match = /^FROM:<([^>]*)>\s*(.*)$/i.exec(args);
    if (match === null) return connection.reply('501 5.5.4 Syntax error');
    connection.transaction = { from: match[1] ?? '', mailParameters: match[2] ?? '', recipients: [], data: undefined };
    connection.server.transactions.push(connection.transaction);
    connection.reply('250 2.1.0 Ok');
  },
  RCPT(connection, args) {
    const match = /^TO:<([^>]*)>/i.exec(args);
    if (match === null || connection.transaction === undefined) return connection.reply('503 5.5.1 Error: need MAIL command');
    connection.transaction.recipients.push(match[1] ?? '');
    connection.reply('250 2.1.5 Ok');
  },
  DATA(connection) {
    if (connection.transaction === undefined || connection.transaction.recipients.length === 0) return connection.reply('554 5.5.1 Error: no valid recipients');
    connection.reply('354 End data with <CR><LF>.<CR><LF>');
    connection.startData();
  },
  RSET(connection) {
    connection.transaction = undefined;
    connection.reply('250 2.0.0 Ok');
  },
  NOOP(connection) {
    connection.reply('250 2.0.0 Ok');
  },
  QUIT(connection) {
    connection.reply('221 2.0.0 Bye');
    connection.socket.end();
  },
};

/**
 * A MAIL handler that answers 451, a temporary failure (RFC 5321 §4.2.5), while `refuse()` says so, and
 * otherwise starts the transaction as usual: for tests of retries and their backoff.
 */
export function refuseMailWhile(refuse: () => boolean): FakeSmtpHandler {
  return (connection, args, line) => {
    if (refuse()) return connection.reply('451 4.3.0 Try again later');
    return DEFAULT_HANDLERS.MAIL?.(connection, args, line);
  };
}

/** Starts a fake SMTP server on 127.0.0.1 with an ephemeral port. Close it in `finally`/`after`. */
export async function startFakeSmtpServer(options: FakeSmtpOptions = {}): Promise<FakeSmtpServer> {
  const sockets = new Set<net.Socket>();
  const onConnection = (socket: net.Socket, encrypted: boolean): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const connection = new FakeSmtpConnection(socket, encrypted, server);
    server.connections.push(connection);
    if (options.greeting !== null) connection.reply(options.greeting ?? '220 fake.test ESMTP');
  };
  const listener =
    options.tls === 'implicit'
      ? tls.createServer({ key: options.certificate?.key, cert: options.certificate?.cert }, (socket) => onConnection(socket, true))
      : net.createServer((socket) => onConnection(socket, false));
  await new Promise<void>((resolve) => listener.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const address = listener.address();
  if (address === null || typeof address === 'string') throw new Error('No port');
  const server: FakeSmtpServer = {
    port: address.port,
    options,
    lines: [],
    transactions: [],
    connections: [],
    async dispatch(connection, line) {
      const space = line.indexOf(' ');
      const verb = (space === -1 ? line : line.slice(0, space)).toUpperCase();
      const args = space === -1 ? '' : line.slice(space + 1);
      const handler = options.handlers?.[verb] ?? DEFAULT_HANDLERS[verb];
      if (handler === undefined) return connection.reply('502 5.5.2 Error: command not recognized');
      await handler(connection, args, line);
    },
    async finishData(connection, data) {
      if (options.onData !== undefined) await options.onData(connection, data);
      else connection.reply('250 2.0.0 Ok: queued as FAKE1');
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    },
  };
  return server;
}
