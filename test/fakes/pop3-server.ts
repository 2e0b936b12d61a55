/**
 * A scriptable POP3 server for tests, on 127.0.0.1 port 0. It is layered by RFC, like the protocol:
 * RFC 1939 (USER/PASS, APOP, STAT, LIST, UIDL, TOP, RETR, DELE, RSET, NOOP, QUIT), then RFC 2449
 * (CAPA and response codes), then RFC 5034 (AUTH with SASL), plus STLS (RFC 2595) and UTF8 (RFC 6856).
 * A test picks a layer and overrides single commands with `handle(verb, handler)` to inject faults;
 * the connection object gives handlers raw access (`sendRaw`, `destroy`, `startTls`, `readLine`).
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import net from 'node:net';
import tls from 'node:tls';
import { apopDigestForTests, pop3BaseHandlers } from './pop3/rfc1939';
import { pop3CapaHandlers } from './pop3/rfc2449';
import { pop3SaslHandlers } from './pop3/rfc5034';
import { FAKE_SASL_MECHANISMS, type SaslFaults } from './pop3/sasl-server';

export { apopDigestForTests };

/** A message in the fake maildrop: bytes as stored (CRLF line endings), or a generator for huge ones. */
export type FakeMessageInput =
  { readonly uid: string; readonly body: Buffer | string } | { readonly uid: string; readonly size: number; readonly generate: () => AsyncIterable<Buffer> };

/** A message as the server holds it. */
export interface FakeMessage {
  readonly uid: string;
  readonly size: number;
  chunks(): AsyncIterable<Buffer>;
}

/** The RFC layers the fake can speak. */
export type FakePop3Layer = 'rfc1939' | 'rfc2449' | 'rfc5034';

/** How the fake behaves; every field has a sensible default. */
export interface FakePop3ServerOptions {
  readonly layer?: FakePop3Layer;
  /** user name → password */
  readonly users?: Readonly<Record<string, string>>;
  /** user name → OAuth token */
  readonly tokens?: Readonly<Record<string, string>>;
  readonly messages?: readonly FakeMessageInput[];
  /** Certificate and key (PEM); enables STLS, or implicit TLS with `implicitTls`. */
  readonly tls?: { readonly key: string; readonly cert: string };
  readonly implicitTls?: boolean;
  /** The whole greeting line; by default `+OK` with an APOP timestamp when `apop` is set. */
  readonly greeting?: string;
  readonly apop?: boolean;
  /** Announce PIPELINING (default true from RFC 2449 on). */
  readonly pipelining?: boolean;
  /** Announce and use response codes (default true from RFC 2449 on). */
  readonly respCodes?: boolean;
  readonly saslMechanisms?: readonly string[];
  readonly utf8?: boolean;
  /** Rewrites the CAPA listing per connection (for example to differ before and after TLS). */
  readonly capabilities?: (defaults: string[], connection: FakePop3Connection) => string[];
  readonly saslFaults?: SaslFaults;
}

/** A command handler: gets the connection, the arguments, and the raw line. */
export type FakePop3Handler = (connection: FakePop3Connection, args: string[], line: string) => void | Promise<void>;

const DOT = Buffer.from('.');

/** The header and the first `maxLines` body lines of a message (RFC 1939 §7, TOP). */
async function* topOf(message: FakeMessage, maxLines: number): AsyncIterable<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of message.chunks()) chunks.push(chunk);
  const whole = Buffer.concat(chunks);
  const separator = whole.indexOf('\r\n\r\n');
  if (separator === -1) {
    yield whole;
    return;
  }
  let end = separator + 4;
  for (let line = 0; line < maxLines && end < whole.length; line += 1) {
    const newline = whole.indexOf(0x0a, end);
    end = newline === -1 ? whole.length : newline + 1;
  }
  yield whole.subarray(0, end);
}

function toMessage(input: FakeMessageInput): FakeMessage {
  if ('body' in input) {
    const bytes = typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : input.body;
    return {
      uid: input.uid,
      size: bytes.length,
      async *chunks() {
        yield bytes;
      },
    };
  }
  return { uid: input.uid, size: input.size, chunks: input.generate };
}

