/**
 * An mboxrd reader for the export tests, written from the format's description rather than from the
 * writer: a message starts at a line beginning `From `, ends with the empty line before the next one,
 * loses one `>` from each `>+From ` line, and gets its CRLF line ends back.
 */

/** One message read back: its separator line and its bytes with CRLF line ends. */
export interface MboxMessage {
  readonly separator: string;
  readonly body: Buffer;
}

/** Reads an mboxrd file. */
export function parseMboxrd(file: Buffer): MboxMessage[] {
  const text = file.toString('latin1');
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const messages: { separator: string; lines: string[] }[] = [];
  for (const line of lines) {
    if (line.startsWith('From ')) messages.push({ separator: line, lines: [] });
    else if (messages.length === 0) throw new Error(`mbox does not start with a From line: ${line}`);
    else messages.at(-1)?.lines.push(/^>+From /.test(line) ? line.slice(1) : line);
  }
  return messages.map((message) => {
    if (message.lines.at(-1) !== '') throw new Error('a message does not end with an empty line');
    const body = message.lines
      .slice(0, -1)
      .map((line) => `${line}\r\n`)
      .join('');
    return { separator: message.separator, body: Buffer.from(body, 'latin1') };
  });
}
