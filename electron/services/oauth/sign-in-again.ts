import type { ErrorWords } from '../../../shared/errors';

/** The words of the sign-in prompt when the provider no longer honours the saved grant. */
export const SIGN_IN_AGAIN_MESSAGE = 'The sign-in with the provider is no longer valid. Sign in again to continue.';
/** The same sentence as a catalog message, so the window and the command line say it in the reader's language. */
export const SIGN_IN_AGAIN_WORDS: ErrorWords = { id: 'refusal.signInRevoked' };
