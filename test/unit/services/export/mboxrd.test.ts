/** The mboxrd writer of `mailbag export`: quoting, line ends and chunk boundaries. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asctime, mboxrdMessage, needsQuoting, separatorLine } from '../../../../electron/services/export/mboxrd';
import { parseMboxrd } from '../../cli/mboxrd-reader';

async function encode(chunks: readonly string[]): Promise<string> {
  async function* source() {
    for (const chunk of chunks) yield Buffer.from(chunk, 'latin1');
  }
  const out: Buffer[] = [];
  for await (const piece of mboxrdMessage(source())) out.push(piece);
  return Buffer.concat(out).toString('latin1');
}

test('lines matching ^>*From get one more >; others are left alone', () => {
  for (const line of ['From ', 'From x', '>From x', '>>>From x']) assert.equal(needsQuoting(Buffer.from(line)), true, line);
  for (const line of ['From', 'From:x', ' From x', 'from x', '>> From x', '']) assert.equal(needsQuoting(Buffer.from(line)), false, line);
});

test('CRLF becomes LF, quoting works across chunk boundaries, and the message ends with an empty line', async () => {
  const message = 'Subject: x\r\n\r\nFrom here\r\n>From there\r\nplain\r\nFrom end';
  const whole = await encode([message]);
  assert.equal(whole, 'Subject: x\n\n>From here\n>>From there\nplain\n>From end\n\n');
  // Every split point, including between CR and LF and inside "From ".
  for (let split = 1; split < message.length; split += 1)
    assert.equal(await encode([message.slice(0, split), message.slice(split)]), whole, `split at ${split}`);
});

test('an empty message and a lone CR inside a line', async () => {
  assert.equal(await encode([]), '\n');
  assert.equal(await encode(['a\rb\r\n']), 'a\rb\n\n');
});

test('separator lines: the sender without spaces and the arrival time in asctime form (UTC)', () => {
  assert.equal(asctime(Date.UTC(2026, 10, 3, 10, 0, 5)), 'Tue Nov  3 10:00:05 2026');
  assert.equal(separatorLine('ann@example.com', Date.UTC(2026, 0, 31)).toString(), 'From ann@example.com Sat Jan 31 00:00:00 2026\n');
  assert.equal(separatorLine('has space@example.com', 0).toString(), 'From MAILER-DAEMON Thu Jan  1 00:00:00 1970\n');
  assert.equal(separatorLine(null, 0).toString(), 'From MAILER-DAEMON Thu Jan  1 00:00:00 1970\n');
});

test('round trip through a reader: quoted From lines come back as they were', async () => {
  const original = 'Subject: q\r\n\r\nFrom a\r\n>From b\r\n>>From c\r\n\r\n';
  const file = Buffer.concat([separatorLine('a@b', 0), Buffer.from(await encode([original]), 'latin1')]);
  const [message] = parseMboxrd(file);
  assert.equal(message?.body.toString('latin1'), original);
});
