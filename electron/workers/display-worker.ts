/**
 * The display worker: reads stored messages for the reader and extracts attachments, off the main
 * thread (invariant 7). Requests are handled one at a time, in order; each reply names its request.
 */
import { parentPort } from 'node:worker_threads';
import { toErrorData } from '../../shared/errors';
import { openRawSource } from '../storage/raw-read';
import { readAttachment, readMessageForDisplay } from '../jobs/display/display-message';
import { isDisplayRequest, type DisplayReply } from './display-protocol';

const port = parentPort;
if (port === null) throw new Error('display-worker must run in a worker thread.');

let queue: Promise<void> = Promise.resolve();

function reply(message: DisplayReply): void {
  if (message.ok && message.type === 'attachment') port?.postMessage(message, [message.value.bytes.buffer as ArrayBuffer]);
  else port?.postMessage(message);
}

port.on('message', (value: unknown) => {
  if (!isDisplayRequest(value)) {
    port.close();
    return;
  }
  const request = value;
  queue = queue.then(async () => {
    switch (request.type) {
      case 'stop':
        port.close();
        return;
      case 'display':
        await readMessageForDisplay(openRawSource(request.source), request.maxParts).then(
          (display) => reply({ id: request.id, type: 'display', ok: true, value: display }),
          (error: unknown) => reply({ id: request.id, type: 'display', ok: false, error: toErrorData(error) }),
        );
        return;
      case 'attachment':
        await readAttachment(openRawSource(request.source), request.index, request.maxBytes).then(
          (attachment) => reply({ id: request.id, type: 'attachment', ok: true, value: attachment }),
          (error: unknown) => reply({ id: request.id, type: 'attachment', ok: false, error: toErrorData(error) }),
        );
        return;
    }
  });
});
