/**
 * The typed messages between the parent and the SMTP worker. Every message carries a sequence number,
 * increasing by one per direction, so a lost or reordered message is detected. Everything is plain data
 * (structured-clone safe); errors cross as `SmtpErrorData`, never as thrown objects.
 */
import { isJobParentMessage, isSequenced, type JobParentMessage, type WithoutSeq } from './job-channel';
import type { CheckedOutgoingMessage, OutgoingMessage } from '../../shared/mail/outgoing';
import type {
  ComposedMessage,
  SmtpConnectOptions,
  SmtpCredentials,
  SmtpErrorData,
  SmtpOutgoing,
  SmtpProbeOutcome,
  SmtpSendOutcome,
  TranscriptEntry,
} from '../protocols/smtp';

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
  if (!isSequenced(value)) return false;
  switch (value.type) {
    case 'transcript':
    case 'log':
    case 'done':
    case 'failed':
      return true;
    default:
      return false;
  }
}

function isSmtpJob(job: unknown): job is SmtpJob {
  const kind = typeof job === 'object' && job !== null ? (job as { kind?: unknown }).kind : undefined;
  return kind === 'compose' || kind === 'compose-checked' || kind === 'send' || kind === 'probe';
}

/** Whether a value received on the worker's port is a parent message. */
export function isSmtpParentMessage(value: unknown): value is SmtpParentMessage {
  return isJobParentMessage(value, isSmtpJob);
}
