/** The RFC 2449 layer of the fake POP3 server: CAPA, plus STLS (RFC 2595) and UTF8 (RFC 6856). */
import type { FakePop3Handler } from '../pop3-server';

/** CAPA, STLS and UTF8. */
export const pop3CapaHandlers: Record<string, FakePop3Handler> = {
  CAPA(connection) {
    connection.send('+OK Capability list follows');
    connection.sendLines(connection.server.capabilitiesFor(connection));
  },
  async STLS(connection) {
    if (connection.server.options.tls === undefined || connection.secure || connection.state !== 'authorization') {
      connection.send('-ERR STLS not available');
      return;
    }
    connection.send('+OK Begin TLS negotiation');
    await connection.startTls();
  },
  UTF8(connection) {
    if (connection.server.options.utf8 !== true || connection.state === 'closed') {
      connection.send('-ERR UTF8 not available');
      return;
    }
    connection.utf8 = true;
    connection.send('+OK UTF8 enabled');
  },
};
