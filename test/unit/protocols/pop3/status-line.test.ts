import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseContinuation, parseGreeting, parseStatusLine } from '../../../../electron/protocols/pop3/status-line';

test('parses +OK and -ERR with and without text', () => {
  assert.deepEqual(parseStatusLine('+OK 2 320'), { ok: true, text: '2 320', responseCode: undefined });
  assert.deepEqual(parseStatusLine('-ERR'), { ok: false, text: '', responseCode: undefined });
  assert.equal(parseStatusLine('+ok fine')?.ok, true);
});

test('extracts hierarchical response codes (RFC 2449 §8)', () => {
  assert.equal(parseStatusLine('-ERR [SYS/TEMP] try later')?.responseCode, 'SYS/TEMP');
  assert.equal(parseStatusLine('-ERR [in-use] locked')?.responseCode, 'IN-USE');
  assert.equal(parseStatusLine('-ERR [] empty')?.responseCode, undefined);
  assert.equal(parseStatusLine('-ERR text [AUTH] later')?.responseCode, undefined);
});

test('rejects anything that is not a status line', () => {
  for (const line of ['', 'OK', '+OKAY', '-ERROR', '* 1 EXISTS', '+ abc', ' +OK']) {
    assert.equal(parseStatusLine(line), undefined, line);
  }
});

test('finds the APOP timestamp in a positive greeting only', () => {
  assert.equal(parseGreeting('+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>')?.apopTimestamp, '<1896.697170952@dbc.mtview.ca.us>');
  assert.equal(parseGreeting('+OK ready <no-at-sign>')?.apopTimestamp, undefined);
  assert.equal(parseGreeting('-ERR busy <1.2@host>')?.apopTimestamp, undefined);
  assert.equal(parseGreeting('hello'), undefined);
});

test('parses SASL continuations but not +OK', () => {
  assert.equal(parseContinuation('+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2U+'), 'PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2U+');
  assert.equal(parseContinuation('+'), '');
  assert.equal(parseContinuation('+ '), '');
  assert.equal(parseContinuation('+OK done'), undefined);
  assert.equal(parseContinuation('-ERR no'), undefined);
});
