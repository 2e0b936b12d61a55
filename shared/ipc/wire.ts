import { MAX_BODY_CHARACTERS, MAX_TOTAL_ATTACHMENT_BYTES } from '../compose-ops';
import type { ErrorData } from '../errors';

/** Room for everything of a request besides its bodies and attachments (ids, addresses, subject, JSON syntax). */
const WIRE_ENVELOPE_BYTES = 4 * 1024 * 1024;
/** Most UTF-8 bytes one JavaScript string character (UTF-16 unit) takes in JSON. */
const MAX_UTF8_BYTES_PER_CHARACTER = 3;

/**
 * Largest WebSocket message the browser bridge accepts, in bytes: the largest valid request, a
 * message with the most attachment bytes (base64, 4 characters per 3 bytes) and both bodies at their
 * longest, so every message compose may send fits and nothing larger is buffered.
 */
export const MAX_WIRE_MESSAGE_BYTES =
  Math.ceil(MAX_TOTAL_ATTACHMENT_BYTES / 3) * 4 + 2 * MAX_BODY_CHARACTERS * MAX_UTF8_BYTES_PER_CHARACTER + WIRE_ENVELOPE_BYTES;

/** What main sends back over the browser bridge: the answer to one request, or a push event. */
export type WireMessage =
  | { readonly kind: 'result'; readonly id: number; readonly result: { ok: true; value: unknown } | { ok: false; error: ErrorData } }
  | { readonly kind: 'event'; readonly name: string; readonly payload: unknown };
