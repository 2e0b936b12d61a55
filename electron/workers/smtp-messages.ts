/**
 * The typed messages between the parent and the SMTP worker. Every message carries a sequence number,
 * increasing by one per direction, so a lost or reordered message is detected. Everything is plain data
 * (structured-clone safe); errors cross as `SmtpErrorData`, never as thrown objects.
 */
import { anyFields, isJobParentMessage, isMessageOf, type JobParentMessage, type WithoutSeq } from './job-channel';
import type { SmtpJob, SmtpJobConnection, SmtpJobResult } from '../jobs/smtp/smtp-job';
import type { SmtpErrorData, TranscriptEntry } from '../protocols/smtp';

/** The job and its result, defined with the job that runs them (jobs/smtp/smtp-job.ts). */
export type { SmtpJob, SmtpJobConnection, SmtpJobResult };

/** Parent → worker. */
export type SmtpParentMessage = JobParentMessage<SmtpJob>;

/** Worker → parent. */
export type SmtpWorkerMessage =
  | { readonly seq: number; readonly type: 'transcript'; readonly entry: TranscriptEntry }
  | { readonly seq: number; readonly type: 'log'; readonly level: 'info' | 'warn'; readonly text: string }
  | { readonly seq: number; readonly type: 'done'; readonly result: SmtpJobResult }
  | { readonly seq: number; readonly type: 'failed'; readonly error: SmtpErrorData };

/** Worker messages without their sequence number (the sender adds it). */
export type SmtpWorkerEvent = WithoutSeq<SmtpWorkerMessage>;

/** Whether a value received from the worker is a worker message. */
export function isSmtpWorkerMessage(value: unknown): value is SmtpWorkerMessage {
  return isMessageOf<SmtpWorkerMessage>(value, { transcript: anyFields, log: anyFields, done: anyFields, failed: anyFields });
}

function isSmtpJob(job: unknown): job is SmtpJob {
  const kind = typeof job === 'object' && job !== null ? (job as { kind?: unknown }).kind : undefined;
  return kind === 'compose' || kind === 'compose-checked' || kind === 'send' || kind === 'probe';
}

/** Whether a value received on the worker's port is a parent message. */
export function isSmtpParentMessage(value: unknown): value is SmtpParentMessage {
  return isJobParentMessage(value, isSmtpJob);
}
