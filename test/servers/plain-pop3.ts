/**
 * A deliberately plain POP3 client for the interoperability tests: USER/PASS, LIST and RETR in lock
 * step, nothing else, sharing no code with Mailbag's engine. What it reads is what a simple client
 * stores, so Mailbag's stored bytes can be compared with it.
 */
import net from 'node:net';

/** How long the plain client waits for any answer. */
const ANSWER_TIMEOUT_MS = 15_000;

class LineReader {
  private buffer = Buffer.alloc(0);
  private waiting: (() => void) | undefined;
  private ended = false;

  constructor(socket: net.Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.waiting?.();
    });
    socket.on('close', () => {
      this.ended = true;
      this.waiting?.();
    });
  }

  async line(): Promise<Buffer> {
    const deadline = Date.now() + ANSWER_TIMEOUT_MS;
    for (;;) {
      const end = this.buffer.indexOf('\r\n');
      if (end !== -1) {
        const line = this.buffer.subarray(0, end);
        this.buffer = this.buffer.subarray(end + 2);
        return line;
      }
      if (this.ended || Date.now() > deadline) throw new Error('The POP3 server closed the connection or stopped answering');
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
        setTimeout(resolve, 200);
      });
      this.waiting = undefined;
    }
  }
}

/**
 * Every message's bytes as RETR returns them (dot-unstuffed, CRLF line ends), in message-number order.
 * It asks UIDL first, as any client that leaves mail on the server does (some servers add the
 * unique-id to the messages they send once asked). With `quit: false` the session ends without QUIT,
 * so the server updates nothing (RFC 1939 §6); with `utf8` it sends UTF8 after signing in (RFC 6856).
 */
export async function plainRetrieveAll(
  host: string,
  port: number,
  user: string,
  password: string,
  options: { quit?: boolean; utf8?: boolean } = {},
): Promise<Buffer[]> {
  const socket = net.connect(port, host);
  const reader = new LineReader(socket);
  const expectOk = async (): Promise<string> => {
    const line = (await reader.line()).toString('latin1');
    if (!line.startsWith('+OK')) throw new Error(`The POP3 server said: ${line}`);
    return line;
  };
  const command = async (text: string): Promise<string> => {
    socket.write(`${text}\r\n`);
    return expectOk();
  };
  const multiline = async (): Promise<Buffer[]> => {
    const lines: Buffer[] = [];
    for (;;) {
      const line = await reader.line();
      if (line.length === 1 && line[0] === 0x2e) return lines;
      lines.push(line[0] === 0x2e ? line.subarray(1) : line);
    }
  };
  try {
    await expectOk();
    await command(`USER ${user}`);
    await command(`PASS ${password}`);
    if (options.utf8 === true) await command('UTF8');
    await command('UIDL');
    await multiline();
    await command('LIST');
    const numbers = (await multiline()).map((line) => Number(line.toString('latin1').split(' ')[0]));
    const messages: Buffer[] = [];
    for (const number of numbers) {
      await command(`RETR ${number}`);
      messages.push(Buffer.concat((await multiline()).map((line) => Buffer.concat([line, Buffer.from('\r\n')]))));
    }
    if (options.quit !== false) await command('QUIT');
    return messages;
  } finally {
    socket.destroy();
  }
}
