/**
 * The Outbox service: a persistent queue of composed messages, sent with retries and backoff, never
 * twice to a recipient that accepted it, never resent when it may have reached the server.
 */
export {
  createOutbox,
  type Outbox,
  type OutboxComposeInput,
  type OutboxComposer,
  type OutboxEntry,
  type OutboxFlushResult,
  type OutboxHold,
  type OutboxOptions,
  type OutboxSender,
} from './outbox-service';
export {
  AMBIGUOUS_REASON,
  FIRST_RETRY_DELAY_MS,
  INTERRUPTED_REASON,
  MAX_RETRY_DELAY_MS,
  MAX_SEND_ATTEMPTS,
  RETRY_BACKOFF_FACTOR,
  retryDelayMs,
  type OutboxAttemptResult,
} from './policy';
export { prepareEml, type PreparedEml } from './eml';
export type { OutboxRecipient, OutboxRecipientStatus, OutboxState } from '../../storage/outbox';
