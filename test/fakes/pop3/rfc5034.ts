/** The RFC 5034 layer of the fake POP3 server: AUTH with the SASL mechanisms of `sasl-server.ts`. */
import type { FakePop3Handler } from '../pop3-server';
import { refuse, signIn } from './rfc1939';
import { FAKE_SASL_MECHANISMS, runServerMechanism } from './sasl-server';

/** AUTH mechanism [initial-response] (RFC 5034 §4). */
export const pop3SaslHandlers: Record<string, FakePop3Handler> = {
  async AUTH(connection, args) {
    if (connection.state !== 'authorization') {
      connection.send('-ERR Already signed in');
      return;
    }
    const mechanism = (args[0] ?? '').toUpperCase();
    const offered = connection.server.options.saslMechanisms ?? FAKE_SASL_MECHANISMS;
    if (!offered.includes(mechanism)) {
      connection.send('-ERR Unsupported authentication mechanism');
      return;
    }
    const initialWord = args[1];
    const initial = initialWord === undefined ? undefined : initialWord === '=' ? Buffer.alloc(0) : Buffer.from(initialWord, 'base64');
    const outcome = await runServerMechanism(
      mechanism,
      initial,
      {
        async ask(challenge) {
          connection.send(`+ ${Buffer.from(challenge).toString('base64')}`.trimEnd());
          const line = await connection.readLine();
          if (line === undefined || line === '*') return undefined;
          return Buffer.from(line, 'base64');
        },
      },
      { password: (user) => connection.server.password(user), token: (user) => connection.server.token(user) },
      connection.server.options.saslFaults ?? {},
    );
    if (outcome.ok) {
      signIn(connection, outcome.username);
      return;
    }
    switch (outcome.reason) {
      case 'cancelled':
        connection.send('-ERR Authentication cancelled');
        return;
      case 'credentials':
        refuse(connection, 'AUTH', 'Authentication failed.');
        return;
      case 'malformed':
        connection.send('-ERR Malformed authentication');
        return;
    }
  },
};
