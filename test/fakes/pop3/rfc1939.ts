/** The RFC 1939 layer of the fake POP3 server: the base commands, with optional response codes. */
import { createHash } from 'node:crypto';
import type { FakePop3Connection, FakePop3Handler } from '../pop3-server';

/** The APOP digest (RFC 1939 §7), for tests that check what the client sent. */
export function apopDigestForTests(timestamp: string, password: string): string {
  return createHash('md5').update(`${timestamp}${password}`).digest('hex');
}

/** `-ERR` with a response code when the server uses them (RFC 2449 §8), plain otherwise. */
export function refuse(connection: FakePop3Connection, code: string, text: string): void {
  connection.send(connection.server.respCodes ? `-ERR [${code}] ${text}` : `-ERR ${text}`);
}

function inTransaction(connection: FakePop3Connection): boolean {
  if (connection.state === 'transaction') return true;
  connection.send('-ERR Not signed in');
  return false;
}

function inAuthorization(connection: FakePop3Connection): boolean {
  if (connection.state === 'authorization') return true;
  connection.send('-ERR Already signed in');
  return false;
}

/** Signs the connection in, unless another session holds the maildrop. */
export function signIn(connection: FakePop3Connection, user: string): void {
  if (!connection.server.lock(connection)) {
    refuse(connection, 'IN-USE', 'Mailbox is locked by another session');
    return;
  }
  connection.user = user;
  connection.state = 'transaction';
  connection.send('+OK Logged in.');
}

function messageArgument(connection: FakePop3Connection, word: string | undefined): number | undefined {
  const messageNumber = Number(word);
  if (word === undefined || !/^\d+$/.test(word) || connection.message(messageNumber) === undefined) {
    connection.send('-ERR No such message');
    return undefined;
  }
  return messageNumber;
}

function liveNumbers(connection: FakePop3Connection): number[] {
  const numbers: number[] = [];
  for (let index = 1; index <= connection.server.messages.length; index += 1) {
    if (!connection.deleted.has(index)) numbers.push(index);
  }
  return numbers;
}

/** RFC 1939 §5–§7 commands. */
export const pop3BaseHandlers: Record<string, FakePop3Handler> = {
  USER(connection, args) {
    if (!inAuthorization(connection)) return;
    connection.pendingUser = args[0];
    connection.send('+OK');
  },
  PASS(connection, _args, line) {
    if (!inAuthorization(connection)) return;
    const user = connection.pendingUser;
    connection.pendingUser = undefined;
    const password = line.slice('PASS '.length);
    if (user === undefined || connection.server.password(user) !== password) {
      refuse(connection, 'AUTH', 'Authentication failed.');
      return;
    }
    signIn(connection, user);
  },
  APOP(connection, args) {
    if (!inAuthorization(connection)) return;
    const [user = '', digest = ''] = args;
    const password = connection.server.password(user);
    if (connection.server.options.apop !== true || password === undefined) {
      refuse(connection, 'AUTH', 'Authentication failed.');
      return;
    }
    if (apopDigestForTests(connection.apopTimestamp, password) !== digest) {
      refuse(connection, 'AUTH', 'Authentication failed.');
      return;
    }
    signIn(connection, user);
  },
  STAT(connection) {
    if (!inTransaction(connection)) return;
    const numbers = liveNumbers(connection);
    const size = numbers.reduce((sum, index) => sum + (connection.message(index)?.size ?? 0), 0);
    connection.send(`+OK ${numbers.length} ${size}`);
  },
  LIST(connection, args) {
    if (!inTransaction(connection)) return;
    if (args[0] !== undefined) {
      const messageNumber = messageArgument(connection, args[0]);
      if (messageNumber !== undefined) connection.send(`+OK ${messageNumber} ${connection.message(messageNumber)?.size ?? 0}`);
      return;
    }
    const numbers = liveNumbers(connection);
    connection.send(`+OK ${numbers.length} messages`);
    connection.sendLines(numbers.map((index) => `${index} ${connection.message(index)?.size ?? 0}`));
  },
  UIDL(connection, args) {
    if (!inTransaction(connection)) return;
    if (args[0] !== undefined) {
      const messageNumber = messageArgument(connection, args[0]);
      if (messageNumber !== undefined) connection.send(`+OK ${messageNumber} ${connection.message(messageNumber)?.uid ?? ''}`);
      return;
    }
    connection.send('+OK');
    connection.sendLines(liveNumbers(connection).map((index) => `${index} ${connection.message(index)?.uid ?? ''}`));
  },
  async TOP(connection, args) {
    if (!inTransaction(connection)) return;
    const messageNumber = messageArgument(connection, args[0]);
    if (messageNumber === undefined) return;
    const message = connection.message(messageNumber);
    if (message === undefined) return;
    connection.send('+OK');
    await connection.sendBody(message, Number(args[1] ?? '0'));
  },
  async RETR(connection, args) {
    if (!inTransaction(connection)) return;
    const messageNumber = messageArgument(connection, args[0]);
    if (messageNumber === undefined) return;
    const message = connection.message(messageNumber);
    if (message === undefined) return;
    connection.send(`+OK ${message.size} octets`);
    await connection.sendBody(message);
  },
  DELE(connection, args) {
    if (!inTransaction(connection)) return;
    const messageNumber = messageArgument(connection, args[0]);
    if (messageNumber === undefined) return;
    connection.deleted.add(messageNumber);
    connection.send(`+OK Message ${messageNumber} deleted`);
  },
  RSET(connection) {
    if (!inTransaction(connection)) return;
    connection.deleted.clear();
    connection.send('+OK');
  },
  NOOP(connection) {
    if (!inTransaction(connection)) return;
    connection.send('+OK');
  },
  QUIT(connection) {
    if (connection.state === 'transaction') connection.server.commit(connection);
    connection.send('+OK Bye');
    connection.server.release(connection);
    connection.end();
  },
};
