import net from 'node:net';
import { LOOPBACK } from './free-port';

/** A TCP proxy on 127.0.0.1 that may rewrite what the server says, line by line. */
export interface TamperingProxy {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Starts a proxy on a free loopback port in front of a real server: client bytes pass unchanged, and
 * each complete line from the server goes through `tamper`, which returns the lines to send in its
 * place (CRLF added), such as the line twice. This lets a real Dovecot stand in for a desynchronised or
 * tampered-with server (the NO STARTTLS class of attacks) without leaving 127.0.0.1.
 */
export function startTamperingProxy(target: { readonly host: string; readonly port: number }, tamper: (line: string) => readonly string[]): Promise<TamperingProxy> {
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
