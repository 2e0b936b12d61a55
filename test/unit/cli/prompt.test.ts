import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { askPassword, createInputReader, readPasswordLine } from '../../../electron/cli/prompt';

function terminal() {
  const modes: boolean[] = [];
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: (mode: boolean) => modes.push(mode) });
  let stderr = '';
  const streams = { stdin, stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text) } };
  return { stdin, streams, modes, stderr: () => stderr };
}

test('a password typed on a terminal is read in raw mode (no echo), with backspace, and raw mode is switched off again', async () => {
  const term = terminal();
  const reader = createInputReader(term.stdin);
  const answer = askPassword(reader, term.streams, 'Password');
  term.stdin.write('secrex\u007ft\r');
  assert.equal(await answer, 'secret');
  assert.deepEqual(term.modes, [true, false]);
  assert.equal(term.stderr(), 'Password: \n');
  reader.close();
});

test('Ctrl-C while typing a password cancels', async () => {
  const term = terminal();
  const reader = createInputReader(term.stdin);
  const answer = askPassword(reader, term.streams, 'Password');
  term.stdin.write('sec\u0003');
  await assert.rejects(answer, { code: 'CANCELLED' });
  assert.deepEqual(term.modes, [true, false]);
  reader.close();
});

test('--password-stdin reads one password per line (CRLF too) and refuses an empty input', async () => {
  const stdin = new PassThrough();
  stdin.end('first pass word\r\nsecond\n');
  const reader = createInputReader(stdin);
  assert.equal(await readPasswordLine(reader), 'first pass word');
  assert.equal(await readPasswordLine(reader, { id: 'cli.prompt.noSmtpPassword' }), 'second');
  await assert.rejects(readPasswordLine(reader), { code: 'VALIDATION' });
  reader.close();
});

test('a password without a final line end is read at the end of the input', async () => {
  const stdin = new PassThrough();
  stdin.end('no-newline-🔑');
  const reader = createInputReader(stdin);
  assert.equal(await readPasswordLine(reader), 'no-newline-🔑');
  reader.close();
});
