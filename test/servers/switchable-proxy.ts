import net from 'node:net';
import { LOOPBACK } from './free-port';

/** A TCP forwarder on a fixed loopback port that can be taken down and brought back, like a server restart. */
export interface SwitchableProxy {
  readonly port: number;
  /** Refuses new connections (the port is closed) and drops the open ones. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Forwards 127.0.0.1:port to `target` unchanged (TLS and STARTTLS pass through), so a test can make a
 * real server unreachable and reachable again without stopping it.
 */
export async function startSwitchableProxy(target: { readonly host: string; readonly port: number }): Promise<SwitchableProxy> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const created = net.createServer((client) => {
        const upstream = net.connect({ host: target.host, port: target.port });
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.pipe(upstream);
        upstream.pipe(client);
      });
      created.once('error', reject);
      created.listen({ host: LOOPBACK, port }, () => {
        const address = created.address();
        if (address === null || typeof address === 'string') return reject(new Error('The proxy has no port'));
        port = address.port;
        server = created;
        resolve();
      });
    });
  const down = (): Promise<void> =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      const current = server;
      server = undefined;
      if (current === undefined) return resolve();
      current.close(() => resolve());
    });
  await listen();
  return {
    get port() {
      return port;
    },
    down,
    up: () => (server === undefined ? listen() : Promise.resolve()),
    close: down,
  };
}
