import net from 'node:net';
import tls from 'node:tls';
import { LOOPBACK } from '../servers/free-port';

/** Options of {@link startGreetingServer}. */
export interface GreetingServerOptions {
  readonly protocol: 'pop3' | 'smtp';
  /** Key and certificate (PEM) for implicit TLS or STARTTLS. */
  readonly tls?: { readonly key: string; readonly cert: string };
  /** TLS from the first byte (ports 995 / 465). */
  readonly implicitTls?: boolean;
  /** Offer STLS / STARTTLS (needs `tls`). */
  readonly starttls?: boolean;
  /** Accept connections but never say anything. */
  readonly silent?: boolean;
}

/** A running fake, with every command line it received. */
export interface GreetingServer {
  readonly port: number;
  readonly commands: string[];
  close(): Promise<void>;
}

/**
 * A tiny POP3 or SMTP server on 127.0.0.1 that speaks just enough for discovery probes: greeting,
 * CAPA / EHLO, STLS / STARTTLS and QUIT.
 */
export async function startGreetingServer(options: GreetingServerOptions): Promise<GreetingServer> {
  const commands: string[] = [];
  const sockets = new Set<net.Socket>();
  const converse = (socket: net.Socket, secure: boolean): void => {
    const pop3 = options.protocol === 'pop3';
    const offerUpgrade = options.starttls === true && !secure;
    let buffer = '';
    const onData = (chunk: Buffer): void => {
      buffer += chunk.toString('latin1');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) !== -1) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        commands.push(line);
        const verb = line.split(' ')[0]?.toUpperCase();
        if (pop3 && verb === 'CAPA') socket.write(`+OK\r\nUIDL\r\nTOP\r\n${offerUpgrade ? 'STLS\r\n' : ''}.\r\n`);
        else if (!pop3 && verb === 'EHLO') socket.write(`250-fake.test\r\n250-SIZE 1000000\r\n${offerUpgrade ? '250-STARTTLS\r\n' : ''}250 8BITMIME\r\n`);
        else if ((verb === 'STLS' || verb === 'STARTTLS') && offerUpgrade && options.tls !== undefined) {
          socket.write(pop3 ? '+OK begin TLS\r\n' : '220 go ahead\r\n');
          socket.off('data', onData);
          const upgraded = new tls.TLSSocket(socket, { isServer: true, key: options.tls.key, cert: options.tls.cert });
          upgraded.on('error', () => socket.destroy());
          converse(upgraded, true);
          return;
        } else if (verb === 'QUIT') socket.end(pop3 ? '+OK bye\r\n' : '221 bye\r\n');
        else socket.write(pop3 ? '-ERR unknown\r\n' : '502 unknown\r\n');
      }
    };
    socket.on('data', onData);
  };
  const greet = (socket: net.Socket): void => {
    socket.write(options.protocol === 'pop3' ? '+OK fake POP3 ready\r\n' : '220 fake.test ESMTP ready\r\n');
  };
  const onConnection = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    if (options.silent === true) return;
    greet(socket);
    converse(socket, options.implicitTls === true);
  };
  const server =
    options.implicitTls === true && options.tls !== undefined
      ? tls.createServer({ key: options.tls.key, cert: options.tls.cert }, onConnection)
      : net.createServer(onConnection);
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    commands,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
