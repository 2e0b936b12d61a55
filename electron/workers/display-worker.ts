/**
 * The display worker: reads stored messages for the reader and extracts attachments, off the main
 * thread (invariant 7). Requests are handled one at a time, in order; each reply names its request,
 * and a request out of sequence ends the worker (the parent then fails what it was waiting for).
 */
import { parentPort } from 'node:worker_threads';
import { toErrorData } from '../../shared/errors';
import { openRawSource } from '../storage/raw-read';
import { readAttachment, readMessageForDisplay } from '../jobs/display/display-message';
import { isDisplayRequest, type DisplayReply } from './display-protocol';
import type { WithoutSeq } from './job-channel';

const port = parentPort;
if (port === null) throw new Error('display-worker must run in a worker thread.');

let queue: Promise<void> = Promise.resolve();
let incoming = 0;
let outgoing = 0;

function reply(unsequenced: WithoutSeq<DisplayReply>): void {
  outgoing += 1;
  const message: DisplayReply = { ...unsequenced, seq: outgoing };
  if (message.ok && message.type === 'attachment') port?.postMessage(message, [message.value.bytes.buffer as ArrayBuffer]);
  else port?.postMessage(message);
}

port.on('message', (value: unknown) => {
  if (!isDisplayRequest(value) || value.seq !== incoming + 1) {
    port.close();
    return;
  }
  incoming = value.seq;
  const request = value;
  queue = queue.then(async () => {
    switch (request.type) {
      case 'stop':
        port.close();
        return;
      case 'display':
        await readMessageForDisplay(openRawSource(request.source), request.maxParts).then(
          (display) => reply({ replyTo: request.seq, type: 'display', ok: true, value: display }),
          (error: unknown) => reply({ replyTo: request.seq, type: 'display', ok: false, error: toErrorData(error) }),
        );
        return;
      case 'attachment':
        await readAttachment(openRawSource(request.source), request.index, request.maxBytes).then(
          (attachment) => reply({ replyTo: request.seq, type: 'attachment', ok: true, value: attachment }),
          (error: unknown) => reply({ replyTo: request.seq, type: 'attachment', ok: false, error: toErrorData(error) }),
        );
        return;
    }
  });
});
