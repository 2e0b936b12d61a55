/** The request channel the parse and display clients share: routing, failure, restart. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { errorMessageIn } from '../../../shared/error-words';
import { MailbagError } from '../../../shared/errors';
import { createTranslator } from '../../../shared/i18n/catalogs';
import { openRequestChannel, type RequestChannel } from '../../../electron/workers/request-channel';

type EchoRequest =
  | { readonly type: 'echo'; readonly seq: number; readonly value: string; readonly hold?: number }
  | { readonly type: 'crash' | 'garble' | 'stop'; readonly seq: number };
interface EchoReply {
  readonly seq: number;
  readonly replyTo: number;
  readonly value: string;
}

function isEchoReply(value: unknown): value is EchoReply {
  const record = value as Partial<EchoReply> | null;
  return (
    typeof record === 'object' && record !== null && typeof record.seq === 'number' && typeof record.replyTo === 'number' && typeof record.value === 'string'
  );
}

function open(): RequestChannel<EchoRequest, EchoReply> {
  return openRequestChannel<EchoRequest, EchoReply>({
    workerFile: path.join(__dirname, 'echo-worker.ts'),
    worker: 'background',
    isReply: isEchoReply,
  });
}

const internal = (error: unknown): boolean => error instanceof MailbagError && error.code === 'INTERNAL';

describe('a request channel', { timeout: 30_000 }, () => {
  test('routes each reply to its own request, whatever order the replies come in', async () => {
    const channel = open();
    try {
      const replies = await Promise.all(['first', 'second', 'third'].map((value) => channel.request({ type: 'echo', value, hold: 3 })));
      assert.deepEqual(
        replies.map((reply) => reply.value),
        ['first', 'second', 'third'],
      );
      assert.deepEqual(
        replies.map((reply) => reply.replyTo),
        [1, 2, 3],
      );
      assert.deepEqual(
        replies.map((reply) => reply.seq),
        [3, 2, 1],
      );
      assert.equal(channel.startedWorkers(), 1);
    } finally {
      await channel.close();
    }
  });

  test('a worker that dies rejects every pending request with a typed error, and the next request starts a fresh worker', async () => {
    const channel = open();
    try {
      const waiting = [channel.request({ type: 'echo', value: 'a', hold: 9 }), channel.request({ type: 'echo', value: 'b', hold: 9 })];
      const crash = channel.request({ type: 'crash' });
      await Promise.all([...waiting, crash].map((pending) => assert.rejects(pending, internal)));
      const after = await channel.request({ type: 'echo', value: 'again' });
      assert.equal(after.value, 'again');
      assert.equal(after.replyTo, 1, 'a fresh worker numbers from one');
      assert.equal(channel.startedWorkers(), 2);
    } finally {
      await channel.close();
    }
  });

  test('a reply out of sequence ends the worker and fails what it held', async () => {
    const channel = open();
    try {
      const waiting = channel.request({ type: 'echo', value: 'held', hold: 9 });
      await assert.rejects(channel.request({ type: 'garble' }), (error) => internal(error) && /out of order/.test((error as Error).message));
      await assert.rejects(waiting, internal);
      assert.equal((await channel.request({ type: 'echo', value: 'fresh' })).value, 'fresh');
    } finally {
      await channel.close();
    }
  });

  test('starts no worker before the first request, and refuses requests once closed', async () => {
    const channel = open();
    assert.equal(channel.startedWorkers(), 0);
    assert.equal((await channel.request({ type: 'echo', value: 'x' })).value, 'x');
    await channel.close();
    await assert.rejects(channel.request({ type: 'echo', value: 'late' }), internal);
  });
});

test('a worker that answers out of order is named in the reader’s language, the English message unchanged', async () => {
  const channel = openRequestChannel<EchoRequest, EchoReply>({ workerFile: path.join(__dirname, 'echo-worker.ts'), worker: 'reader', isReply: isEchoReply });
  try {
    const garbled: unknown = await channel.request({ type: 'garble' }).then(
      () => assert.fail('not refused'),
      (error: unknown) => error,
    );
    assert.ok(garbled instanceof MailbagError && garbled.code === 'INTERNAL');
    assert.equal(garbled.message, 'The message reader sent a message out of order.');
    assert.equal(errorMessageIn(createTranslator('de').t, garbled.toData()), 'Die Nachrichtenanzeige hat eine Nachricht außer der Reihe gesendet.');
    assert.equal(errorMessageIn(createTranslator('ar').t, garbled.toData()), 'أرسل قارئ الرسائل رسالة خارج الترتيب.');
  } finally {
    await channel.close();
  }
  const closed: unknown = await channel.request({ type: 'echo', value: 'late' }).then(
    () => assert.fail('not refused'),
    (error: unknown) => error,
  );
  assert.ok(closed instanceof MailbagError);
  assert.equal(closed.message, 'The message reader is not running.');
  assert.equal(errorMessageIn(createTranslator('ar').t, closed.toData()), 'قارئ الرسائل لا يعمل.');
});
