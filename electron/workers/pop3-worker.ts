/**
 * Worker thread entry for POP3 retrieval. Thin by design: it receives one `start` (and maybe a
 * `cancel`), runs the job with `runPop3Job`, and streams progress, stored messages, transcript and
 * the outcome back as sequenced data. The network never touches the main thread.
 */
import { parentPort } from 'node:worker_threads';
import { pop3ErrorData, runPop3Job } from './pop3-job';
import { isPop3ParentMessage, type Pop3WorkerEvent, type Pop3WorkerMessage } from './pop3-messages';

const port = parentPort;
if (port === null) throw new Error('pop3-worker must run as a worker thread.');

let outgoing = 0;
let incoming = 0;
let started = false;
const controller = new AbortController();

function post(event: Pop3WorkerEvent): void {
  outgoing += 1;
  port?.postMessage({ ...event, seq: outgoing } as Pop3WorkerMessage);
}

port.on('message', (value: unknown) => {
  if (!isPop3ParentMessage(value) || value.seq !== incoming + 1) {
    post({ type: 'log', level: 'warn', text: 'Ignored a malformed or out-of-order message from the parent.' });
    return;
  }
  incoming = value.seq;
  switch (value.type) {
    case 'start':
      if (started) {
        post({ type: 'log', level: 'warn', text: 'A job is already running in this worker.' });
        return;
      }
      started = true;
      runPop3Job(value.job, post, controller.signal).then(
        (result) => post({ type: 'done', result }),
        (error: unknown) => post({ type: 'failed', error: pop3ErrorData(error) }),
      ).finally(() => port.close());
      return;
    case 'cancel':
      controller.abort();
      if (!started) {
        post({ type: 'failed', error: { code: 'CANCELLED', message: 'The mail check was stopped.', retryable: false } });
        port.close();
      }
      return;
  }
});
