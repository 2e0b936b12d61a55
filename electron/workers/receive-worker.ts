/**
 * Worker thread entry for Send/Receive of one account. It owns the POP3 session and writes through its
 * own connection to the profile's store (SQLite in WAL mode serializes writers and keeps the main
 * thread's readers unblocked), so neither the network nor fsync ever runs on the main thread
 * (architecture invariant 7). It receives one `start` (and maybe a `cancel`) and sends sequenced
 * progress events and one `done` with the outcome.
 */
import { parentPort } from 'node:worker_threads';
import { runReceiveJob } from '../services/send-receive/run-receive-job';
import { isReceiveParentMessage, type ReceiveWorkerEvent, type ReceiveWorkerMessage } from './receive-messages';

const port = parentPort;
if (port === null) throw new Error('receive-worker must run as a worker thread.');

let outgoing = 0;
let incoming = 0;
let started = false;
const controller = new AbortController();

function post(event: ReceiveWorkerEvent): void {
  outgoing += 1;
  port?.postMessage({ ...event, seq: outgoing } as ReceiveWorkerMessage);
}

port.on('message', (value: unknown) => {
  if (!isReceiveParentMessage(value) || value.seq !== incoming + 1) return;
  incoming = value.seq;
  switch (value.type) {
    case 'start':
      if (started) return;
      started = true;
      void runReceiveJob(value.job, controller.signal, (progress) => post({ type: 'progress', progress }))
        .then((outcome) => post({ type: 'done', outcome }))
        .finally(() => port.close());
      return;
    case 'cancel':
      controller.abort();
      return;
  }
});
