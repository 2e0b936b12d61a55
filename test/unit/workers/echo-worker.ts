/**
 * A worker for request-channel tests. `echo` requests are held until `hold` of them have come, then
 * answered last first (so replies arrive in another order than their requests); `crash` ends the
 * thread; `garble` answers with a sequence number out of order; `stop` ends it cleanly.
 */
import { parentPort } from 'node:worker_threads';

const port = parentPort;
if (port === null) throw new Error('echo-worker must run in a worker thread.');

let outgoing = 0;
const held: Array<{ seq: number; value: string }> = [];

function reply(replyTo: number, value: string, seq = outgoing + 1): void {
  outgoing = seq;
  port?.postMessage({ seq, replyTo, value });
}

port.on('message', (message: { seq: number; type: string; value?: string; hold?: number }) => {
  switch (message.type) {
    case 'echo':
      held.push({ seq: message.seq, value: message.value ?? '' });
      if (held.length >= (message.hold ?? 1)) for (const entry of held.splice(0).reverse()) reply(entry.seq, entry.value);
      return;
    case 'crash':
      process.exit(3);
      return;
    case 'garble':
      reply(message.seq, 'garbled', outgoing + 2);
      return;
    case 'stop':
      port.close();
      return;
  }
});
