/**
 * Runs one SMTP job inside the worker: the only place that calls the SMTP engine for the app. Kept
 * apart from the worker entry so tests can run jobs in-process.
 */
import { composeCheckedMessage, composeMessage, probeSmtp, sendMessage, type SmtpConnectOptions, type TranscriptEntry } from '../protocols/smtp';
import type { SmtpJob, SmtpJobConnection, SmtpJobResult } from './smtp-messages';

function connectOptions(connection: SmtpJobConnection, transcript: boolean | undefined, onTranscript: (entry: TranscriptEntry) => void, signal: AbortSignal): SmtpConnectOptions {
  return { ...connection, signal, ...(transcript === true ? { transcript: onTranscript } : {}) };
}

/** Runs a job to its result; rejects only for compose validation and unexpected errors. */
export async function runSmtpJob(job: SmtpJob, onTranscript: (entry: TranscriptEntry) => void, signal: AbortSignal): Promise<SmtpJobResult> {
  switch (job.kind) {
    case 'compose': {
      const composed = await composeMessage(job.message);
      return { kind: 'compose', composed };
    }
    case 'compose-checked': {
      const composed = await composeCheckedMessage(job.message);
      return { kind: 'compose', composed };
    }
    case 'send': {
      const outcome = await sendMessage({
        connection: connectOptions(job.connection, job.transcript, onTranscript, signal),
        ...(job.credentials === undefined ? {} : { credentials: job.credentials }),
        message: job.message,
        ...(job.skipRecipients === undefined ? {} : { skipRecipients: job.skipRecipients }),
      });
      return { kind: 'send', outcome };
    }
    case 'probe': {
      const outcome = await probeSmtp(connectOptions(job.connection, job.transcript, onTranscript, signal), job.credentials);
      return { kind: 'probe', outcome };
    }
  }
}