/** One client connection to the fake. */
export class FakePop3Connection {
  state: 'authorization' | 'transaction' | 'closed' = 'authorization';
  /** USER given, PASS pending. */
  pendingUser: string | undefined;
  user: string | undefined;
  secure = false;
  /** Whether the client sent UTF8 (RFC 6856) on this connection. */
  utf8 = false;
  /** Every line received from the client, raw (secrets included: this is a test server). */
  readonly received: string[] = [];
  /** Message numbers marked for deletion. */
  readonly deleted = new Set<number>();
  /** The most complete client lines that were waiting at once (evidence of pipelining). */
  maxQueuedLines = 0;
  /** The most unprocessed bytes that were buffered at once. */
  maxQueuedBytes = 0;
  readonly apopTimestamp: string;
  private socket: net.Socket | tls.TLSSocket;
  private buffer = '';
  private readonly lines: string[] = [];
  private waiter: ((line: string | undefined) => void) | undefined;
  private ended = false;

  constructor(
    readonly server: FakePop3Server,
    socket: net.Socket,
  ) {
    this.socket = socket;
    this.apopTimestamp = `<${process.pid}.${randomBytes(6).toString('hex')}@fake.invalid>`;
    this.attach(socket);
  }

  /** Whether the client has gone (its socket ended or closed). */
  get clientGone(): boolean {
    return this.ended;
  }

  /** The fake's messages as this connection sees them (1-based; deleted ones are undefined). */
  message(messageNumber: number): FakeMessage | undefined {
    if (this.deleted.has(messageNumber)) return undefined;
    return this.server.messages[messageNumber - 1];
  }

  /** Sends one line, CRLF added. */
  send(line: string): void {
    if (!this.socket.destroyed) this.socket.write(`${line}\r\n`);
  }

  /** Sends bytes exactly as given (faults: partial lines, injected data). */
  sendRaw(data: Buffer | string): void {
    if (!this.socket.destroyed) this.socket.write(data);
  }

  /**
   * Runs `write` with the socket corked, so that everything it sends leaves in one write: a fault such
   * as an extra status line then reaches the client together with the real answer, however loaded the
   * machine is, instead of in a later segment that no client could tell from the next answer.
   */
  async inOneWrite(write: () => unknown): Promise<void> {
    const socket = this.socket;
    socket.cork();
    try {
      await write();
    } finally {
      socket.uncork();
    }
  }

  /** Sends a multi-line response's lines, dot-stuffed, and the terminator (RFC 1939 §3). */
  sendLines(lines: readonly string[]): void {
    this.sendRaw(lines.map((line) => `${line.startsWith('.') ? '.' : ''}${line}\r\n`).join('') + '.\r\n');
  }

  /**
   * Streams a message body dot-stuffed, then the terminator, honouring socket backpressure.
   * With `maxLines`, sends only the header and that many body lines (TOP; small messages only).
   */
  async sendBody(message: FakeMessage, maxLines?: number): Promise<void> {
    let atLineStart = true;
    let lastByte = 0x0a;
    const source = maxLines === undefined ? message.chunks() : topOf(message, maxLines);
    for await (const chunk of source) {
      if (chunk.length === 0) continue;
      const parts: Buffer[] = [];
      let start = 0;
      if (atLineStart && chunk[0] === 0x2e) parts.push(DOT);
      for (let newline = chunk.indexOf(0x0a); newline !== -1 && newline + 1 < chunk.length; newline = chunk.indexOf(0x0a, newline + 1)) {
        if (chunk[newline + 1] === 0x2e) {
          parts.push(chunk.subarray(start, newline + 1), DOT);
          start = newline + 1;
        }
      }
      parts.push(chunk.subarray(start));
      lastByte = chunk[chunk.length - 1] ?? lastByte;
      atLineStart = lastByte === 0x0a;
      if (this.socket.destroyed) return;
      if (!this.socket.write(Buffer.concat(parts))) await once(this.socket, 'drain');
    }
    this.sendRaw(lastByte === 0x0a ? '.\r\n' : '\r\n.\r\n');
  }

