/**
 * The Outbox service: a persistent queue of composed messages, sent with retries and backoff, never
 * twice to a recipient that accepted it, never resent when it may have reached the server.
 */
export {
  createOutbox,
  type Outbox,
  type OutboxComposeInput,
  type OutboxEntry,
  type OutboxFlushResult,
  type OutboxHold,
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
} from './policy';
export { prepareEml } from './eml';
