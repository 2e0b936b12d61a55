/**
 * The typed messages between the parent and the POP3 worker. Every message carries a sequence
 * number, increasing by one per direction, so a lost or reordered message is detected instead of
 * silently corrupting a job's state. Everything here is plain data (structured-clone safe); errors
 * cross as `ErrorData`, never as thrown objects.
 */
import { isJobParentMessage, isObjectJob, isSequenced, type JobParentMessage, type WithoutSeq } from './job-channel';
import type { ErrorData } from '../../shared/errors';
import type { Pop3ConnectOptions, Pop3Credentials, TranscriptEntry } from '../protocols/pop3';

/** Connection settings that can cross a thread boundary (no functions, no signal). */
export type Pop3JobConnection = Omit<Pop3ConnectOptions, 'socketFactory' | 'transcript' | 'signal'>;

/** One retrieval run: download what is new, delete what the deletion policy chose, QUIT. */
export interface Pop3RetrievalJob {
  readonly connection: Pop3JobConnection;
  readonly credentials: Pop3Credentials;
  /** Unique-ids already stored locally: not downloaded again. */
  readonly knownUids: readonly string[];
  /**
   * Unique-ids to delete on the server in this session. Only ids whose messages are already durably
   * stored and recorded locally may be listed here (DELE only after durability).
   */
  readonly deleteUids: readonly string[];
  /** Folder for downloaded messages: one file per message, named by `messageFileName(uid)`. */
  readonly directory: string;
  /** At most this many new messages this run, in server order (oldest first). */
  readonly maxMessages?: number;
  /** Forward transcript entries (already redacted) to the parent. */
  readonly transcript?: boolean;
}

/** Where a job is. */
export type Pop3JobPhase = 'connecting' | 'authenticating' | 'listing' | 'retrieving' | 'deleting' | 'quitting';

/** Progress of a job, sent at phase changes and at most every few hundred milliseconds while downloading. */
export interface Pop3JobProgress {
  readonly phase: Pop3JobPhase;
  readonly messagesDone: number;
  readonly messagesTotal: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
}

/** A message that is durably on disk (fsynced file and directory) under its final name. */
export interface Pop3StoredMessage {
  readonly uid: string;
  /** The message number in this session (only meaningful within it). */
  readonly number: number;
  readonly path: string;
  readonly size: number;
}

/** A message the server refused to send or that could not be stored. */
export interface Pop3FailedMessage {
  readonly uid: string;
  readonly error: Pop3ErrorData;
}

/** An error as data, with the POP3 facts that help the UI decide (retry, ask for password, explain). */
export interface Pop3ErrorData extends ErrorData {
  readonly retryable: boolean;
  readonly responseCode?: string;
  readonly certificateFingerprint256?: string;
}

/** How a job ended. `deletedUids` are those the server confirmed by a successful QUIT. */
export interface Pop3JobResult {
  readonly mechanism: string;
  readonly serverMessageCount: number;
  readonly stored: readonly Pop3StoredMessage[];
  readonly failed: readonly Pop3FailedMessage[];
  readonly deletedUids: readonly string[];
  /** Unique-ids that several server messages share (RFC 1939 §7 forbids it): neither fetched nor deleted. */
  readonly duplicateUids: readonly string[];
  /** Ids asked to be deleted that the server no longer has. */
  readonly missingDeleteUids: readonly string[];
}

/** Parent → worker. */
export type Pop3ParentMessage = JobParentMessage<Pop3RetrievalJob>;

/** Worker → parent. */
export type Pop3WorkerMessage =
  | { readonly seq: number; readonly type: 'progress'; readonly progress: Pop3JobProgress }
  | { readonly seq: number; readonly type: 'stored'; readonly message: Pop3StoredMessage }
  | { readonly seq: number; readonly type: 'transcript'; readonly entry: TranscriptEntry }
  | { readonly seq: number; readonly type: 'log'; readonly level: 'info' | 'warn'; readonly text: string }
  | { readonly seq: number; readonly type: 'done'; readonly result: Pop3JobResult }
  | { readonly seq: number; readonly type: 'failed'; readonly error: Pop3ErrorData };

/** Worker messages without their sequence number (the sender adds it). */
export type Pop3WorkerEvent = WithoutSeq<Pop3WorkerMessage>;


/** Whether a value received from the worker is a worker message. */
export function isPop3WorkerMessage(value: unknown): value is Pop3WorkerMessage {
  if (!isSequenced(value)) return false;
  switch (value.type) {
    case 'progress':
    case 'stored':
    case 'transcript':
    case 'log':
    case 'done':
    case 'failed':
      return true;
    default:
      return false;
  }
}

/** Whether a value received on the worker's port is a parent message. */
export function isPop3ParentMessage(value: unknown): value is Pop3ParentMessage {
  return isJobParentMessage(value, isObjectJob<Pop3RetrievalJob>);
}
