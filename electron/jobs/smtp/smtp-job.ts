/**
 * Runs one SMTP job inside the worker: the only place that calls the SMTP engine for the app. Kept
 * apart from the worker entry so tests can run jobs in-process. The job's and result's shapes live here
 * too, so the job needs nothing from the worker's message module.
 */
import type { CheckedOutgoingMessage, OutgoingMessage } from '../../../shared/mail/outgoing';
import {
  composeCheckedMessage,
  composeMessage,
  probeSmtp,
  sendMessage,
  type ComposedMessage,
  type SmtpConnectOptions,
  type SmtpCredentials,
  type SmtpOutgoing,
  type SmtpProbeOutcome,
  type SmtpSendOutcome,
  type TranscriptEntry,
} from '../../protocols/smtp';

/** Connection settings that can cross a thread boundary (no functions, no signal). */
export type SmtpJobConnection = Omit<SmtpConnectOptions, 'transcript' | 'signal'>;

/**
 * One job: `compose` turns an outgoing message into the bytes the Outbox keeps; `send` sends kept
 * bytes (skipping recipients that already accepted them); `probe` learns the server's facts (SIZE).
 */
export type SmtpJob =
  | { readonly kind: 'compose'; readonly message: OutgoingMessage }
  /** A message main has already checked with rules of its own (a draft may have no recipient yet). */
  | { readonly kind: 'compose-checked'; readonly message: CheckedOutgoingMessage }
  | {
      readonly kind: 'send';
      readonly connection: SmtpJobConnection;
      readonly credentials?: SmtpCredentials;
      readonly message: SmtpOutgoing;
      readonly skipRecipients?: readonly string[];
      /** Forward the (redacted) transcript to the parent. */
      readonly transcript?: boolean;
    }
  | { readonly kind: 'probe'; readonly connection: SmtpJobConnection; readonly credentials?: SmtpCredentials; readonly transcript?: boolean };

/** The result of a job, by kind. A send's failures are inside its outcome, never a `failed` message. */
export type SmtpJobResult =
  | { readonly kind: 'compose'; readonly composed: ComposedMessage }
  | { readonly kind: 'send'; readonly outcome: SmtpSendOutcome }
  | { readonly kind: 'probe'; readonly outcome: SmtpProbeOutcome };

function connectOptions(
  connection: SmtpJobConnection,
  transcript: boolean | undefined,
  onTranscript: (entry: TranscriptEntry) => void,
  signal: AbortSignal,
): SmtpConnectOptions {
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
