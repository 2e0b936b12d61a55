/**
 * The parent side of the display worker: one long-lived worker thread (a request channel) that reads
 * messages for the reader and extracts attachments. If it dies, its pending requests fail and the next request starts
 * a fresh one, so one hostile message never breaks the reader for good.
 */
import { wordedError } from '../../shared/error-words';
import { MailbagError } from '../../shared/errors';
import type { RawSource } from '../storage/raw-layout';
import type { AttachmentBytes, DisplayMessage } from '../jobs/display/display-message';
import { isDisplayReply, type DisplayReply, type DisplayRequest } from './display-protocol';
import { openRequestChannel } from './request-channel';
import { workerEntryFile } from './start-worker';

/** A running display worker. */
export interface DisplayWorkerClient {
  /** A message for the reader; `maxParts` bounds the body parts sent (default MAX_DISPLAY_PARTS). */
  display(source: RawSource, maxParts?: number): Promise<DisplayMessage>;
  attachment(source: RawSource, index: number, maxBytes: number): Promise<AttachmentBytes>;
  close(): Promise<void>;
}

function errorOf(reply: DisplayReply): MailbagError | undefined {
  if (reply.ok) return undefined;
  return MailbagError.fromData(reply.error);
}

/** Starts the display worker on first request (`display-worker` beside this module). */
export function createDisplayWorker(workerFile: string = workerEntryFile('display-worker')): DisplayWorkerClient {
  const channel = openRequestChannel<DisplayRequest, DisplayReply>({ workerFile, worker: 'reader', isReply: isDisplayReply });

  return {
    async display(source, maxParts) {
      const reply = await channel.request(maxParts === undefined ? { type: 'display', source } : { type: 'display', source, maxParts });
      const error = errorOf(reply);
      if (error !== undefined) throw error;
      if (reply.ok && reply.type === 'display') return reply.value;
      throw wordedError('INTERNAL', { id: 'storageError.readerWrongAnswer' });
    },
    async attachment(source, index, maxBytes) {
      const reply = await channel.request({ type: 'attachment', source, index, maxBytes });
      const error = errorOf(reply);
      if (error !== undefined) throw error;
      if (reply.ok && reply.type === 'attachment') return reply.value;
      throw wordedError('INTERNAL', { id: 'storageError.readerWrongAnswer' });
    },
    close: channel.close,
  };
}
