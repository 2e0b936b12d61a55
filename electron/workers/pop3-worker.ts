/**
 * Worker thread entry for POP3 retrieval. Thin by design: it serves one job with `runPop3Job` over the
 * job channel, streaming progress, stored messages, transcript and the outcome back as sequenced data.
 * The network never touches the main thread.
 */
import { serveJob } from './job-channel';
import { pop3ErrorData, runPop3Job } from './pop3-job';
import { isPop3ParentMessage, type Pop3RetrievalJob, type Pop3WorkerEvent } from './pop3-messages';

serveJob<Pop3RetrievalJob, Pop3WorkerEvent>({
  name: 'pop3-worker',
  isParentMessage: isPop3ParentMessage,
  run: (job, post, signal) =>
    runPop3Job(job, post, signal).then(
      (result): Pop3WorkerEvent => ({ type: 'done', result }),
      (error: unknown): Pop3WorkerEvent => ({ type: 'failed', error: pop3ErrorData(error) }),
    ),
  warning: (text) => ({ type: 'log', level: 'warn', text }),
  cancelledBeforeStart: () => ({ type: 'failed', error: { code: 'CANCELLED', message: 'The mail check was stopped.', retryable: false } }),
});