  /** The next line from the client (for multi-step exchanges such as SASL), or undefined at the end. */
  readLine(): Promise<string | undefined> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.ended) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  /** Switches to TLS as a server (after `+OK` to STLS, or at once for implicit TLS). Pending input is dropped. */
  async startTls(): Promise<void> {
    const options = this.server.options.tls;
    if (options === undefined) throw new Error('The fake has no certificate configured.');
    this.detach(this.socket);
    this.buffer = '';
    this.lines.length = 0;
    const secure = new tls.TLSSocket(this.socket, {
      isServer: true,
      secureContext: tls.createSecureContext({ key: options.key, cert: options.cert }),
    });
    this.socket = secure;
    this.attach(secure);
    await Promise.race([once(secure, 'secure'), once(secure, 'close')]);
    this.secure = !secure.destroyed;
  }

  /** Closes gracefully. */
  end(): void {
    this.socket.end();
  }

  /** Drops the connection abruptly. */
  destroy(): void {
    this.socket.destroy();
  }

  /** Serves this connection until the client leaves. */
  async serve(): Promise<void> {
    if (this.server.options.implicitTls === true) {
      await this.startTls();
      if (!this.secure) return;
    }
    this.send(this.server.greetingFor(this));
    for (;;) {
      const line = await this.readLine();
      if (line === undefined) break;
      const [verb = '', ...args] = line.split(' ');
      const handler = this.server.handlerFor(verb.toUpperCase());
      if (handler === undefined) {
        this.send('-ERR Unknown command');
        continue;
      }
      try {
        await handler(this, args, line);
      } catch (error) {
        this.send(`-ERR [SYS/TEMP] Internal error: ${(error as Error).message}`);
      }
      if (this.state === 'closed') break;
    }
    this.server.release(this);
  }

  private readonly onData = (chunk: Buffer): void => {
    this.buffer += chunk.toString('latin1');
    for (;;) {
      const end = this.buffer.indexOf('\n');
      if (end === -1) break;
      const line = this.buffer.slice(0, end).replace(/\r$/, '');
      this.buffer = this.buffer.slice(end + 1);
      this.received.push(line);
      this.lines.push(line);
    }
    this.maxQueuedLines = Math.max(this.maxQueuedLines, this.lines.length);
    const queuedBytes = this.lines.reduce((sum, line) => sum + line.length + 2, 0);
    this.maxQueuedBytes = Math.max(this.maxQueuedBytes, queuedBytes);
    this.wake();
  };

  private readonly onEnd = (): void => {
    this.ended = true;
    this.wake();
  };

  private wake(): void {
    if (this.waiter === undefined) return;
    const line = this.lines.shift();
    if (line === undefined && !this.ended) return;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter(line);
  }

  private attach(socket: net.Socket): void {
    socket.on('data', this.onData);
    socket.on('end', this.onEnd);
    socket.on('close', this.onEnd);
    socket.on('error', () => undefined);
  }

  private detach(socket: net.Socket): void {
    socket.off('data', this.onData);
    socket.off('end', this.onEnd);
    socket.off('close', this.onEnd);
  }
}

/** The fake server. Start with `FakePop3Server.start(options)`, stop with `close()`. */
export class FakePop3Server {
  readonly options: FakePop3ServerOptions;
  /** The maildrop; QUIT in the TRANSACTION state removes deleted messages from it. */
  messages: FakeMessage[];
  /** Every connection accepted, in order. */
  readonly connections: FakePop3Connection[] = [];
  private readonly handlers = new Map<string, FakePop3Handler>();
  private readonly sockets = new Set<net.Socket>();
  private lockHolder: FakePop3Connection | undefined;
  private readonly listener: net.Server;

