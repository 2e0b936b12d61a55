import type { ErrorData, Result } from '../../shared/errors';

/** Unwraps a contract result for views that show the error's plain words. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new BridgeError(result.error);
}

/** A failed contract call, carrying the error data from main. */
export class BridgeError extends Error {
  readonly data: ErrorData;
  constructor(data: ErrorData) {
    super(data.message);
    this.name = 'BridgeError';
    this.data = data;
  }
}
