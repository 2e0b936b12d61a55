/**
 * The parent side of the SMTP worker: starts a worker for one job, checks the sequence of what it sends,
 * forwards transcript and log events, and turns its end into a promise that never rejects. Cancelling a
 * send asks the worker to stop (the engine then reports `ambiguous` if the final "." was already sent,
 * `failed`/CANCELLED otherwise); if the worker does not end within a grace period it is terminated and
 * the send is reported `ambiguous`, because nobody can then say whether the server took the message.
 */
import { MailbagError } from '../../shared/errors';
import type { CheckedOutgoingMessage, OutgoingMessage } from '../../shared/mail/outgoing';
import type { ComposedMessage, SmtpErrorData, SmtpProbeOutcome, SmtpSendOutcome } from '../protocols/smtp';
import { lostJobMessage, startJobWorker, type JobHandle } from './job-channel';
import { workerEntryFile } from './start-worker';
import { isSmtpWorkerMessage, type SmtpJob, type SmtpJobConnection, type SmtpJobResult, type SmtpWorkerMessage } from './smtp-messages';

/** How long a cancelled worker may take to end on its own before it is terminated. */
export const SMTP_CANCEL_GRACE_MS = 5_000;

/** The worker's events other than the final outcome. */
export type SmtpJobEvent = Exclude<SmtpWorkerMessage, { type: 'done' } | { type: 'failed' }>;

/** The end of a job: its result, or its error as data. */
export type SmtpJobOutcome = { readonly ok: true; readonly result: SmtpJobResult } | { readonly ok: false; readonly error: SmtpErrorData };

/** A running job: its outcome never rejects. */
export type SmtpJobHandle = JobHandle<SmtpJobOutcome>;

/** Options of {@link startSmtpJob}. */
export interface SmtpJobOptions {
  readonly onEvent?: (event: SmtpJobEvent) => void;
  readonly signal?: AbortSignal;
  /** The worker entry; defaults to `smtp-worker` beside this module (source or built bundle). */
  readonly workerFile?: string;
}

function internalError(message: string): SmtpErrorData {
  return { code: 'INTERNAL', message, retryable: false };
}

/** What to report when the worker is gone without a result: for a send, the message may have gone out. */
function lostWorkerOutcome(job: SmtpJob, error: SmtpErrorData): SmtpJobOutcome {
  if (job.kind !== 'send') return { ok: false, error };
  const skip = new Set(job.skipRecipients ?? []);
  const outcome: SmtpSendOutcome = {
    kind: 'ambiguous',
    recipients: job.message.envelope.to.map((address) => ({ address, status: skip.has(address) ? 'skipped' : 'uncertain' })),
    error: { ...error, retryable: false },
    server: {
      maxMessageSize: undefined,
      extensions: [],
      authMechanisms: [],
      usedHelo: false,
      encrypted: false,
      tlsProtocol: undefined,
      certificateFingerprint256: undefined,
      mechanism: undefined,
    },
  };
  return { ok: true, result: { kind: 'send', outcome } };
}

/** Starts a worker running `job`. */
export function startSmtpJob(job: SmtpJob, options: SmtpJobOptions = {}): SmtpJobHandle {
  return startJobWorker<SmtpJob, SmtpWorkerMessage, SmtpJobOutcome>({
    workerFile: options.workerFile ?? workerEntryFile('smtp-worker'),
    job,
    isMessage: isSmtpWorkerMessage,
    outcomeOf: (message) => {
      switch (message.type) {
        case 'done':
          return { ok: true, result: message.result };
        case 'failed':
          return { ok: false, error: message.error };
        case 'transcript':
        case 'log':
          return undefined;
      }
    },
    onEvent: (message) => options.onEvent?.(message as SmtpJobEvent),
    lost: (reason) =>
      lostWorkerOutcome(
        job,
        reason === 'cancelled'
          ? { code: 'CANCELLED', message: 'Sending was stopped.', retryable: false }
          : internalError(lostJobMessage('The sending worker', reason)),
      ),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    cancelGraceMs: SMTP_CANCEL_GRACE_MS,
  });
}

function expect<K extends SmtpJobResult['kind']>(outcome: SmtpJobOutcome, kind: K): Extract<SmtpJobResult, { kind: K }> {
  if (!outcome.ok) throw Object.assign(new Error(outcome.error.message), { data: outcome.error });
  if (outcome.result.kind !== kind) throw new Error(`The sending worker answered a ${kind} job with ${outcome.result.kind}.`);
  return outcome.result as Extract<SmtpJobResult, { kind: K }>;
}

/** Composes a message in a worker; resolves with its bytes, or `{ error }` (VALIDATION names the bad fields). */
export async function composeInWorker(
  message: OutgoingMessage,
  options: SmtpJobOptions = {},
): Promise<{ readonly composed: ComposedMessage } | { readonly error: SmtpErrorData }> {
  const outcome = await startSmtpJob({ kind: 'compose', message }, options).outcome;
  return outcome.ok ? { composed: expect(outcome, 'compose').composed } : { error: outcome.error };
}

/**
 * Builds the MIME bytes of a message main has already checked (a draft, which may lack recipients)
 * in a worker, so large attachments are never encoded on the main thread.
 */
export async function composeCheckedInWorker(message: CheckedOutgoingMessage, options: SmtpJobOptions = {}): Promise<ComposedMessage> {
  const outcome = await startSmtpJob({ kind: 'compose-checked', message }, options).outcome;
  if (!outcome.ok) throw MailbagError.fromData(outcome.error);
  return expect(outcome, 'compose').composed;
}

/** Sends kept bytes in a worker; always resolves with a typed send outcome. */
export async function sendInWorker(job: Omit<Extract<SmtpJob, { kind: 'send' }>, 'kind'>, options: SmtpJobOptions = {}): Promise<SmtpSendOutcome> {
  const full: SmtpJob = { kind: 'send', ...job };
  const outcome = await startSmtpJob(full, options).outcome;
  if (outcome.ok) return expect(outcome, 'send').outcome;
  return {
    kind: 'failed',
    recipients: job.message.envelope.to.map((address) => ({ address, status: 'not-attempted' })),
    error: outcome.error,
    server: undefined,
  };
}

/**
 * Probes a server in a worker (account setup, the doctor, compose's SIZE limit: mechanisms, certificate
 * fingerprint), so the main thread never waits on the network. `transcript` streams the redacted
 * session lines back through `options.onEvent`.
 */
export async function probeInWorker(
  connection: SmtpJobConnection,
  credentials?: Extract<SmtpJob, { kind: 'probe' }>['credentials'],
  options: SmtpJobOptions & { readonly transcript?: boolean } = {},
): Promise<SmtpProbeOutcome> {
  const job: SmtpJob = {
    kind: 'probe',
    connection,
    ...(credentials === undefined ? {} : { credentials }),
    ...(options.transcript === true ? { transcript: true } : {}),
  };
  const outcome = await startSmtpJob(job, options).outcome;
  return outcome.ok ? expect(outcome, 'probe').outcome : { ok: false, error: outcome.error };
}