  private constructor(options: FakePop3ServerOptions) {
    this.options = options;
    this.messages = (options.messages ?? []).map(toMessage);
    const layer = options.layer ?? 'rfc5034';
    for (const [verb, handler] of Object.entries(pop3BaseHandlers)) this.handlers.set(verb, handler);
    if (layer !== 'rfc1939') for (const [verb, handler] of Object.entries(pop3CapaHandlers)) this.handlers.set(verb, handler);
    if (layer === 'rfc5034') for (const [verb, handler] of Object.entries(pop3SaslHandlers)) this.handlers.set(verb, handler);
    this.listener = net.createServer((socket) => {
      socket.setNoDelay(true);
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      const connection = new FakePop3Connection(this, socket);
      this.connections.push(connection);
      void connection.serve();
    });
  }

  /** Starts listening on 127.0.0.1, on a free port. */
  static async start(options: FakePop3ServerOptions = {}): Promise<FakePop3Server> {
    const server = new FakePop3Server(options);
    server.listener.listen(0, '127.0.0.1');
    await once(server.listener, 'listening');
    return server;
  }

  get host(): string {
    return '127.0.0.1';
  }

  get port(): number {
    const address = this.listener.address();
    if (address === null || typeof address === 'string') throw new Error('Not listening.');
    return address.port;
  }

  get layer(): FakePop3Layer {
    return this.options.layer ?? 'rfc5034';
  }

  /** Whether response codes are used (RFC 2449 §8). */
  get respCodes(): boolean {
    return this.layer !== 'rfc1939' && this.options.respCodes !== false;
  }

  /** Replaces (or adds) the handler of one command. */
  handle(verb: string, handler: FakePop3Handler): void {
    this.handlers.set(verb.toUpperCase(), handler);
  }

  /** Removes a command, so it is answered `-ERR Unknown command`. */
  remove(verb: string): void {
    this.handlers.delete(verb.toUpperCase());
  }

  handlerFor(verb: string): FakePop3Handler | undefined {
    return this.handlers.get(verb);
  }

  greetingFor(connection: FakePop3Connection): string {
    if (this.options.greeting !== undefined) return this.options.greeting;
    return this.options.apop === true ? `+OK Fake POP3 ready ${connection.apopTimestamp}` : '+OK Fake POP3 ready';
  }

  /** The CAPA listing for a connection (RFC 2449 §5). */
  capabilitiesFor(connection: FakePop3Connection): string[] {
    const lines = ['TOP', 'UIDL', 'USER'];
    if (this.respCodes) lines.push('RESP-CODES', 'AUTH-RESP-CODE');
    if (this.options.pipelining !== false) lines.push('PIPELINING');
    if (this.layer === 'rfc5034') lines.push(['SASL', ...(this.options.saslMechanisms ?? FAKE_SASL_MECHANISMS)].join(' '));
    if (this.options.tls !== undefined && this.options.implicitTls !== true && !connection.secure) lines.push('STLS');
    if (this.options.utf8 === true) lines.push('UTF8');
    if (connection.state === 'transaction') lines.push('EXPIRE NEVER', 'LOGIN-DELAY 0');
    lines.push('IMPLEMENTATION Mailbag-Fake');
    return this.options.capabilities?.(lines, connection) ?? lines;
  }

  password(username: string): string | undefined {
    return this.options.users?.[username];
  }

  token(username: string): string | undefined {
    return this.options.tokens?.[username];
  }

  /** Takes the maildrop lock (RFC 1939 §4); false when another session holds it. */
  lock(connection: FakePop3Connection): boolean {
    if (this.lockHolder !== undefined && this.lockHolder !== connection && this.lockHolder.state === 'transaction') {
      return false;
    }
    this.lockHolder = connection;
    return true;
  }

  /** Ends a connection's hold on the maildrop. */
  release(connection: FakePop3Connection): void {
    if (this.lockHolder === connection) this.lockHolder = undefined;
    connection.state = 'closed';
  }

  /** Commits a session's deletions (the UPDATE state, RFC 1939 §6). */
  commit(connection: FakePop3Connection): void {
    this.messages = this.messages.filter((_message, index) => !connection.deleted.has(index + 1));
    connection.deleted.clear();
  }

  /** Stops listening and drops every connection. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.listener.close();
    await once(this.listener, 'close').catch(() => undefined);
  }
}
