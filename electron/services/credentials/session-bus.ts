import net from 'node:net';

/**
 * How long the session bus may take to answer the first step of its authentication handshake. A bus
 * that does not answer this makes libsecret wait forever while connecting, and that stuck connection
 * even stops the process from exiting, so keytar is not called at all then.
 */
export const SESSION_BUS_CHECK_TIMEOUT_MS = 1_000;

/** Whether the session bus answered, and if not why; `unknown` when the address is not one we can dial. */
export type SessionBusCheck = { readonly state: 'answered' } | { readonly state: 'unknown' } | { readonly state: 'failed'; readonly reason: string };

/** A socket address taken from a D-Bus address string (D-Bus specification, "Server Addresses"). */
function socketPathOf(address: string): string | undefined {
  for (const candidate of address.split(';')) {
    const [transport, rest = ''] = candidate.split(/:(.*)/s);
    if (transport !== 'unix') continue;
    const keys = new Map(rest.split(',').map((pair) => pair.split(/=(.*)/s) as [string, string]));
    const unescape = (value: string): string => value.replace(/%([0-9A-Fa-f]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    const filePath = keys.get('path');
    if (filePath !== undefined) return unescape(filePath);
    const abstract = keys.get('abstract');
    if (abstract !== undefined) return `\0${unescape(abstract)}`;
  }
  return undefined;
}

/**
 * Dials the session bus named by `address` (DBUS_SESSION_BUS_ADDRESS) and sends the handshake's
 * opening: a NUL byte, then `AUTH` without a mechanism, which every bus must answer with `REJECTED`
 * and its list of mechanisms (D-Bus specification, "Authentication Protocol"). Only unix sockets are
 * dialed; other transports are `unknown` and left to libsecret.
 */
export function checkSessionBus(address: string | undefined, timeoutMs: number = SESSION_BUS_CHECK_TIMEOUT_MS): Promise<SessionBusCheck> {
  if (address === undefined || address === '') return Promise.resolve({ state: 'unknown' });
  const socketPath = socketPathOf(address);
  if (socketPath === undefined) return Promise.resolve({ state: 'unknown' });
  return new Promise((resolve) => {
    let answer = '';
    const socket = net.connect(socketPath);
    const finish = (result: SessionBusCheck): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ state: 'failed', reason: `the session bus did not answer within ${timeoutMs} ms` }), timeoutMs);
    socket.once('connect', () => socket.write('\0AUTH\r\n'));
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (!answer.includes('\r\n')) return;
      finish(answer.startsWith('REJECTED') ? { state: 'answered' } : { state: 'failed', reason: 'the session bus gave an unexpected answer' });
    });
    socket.once('error', (error) => finish({ state: 'failed', reason: `the session bus could not be reached (${error.message})` }));
    socket.once('close', () => finish({ state: 'failed', reason: 'the session bus closed the connection' }));
  });
}
