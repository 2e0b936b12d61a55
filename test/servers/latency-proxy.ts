import net from 'node:net';
import { LOOPBACK } from './free-port';

/** A TCP proxy on 127.0.0.1 that delays everything it forwards. */
export interface LatencyProxy {
  readonly port: number;
  close(): Promise<void>;
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
 * Starts a proxy on a free loopback port that forwards to `target`, adding `oneWayDelayMs` to every
 * chunk in each direction (round trip: twice that), as a distant server would. Timers of equal length
 * fire in order, so bytes stay in order. For measuring what pipelining saves, without leaving 127.0.0.1.
 */
export function startLatencyProxy(target: { readonly host: string; readonly port: number }, oneWayDelayMs: number): Promise<LatencyProxy> {
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
    forwardWithDelay(client, upstream, oneWayDelayMs);
    forwardWithDelay(upstream, client, oneWayDelayMs);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: LOOPBACK, port: 0 }, () => {
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
