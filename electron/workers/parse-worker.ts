/**
 * The parse worker: reads raw messages from the store's files and parses them (simple text messages
 * directly, the rest with mailparser), off the main thread (invariant 7). Requests are handled one at a time, in order.
 */
import { parentPort } from 'node:worker_threads';
import { toErrorData, MailbagError } from '../../shared/errors';
import type { ParseRequest, ParseResult } from '../storage/message-index';
import { isParseParentMessage, type ParseWorkerMessage } from './parse-messages';
import type { WithoutSeq } from './job-channel';
import { parseStoredMessage } from '../jobs/parse/parse-message';

const port = parentPort;
if (port === null) throw new Error('parse-worker must run in a worker thread.');

let incoming = 0;
let outgoing = 0;
let queue: Promise<void> = Promise.resolve();

function send(message: WithoutSeq<ParseWorkerMessage>): void {
  outgoing += 1;
  port?.postMessage({ ...message, seq: outgoing });
}

async function parseAll(requests: readonly ParseRequest[]): Promise<ParseResult[]> {
  const results: ParseResult[] = [];
  for (const request of requests) {
    try {
      results.push({ messageId: request.messageId, parsed: await parseStoredMessage(request.source) });
    } catch (error) {
      throw new MailbagError('STORAGE', `Message ${request.messageId} could not be read.`, {
        cause: error,
        detail: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return results;
}

port.on('message', (value: unknown) => {
  if (!isParseParentMessage(value) || value.seq !== incoming + 1) {
    send({ type: 'failed', replyTo: incoming + 1, error: { code: 'INTERNAL', message: 'The parser received a message out of order.' } });
    port.close();
    return;
  }
  incoming = value.seq;
  switch (value.type) {
    case 'stop':
      queue = queue.then(() => port.close());
      return;
    case 'parse': {
      const replyTo = value.seq;
      queue = queue.then(() =>
        parseAll(value.requests).then(
          (results) => send({ type: 'parsed', replyTo, results }),
          (error: unknown) => send({ type: 'failed', replyTo, error: toErrorData(error) }),
        ),
      );
      return;
    }
  }
});
