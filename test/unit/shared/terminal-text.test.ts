/** Control characters from servers and mail, made visible for a terminal and escaped in JSON. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_SERVER_TEXT_CHARS, serverTextForDisplay, terminalJson, visibleControls } from '../../../shared/terminal-text';

test('every C0 and C1 control character and DEL is shown as \\xNN', () => {
  assert.equal(visibleControls('a\x1b]0;title\x07b'), 'a\\x1b]0;title\\x07b');
  assert.equal(visibleControls('\x9b2J\x7f\x00'), '\\x9b2J\\x7f\\x00');
  assert.equal(visibleControls('line\nbreak\ttab\r'), 'line\\x0abreak\\x09tab\\x0d');
  assert.equal(visibleControls('Grüße — 日本 \u00a0'), 'Grüße — 日本 \u00a0', 'printable text is untouched');
});

test('with lines kept, LF, TAB and CR before LF stay; a lone CR does not', () => {
  assert.equal(visibleControls('one\r\ntwo\tcols\rover\x1b[1A', 'lines'), 'one\r\ntwo\tcols\\x0dover\\x1b[1A');
});

test('terminal JSON escapes C1, DEL and the line separators, and parses back to the same value', () => {
  const value = { subject: 'a\x1b\x07\x7f\x85\x9b\u2028\u2029z', nested: ['\x00'] };
  const text = terminalJson(value);
  // eslint-disable-next-line no-control-regex
  assert.doesNotMatch(text, /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  assert.match(text, /\\u007f\\u0085\\u009b\\u2028\\u2029/);
  assert.deepEqual(JSON.parse(text), value);
});

test('a server’s words for people are plain and cut to a sane length', () => {
  assert.equal(serverTextForDisplay('-ERR \x1b[2Jgone'), '-ERR \\x1b[2Jgone');
  const long = serverTextForDisplay(`+OK ${'A'.repeat(10_000)}`);
  assert.equal(long.length, MAX_SERVER_TEXT_CHARS + 1);
  assert.ok(long.endsWith('…'));
  assert.equal(serverTextForDisplay('x'.repeat(50), 10), `${'x'.repeat(10)}…`);
});

test('terminal JSON leaves out the catalog words of errors, wherever they are, and keeps other fields named words', () => {
  const error = { code: 'NETWORK', message: 'The server refused the connection.', words: { id: 'connection.refusedServer' } };
  const document = JSON.parse(terminalJson({ error, accounts: [{ name: 'Alice', error }], note: { words: 3 } })) as unknown;
  assert.deepEqual(document, {
    error: { code: 'NETWORK', message: 'The server refused the connection.' },
    accounts: [{ name: 'Alice', error: { code: 'NETWORK', message: 'The server refused the connection.' } }],
    note: { words: 3 },
  });
  const detailed = { ...error, detail: 'Server said: -ERR no', detailWords: { id: 'connection.refusedServer' } };
  assert.deepEqual(JSON.parse(terminalJson({ error: detailed })), {
    error: { code: 'NETWORK', message: 'The server refused the connection.', detail: 'Server said: -ERR no' },
  });
});

test('terminal JSON leaves out a reason’s catalog words beside its English, and keeps other fields ending in Words', () => {
  const status = {
    state: 'failed',
    reason: 'no answer within 15000 ms',
    reasonWords: { id: 'serviceError.discovery.noAnswerWithin', values: { milliseconds: '15000' } },
  };
  const document = JSON.parse(terminalJson({ sources: { guess: status }, countWords: 3, keyWords: ['a'], nameWords: { name: 'x' } })) as unknown;
  assert.deepEqual(document, {
    sources: { guess: { state: 'failed', reason: 'no answer within 15000 ms' } },
    countWords: 3,
    keyWords: ['a'],
    nameWords: { name: 'x' },
  });
});
