import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { MAX_WIRE_MESSAGE_BYTES, type WireMessage } from '../../shared/ipc/wire';
import type { Registry } from '../ipc/registry';
import type { EventHub } from '../services/events';
import { describeError, type Logger } from '../services/logger';
import { appContentSecurityPolicy } from '../static/csp';
import { readStaticFile } from '../static/static-files';

/** The only address the browser bridge listens on: it must never be reachable from another machine. */
export const BRIDGE_HOST = '127.0.0.1';

/** Path of the WebSocket endpoint. */
export const SOCKET_PATH = '/ws';

/** Bytes of randomness in the access token. */
const TOKEN_BYTES = 32;

/** What the bridge serves. */
export interface WebBridgeOptions {
  readonly registry: Registry;
  readonly events: EventHub;
  readonly rendererDir: string;
  readonly logger: Logger;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Fixed token (tests); a random one otherwise. */
  readonly token?: string;
}

/** A running browser bridge. */
export interface WebBridge {
  /** The address to open, token included. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const requestSchema = z.strictObject({
  id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  operation: z.string().max(128),
  input: z.unknown().optional(),
});

function sameSecret(given: string | null | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/**
 * Starts the browser bridge: serves the built renderer on 127.0.0.1 and carries the IPC contract over a
 * WebSocket, through the same handler registry as the Electron app. The page requires the random token
 * from the printed URL (then a same-site cookie for its assets); the socket requires the token and an
 * Origin of this very server. Host headers are checked too, so DNS rebinding cannot reach it.
 */
export async function startWebBridge(options: WebBridgeOptions): Promise<WebBridge> {
  const token = options.token ?? randomBytes(TOKEN_BYTES).toString('base64url');
  const { registry, events, logger } = options;
  let port = 0;
  const cookieName = () => `mailbag-session-${port}`;
  const allowedHosts = () => [`${BRIDGE_HOST}:${port}`, `localhost:${port}`];
  const allowedOrigins = () => allowedHosts().map((host) => `http://${host}`);

  function refuse(response: ServerResponse, status: number, text: string): void {
    response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    response.end(`${text}\n`);
  }

  async function handleRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!allowedHosts().includes(request.headers.host ?? '')) return refuse(response, 421, 'Unknown host.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Method not allowed.');
    const url = new URL(request.url ?? '/', `http://${BRIDGE_HOST}:${port}`);
    const isPage = url.pathname === '/' || url.pathname === '/index.html';
    const authorized = isPage ? sameSecret(url.searchParams.get('token'), token) : sameSecret(cookieValue(request.headers.cookie, cookieName()), token);
    if (!authorized) {
      return refuse(response, 403, 'Open the full address that `npm run web` printed, including its token.');
    }
    const file = await readStaticFile(options.rendererDir, isPage ? '/index.html' : url.pathname);
    if (file === null) return refuse(response, 404, 'Not found.');
    const headers: Record<string, string> = {
      'content-type': file.contentType,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    };
    if (isPage) {
      headers['content-security-policy'] = appContentSecurityPolicy(allowedHosts().map((host) => `ws://${host}`));
      headers['cache-control'] = 'no-store';
      headers['x-frame-options'] = 'DENY';
      headers['set-cookie'] = `${cookieName()}=${token}; Path=/; HttpOnly; SameSite=Strict`;
    }
    response.writeHead(200, headers);
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  const server = createServer((request, response) => {
    handleRequest(request, response).catch((error: unknown) => {
      logger.error('bridge request failed', { error: describeError(error) });
      if (!response.headersSent) refuse(response, 500, 'Internal error.');
      else response.destroy();
    });
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_WIRE_MESSAGE_BYTES });

  function rejectUpgrade(socket: Duplex, status: string): void {
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', `http://${BRIDGE_HOST}:${port}`);
    if (url.pathname !== SOCKET_PATH) return rejectUpgrade(socket, '404 Not Found');
    if (!allowedHosts().includes(request.headers.host ?? '')) return rejectUpgrade(socket, '421 Misdirected Request');
    if (!allowedOrigins().includes(request.headers.origin ?? '')) return rejectUpgrade(socket, '403 Forbidden');
    if (!sameSecret(url.searchParams.get('token'), token)) return rejectUpgrade(socket, '403 Forbidden');
    sockets.handleUpgrade(request, socket, head, (client) => serveClient(client));
  });

  function send(client: WebSocket, message: WireMessage): void {
    if (client.readyState === client.OPEN) client.send(JSON.stringify(message));
  }

  function serveClient(client: WebSocket): void {
    const unsubscribe = events.subscribe((name, payload) => send(client, { kind: 'event', name, payload }));
    client.on('close', unsubscribe);
    client.on('error', (error) => logger.warn('bridge socket error', { error: describeError(error) }));
    client.on('message', (data, isBinary) => {
      if (isBinary) return client.close(1003, 'Binary messages are not accepted.');
      let parsed: unknown;
      try {
        parsed = JSON.parse(data.toString());
      } catch {
        return client.close(1007, 'Malformed message.');
      }
      const request = requestSchema.safeParse(parsed);
      if (!request.success) return client.close(1007, 'Malformed request.');
      const { id, operation, input } = request.data;
      void registry.dispatch(operation, input, { transport: 'web' }).then((result) => {
        send(client, { kind: 'result', id, result });
      });
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, BRIDGE_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${BRIDGE_HOST}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
