import type { ErrorData } from '../errors';

/** Largest WebSocket message the browser bridge accepts, in bytes. */
export const MAX_WIRE_MESSAGE_BYTES = 16 * 1024 * 1024;

/** A request from the page to main over the browser bridge. */
export interface WireRequest {
  readonly id: number;
  readonly operation: string;
  readonly input?: unknown;
}

/** What main sends back over the browser bridge: the answer to one request, or a push event. */
export type WireMessage =
  | { readonly kind: 'result'; readonly id: number; readonly result: { ok: true; value: unknown } | { ok: false; error: ErrorData } }
  | { readonly kind: 'event'; readonly name: string; readonly payload: unknown };
