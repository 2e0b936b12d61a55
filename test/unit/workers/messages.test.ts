/** The checks of every worker message union: one rule, each type with its own fields. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDisplayReply, isDisplayRequest } from '../../../electron/workers/display-protocol';
import { isJobParentMessage, isObjectJob, lostJobMessage } from '../../../electron/workers/job-channel';
import { isParseParentMessage, isParseWorkerMessage } from '../../../electron/workers/parse-messages';
import { isReceiveWorkerMessage } from '../../../electron/workers/receive-messages';
import { isServerMailboxWorkerMessage } from '../../../electron/workers/server-mailbox-messages';
import { isSmtpParentMessage, isSmtpWorkerMessage } from '../../../electron/workers/smtp-messages';

test('a message needs a sequence number, a known type and that type’s fields', () => {
  assert.equal(isReceiveWorkerMessage({ seq: 1, type: 'progress', progress: {} }), true);
  assert.equal(isReceiveWorkerMessage({ seq: 1, type: 'done', outcome: {} }), true);
  assert.equal(isReceiveWorkerMessage({ seq: 1, type: 'done' }), false);
  assert.equal(isReceiveWorkerMessage({ type: 'done', outcome: {} }), false);
  assert.equal(isReceiveWorkerMessage({ seq: 1, type: 'failed', outcome: {} }), false);
  assert.equal(isServerMailboxWorkerMessage({ seq: 2, type: 'done', outcome: {} }), true);
  assert.equal(isServerMailboxWorkerMessage({ seq: 2, type: 'progress', progress: {} }), false);
  assert.equal(isSmtpWorkerMessage({ seq: 3, type: 'log', level: 'info', text: 'x' }), true);
  assert.equal(isSmtpWorkerMessage(null), false);
});

test('names an object inherits are no message types', () => {
  for (const type of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
    assert.equal(isReceiveWorkerMessage({ seq: 1, type, outcome: {} }), false, type);
    assert.equal(isParseWorkerMessage({ seq: 1, replyTo: 1, type, results: [] }), false, type);
  }
});

test('parent messages carry a job that passes the job check, or a cancel', () => {
  assert.equal(isJobParentMessage({ seq: 1, type: 'start', job: {} }, isObjectJob), true);
  assert.equal(isJobParentMessage({ seq: 1, type: 'start', job: 'x' }, isObjectJob), false);
  assert.equal(isJobParentMessage({ seq: 2, type: 'cancel' }, isObjectJob), true);
  assert.equal(isSmtpParentMessage({ seq: 1, type: 'start', job: { kind: 'send' } }), true);
  assert.equal(isSmtpParentMessage({ seq: 1, type: 'start', job: { kind: 'deliver' } }), false);
});

test('parse and display replies name the request they answer and carry a result or error data', () => {
  assert.equal(isParseParentMessage({ seq: 1, type: 'parse', requests: [] }), true);
  assert.equal(isParseParentMessage({ seq: 1, type: 'parse' }), false);
  assert.equal(isParseWorkerMessage({ seq: 1, replyTo: 1, type: 'parsed', results: [] }), true);
  assert.equal(isParseWorkerMessage({ seq: 1, type: 'parsed', results: [] }), false);
  assert.equal(isParseWorkerMessage({ seq: 1, replyTo: 1, type: 'failed', error: { code: 'STORAGE' } }), true);
  assert.equal(isParseWorkerMessage({ seq: 1, replyTo: 1, type: 'failed', error: 'STORAGE' }), false);
  const source = { kind: 'pack', path: '/p', size: 1 };
  assert.equal(isDisplayRequest({ seq: 1, type: 'display', source }), true);
  assert.equal(isDisplayRequest({ seq: 1, type: 'display', source: { kind: 'url' } }), false);
  assert.equal(isDisplayRequest({ seq: 1, type: 'attachment', source, index: 0, maxBytes: 10 }), true);
  assert.equal(isDisplayReply({ seq: 1, replyTo: 1, type: 'display', ok: true, value: {} }), true);
  assert.equal(isDisplayReply({ seq: 1, replyTo: 1, type: 'attachment', ok: false, error: { code: 'NOT_FOUND' } }), true);
  assert.equal(isDisplayReply({ seq: 1, type: 'display', ok: true, value: {} }), false);
  assert.equal(isDisplayReply({ seq: 1, replyTo: 1, type: 'stop', ok: true, value: {} }), false);
});

test('a job lost other than by cancelling says so in plain words, naming its worker', () => {
  assert.equal(lostJobMessage('The mail worker', 'malformed'), 'The mail worker sent a malformed or out-of-order message.');
  assert.equal(lostJobMessage('The sending worker', 'crashed'), 'The sending worker stopped unexpectedly.');
  assert.equal(lostJobMessage('The server mailbox worker', 'ended'), 'The server mailbox worker ended without a result.');
});
