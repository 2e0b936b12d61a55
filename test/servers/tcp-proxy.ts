import net from 'node:net';
import { LOOPBACK } from './free-port';

/**
 * TCP proxies on 127.0.0.1 in front of a real server, for what a loopback server cannot show by itself:
 * the latency of a distant server, or a server whose answers are tampered with on the way.
 */

/** A running proxy: the loopback port clients connect to. */
export interface TcpProxy {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Starts a proxy on a free loopback port that connects each client to `target` and lets `forward`
 * carry the bytes between the two sockets. An error on either side ends both; close() ends every
 * connection and the listener.
 */
function startTcpProxy(
  target: { readonly host: string; readonly port: number },
  forward: (client: net.Socket, upstream: net.Socket) => void,
  port = 0,
): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect({ host: target.host, port: target.port });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.setNoDelay(true);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    forward(client, upstream);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: LOOPBACK, port }, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        reject(new Error('The proxy has no port'));
        return;
      }
      resolve({
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

function forwardWithDelay(source: net.Socket, destination: net.Socket, delayMs: number): void {
  let pending = 0;
  let waiting = false;
  source.on('data', (chunk: Buffer) => {
    pending += 1;
    setTimeout(() => {
      pending -= 1;
      if (destination.destroyed) return;
      // Backpressure: stop reading while the other side is not taking data.
      if (!destination.write(chunk) && !waiting) {
        waiting = true;
        source.pause();
        destination.once('drain', () => {
          waiting = false;
          source.resume();
        });
      }
      if (pending === 0 && source.readableEnded) destination.end();
    }, delayMs);
  });
  source.on('end', () => {
    if (pending === 0) setTimeout(() => destination.end(), delayMs);
  });
}

/**
 * Starts a proxy that forwards to `target`, adding `oneWayDelayMs` to every chunk in each direction
 * (round trip: twice that), as a distant server would. Timers of equal length fire in order, so bytes
 * stay in order. For measuring what pipelining saves, without leaving 127.0.0.1.
 */
export function startLatencyProxy(target: { readonly host: string; readonly port: number }, oneWayDelayMs: number): Promise<TcpProxy> {
  return startTcpProxy(target, (client, upstream) => {
    forwardWithDelay(client, upstream, oneWayDelayMs);
    forwardWithDelay(upstream, client, oneWayDelayMs);
  });
}

/**
 * Starts a proxy in front of a real server: client bytes pass unchanged, and each complete line from
 * the server goes through `tamper`, which returns the lines to send in its place (CRLF added), such as
 * the line twice. This lets a real Dovecot stand in for a desynchronised or tampered-with server (the
 * NO STARTTLS class of attacks) without leaving 127.0.0.1.
 */
export function startTamperingProxy(target: { readonly host: string; readonly port: number }, tamper: (line: string) => readonly string[]): Promise<TcpProxy> {
  return startTcpProxy(target, (client, upstream) => {
    client.pipe(upstream);
    let partial = '';
    upstream.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString('latin1')).split('\r\n');
      partial = lines.pop() ?? '';
      const out = lines.flatMap((line) => tamper(line).map((each) => `${each}\r\n`)).join('');
      if (out !== '' && !client.destroyed) client.write(Buffer.from(out, 'latin1'));
    });
    upstream.on('end', () => {
      if (partial !== '' && !client.destroyed) client.write(Buffer.from(partial, 'latin1'));
      client.end();
    });
  });
}

/**
 * Starts a proxy on a fixed loopback port that forwards to `target` unchanged: a server where a
 * program's settings insist on a port (Eudora.ini names no port, so POP3 over TLS is 995). Binding a
 * port below 1024 needs root, as the tests run.
 */
export function startPortProxy(target: { readonly host: string; readonly port: number }, port: number): Promise<TcpProxy> {
  return startTcpProxy(
    target,
    (client, upstream) => {
      client.pipe(upstream);
      upstream.pipe(client);
    },
    port,
  );
}
