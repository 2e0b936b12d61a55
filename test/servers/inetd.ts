/**
 * A small inetd for tests: listens on 127.0.0.1 and runs a server program once per connection with
 * the connection as its standard input and output, as inetd would. Many POP3 and SMTP servers Debian
 * ships (popa3d, Solid POP3, GNU Mailutils with `--inetd`, `exim -bs`) are made to be started that
 * way, so one listener serves them all without a system inetd or any fixed port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { LOOPBACK } from './free-port';

/** How long a connection's server may take to end after the listener closes before it is killed. */
const STOP_GRACE_MS = 2_000;

/** A running listener. */
export interface InetdListener {
  readonly host: string;
  readonly port: number;
  /** Every line the per-connection servers wrote to stderr (for failing assertions). */
  stderr(): string;
  /** Stops listening and ends every server still running. */
  close(): Promise<void>;
}

/** Starts listening on a free loopback port; each connection runs `command args`. */
export async function startInetd(command: string, args: readonly string[], environment: NodeJS.ProcessEnv = process.env): Promise<InetdListener> {
  const children = new Set<ChildProcess>();
  let log = '';
  const server = net.createServer({ pauseOnConnect: true }, (socket) => {
    const child = spawn(command, [...args], { stdio: [socket, socket, 'pipe'], env: environment, detached: true });
    children.add(child);
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
    child.once('error', (error) => {
      log += `${String(error)}\n`;
      socket.destroy();
    });
    child.once('exit', () => {
      children.delete(child);
      socket.destroy();
    });
    // The child has its own copy of the descriptor; this process keeps none open.
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The test inetd has no port');
  return {
    host: LOOPBACK,
    port: address.port,
    stderr: () => log,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      const waits = [...children].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => {
              if (child.pid !== undefined) {
                try {
                  process.kill(-child.pid, 'SIGKILL');
                } catch {
                  // Gone already.
                }
              }
            }, STOP_GRACE_MS);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            if (child.pid !== undefined) {
              try {
                process.kill(-child.pid, 'SIGTERM');
              } catch {
                resolve();
              }
            }
          }),
      );
      await Promise.all(waits);
    },
  };
}
