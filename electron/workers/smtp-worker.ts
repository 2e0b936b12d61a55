/**
 * Worker thread entry for SMTP. Thin by design: it receives one `start` (and maybe a `cancel`), runs the
 * job with `runSmtpJob`, and streams the transcript and the result back as sequenced data. The network
 * and MIME building never touch the main thread.
 */
import { parentPort } from 'node:worker_threads';
import { smtpErrorData } from '../protocols/smtp';
import { runSmtpJob } from './smtp-job';
import { isSmtpParentMessage, type SmtpWorkerEvent, type SmtpWorkerMessage } from './smtp-messages';

const port = parentPort;
if (port === null) throw new Error('smtp-worker must run as a worker thread.');

let outgoing = 0;
let incoming = 0;
let started = false;
const controller = new AbortController();

function post(event: SmtpWorkerEvent): void {
  outgoing += 1;
  port?.postMessage({ ...event, seq: outgoing } as SmtpWorkerMessage);
}

port.on('message', (value: unknown) => {
  if (!isSmtpParentMessage(value) || value.seq !== incoming + 1) {
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
      runSmtpJob(value.job, (entry) => post({ type: 'transcript', entry }), controller.signal)
        .then(
          (result) => post({ type: 'done', result }),
          (error: unknown) => post({ type: 'failed', error: smtpErrorData(error) }),
        )
        .finally(() => port.close());
      return;
    case 'cancel':
      controller.abort();
      if (!started) {
        post({ type: 'failed', error: { code: 'CANCELLED', message: 'Sending was stopped.', retryable: false } });
        port.close();
      }
      return;
  }
});
