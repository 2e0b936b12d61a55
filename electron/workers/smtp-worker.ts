/**
 * Worker thread entry for SMTP. Thin by design: it serves one job with `runSmtpJob` over the job
 * channel, streaming the transcript and the result back as sequenced data. Sending and MIME
 * building never touch the main thread.
 */
import { smtpErrorData } from '../protocols/smtp';
import { serveJob } from './job-channel';
import { runSmtpJob } from '../jobs/smtp/smtp-job';
import { isSmtpParentMessage, type SmtpJob, type SmtpWorkerEvent } from './smtp-messages';

serveJob<SmtpJob, SmtpWorkerEvent>({
  name: 'smtp-worker',
  isParentMessage: isSmtpParentMessage,
  run: (job, post, signal) =>
    runSmtpJob(job, (entry) => post({ type: 'transcript', entry }), signal).then(
      (result): SmtpWorkerEvent => ({ type: 'done', result }),
      (error: unknown): SmtpWorkerEvent => ({ type: 'failed', error: smtpErrorData(error) }),
    ),
  warning: (text) => ({ type: 'log', level: 'warn', text }),
  cancelledBeforeStart: () => ({ type: 'failed', error: { code: 'CANCELLED', message: 'Sending was stopped.', retryable: false } }),
});
