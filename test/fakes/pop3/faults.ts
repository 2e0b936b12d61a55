/**
 * Ready-made faults for the fake POP3 server, each a one-line override of a single command, so tests
 * (here and in the Send/Receive service) read like the failure they guard against.
 */
import type { FakePop3Server } from '../pop3-server';

/** Answers `verb` with a fixed line, such as `-ERR [IN-USE] Locked` for PASS. */
export function answerWith(server: FakePop3Server, verb: string, line: string): void {
  server.handle(verb, (connection) => connection.send(line));
}

/** RETR of `messageNumber` (or any) sends `+OK`, part of a message, then drops the connection. */
export function dropMidRetr(server: FakePop3Server, messageNumber?: number): void {
  const original = server.handlerFor('RETR');
  server.handle('RETR', async (connection, args, line) => {
    if (messageNumber !== undefined && args[0] !== String(messageNumber)) return original?.(connection, args, line);
    connection.send('+OK');
    connection.sendRaw('From: someone@example.org\r\nSubject: cut off in the mid');
    setTimeout(() => connection.destroy(), 10);
  });
}

/** `verb` gets `+OK` and the start of a body, then nothing ever again. */
export function stallAfterOk(server: FakePop3Server, verb: string): void {
  server.handle(verb, (connection) => {
    connection.send('+OK');
    connection.sendRaw('From: someone@example.org\r\n');
  });
}

/** `verb` gets no answer at all. */
export function neverAnswer(server: FakePop3Server, verb: string): void {
  server.handle(verb, () => undefined);
}

/** `verb` is answered by one line of `bytes` octets without a line ending (default 10 MB). */
export function hugeLine(server: FakePop3Server, verb: string, bytes = 10 * 1024 * 1024): void {
  server.handle(verb, (connection) => connection.sendRaw(Buffer.alloc(bytes, 0x61)));
}

/**
 * STLS is answered with `+OK` and an injected extra response in the same segment, before the TLS
 * handshake (the STARTTLS command injection class of attack).
 */
export function injectAfterStls(server: FakePop3Server, injected = '+OK injected before the handshake'): void {
  server.handle('STLS', async (connection) => {
    connection.sendRaw(`+OK Begin TLS\r\n${injected}\r\n`);
    await connection.startTls();
  });
}

/** `verb` gets its answer, then `extra` a moment later, unasked. */
export function unsolicitedAfter(server: FakePop3Server, verb: string, extra = '+OK surprise'): void {
  const original = server.handlerFor(verb);
  server.handle(verb, async (connection, args, line) => {
    await original?.(connection, args, line);
    setTimeout(() => connection.send(extra), 20);
  });
}

/**
 * `verb` (for the message `messageNumber`, or any) is answered with an extra `+OK` line before its
 * real answer, in the same segment: a desynchronised or hostile server.
 */
export function doubleAnswer(server: FakePop3Server, verb: string, messageNumber?: string): void {
  const original = server.handlerFor(verb);
  server.handle(verb, async (connection, args, line) => {
    if (messageNumber !== undefined && args[0] !== messageNumber) return original?.(connection, args, line);
    await connection.inOneWrite(async () => {
      connection.sendRaw('+OK\r\n');
      await original?.(connection, args, line);
    });
  });
}

/**
 * The whole-mailbox listing of `verb` (UIDL or LIST without argument) is rewritten line by line before
 * it is sent: bad unique-ids, impossible sizes, numbers only one listing mentions.
 */
export function rewriteListing(server: FakePop3Server, verb: 'UIDL' | 'LIST', rewrite: (lines: string[]) => string[]): void {
  const original = server.handlerFor(verb);
  server.handle(verb, async (connection, args, line) => {
    if (args.length > 0 || connection.state !== 'transaction') return original?.(connection, args, line);
    const lines = connection.server.messages.map((message, index) => (verb === 'UIDL' ? `${index + 1} ${message.uid}` : `${index + 1} ${message.size}`));
    connection.send('+OK');
    connection.sendLines(rewrite(lines));
  });
}

/**
 * RETR of `messageNumber` answers `+OK`, then trickles the message one byte every `intervalMs`: never
 * silent long enough for an idle timeout, far too slow to ever finish.
 */
export function trickleRetr(server: FakePop3Server, messageNumber: number, intervalMs: number): void {
  const original = server.handlerFor('RETR');
  server.handle('RETR', async (connection, args, line) => {
    if (args[0] !== String(messageNumber)) return original?.(connection, args, line);
    connection.send('+OK');
    const bytes = Buffer.from('From: slow@example.org\r\nSubject: one byte at a time\r\n\r\n'.padEnd(3_000, 'x'));
    for (let index = 0; index < bytes.length && !connection.clientGone; index += 1) {
      connection.sendRaw(bytes.subarray(index, index + 1));
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  });
}
