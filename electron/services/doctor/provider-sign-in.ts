/**
 * The doctor's step for an account that signs in with its provider: the sign-in is renewed (proving
 * the provider still honours it) and the permissions it grants are compared with those Mailbag asks for.
 */
import type { DoctorStatus, DoctorStepId } from '../../../shared/doctor';
import { toErrorData, type ErrorData } from '../../../shared/errors';
import { scopeName } from '../oauth/granted-scopes';
import type { SignInCheck } from '../oauth/token-keeper';

/** What to do when the provider no longer honours the sign-in. */
const SIGN_IN_AGAIN_ADVICE = 'Sign in with the provider again: “Sign in again” in the window, or mailbag account add --oauth on the command line.';

/** How the step reports (the doctor's own `report`). */
type Report = (id: DoctorStepId, status: DoctorStatus, summary: string, extra?: { advice?: string; error?: ErrorData }) => void;

/** Runs the step; the renewed access token when the servers can be tried with it, else undefined. */
export async function checkProviderSignIn(check: () => Promise<SignInCheck>, report: Report): Promise<string | undefined> {
  let result: SignInCheck;
  try {
    result = await check();
  } catch (error) {
    const data = toErrorData(error);
    const advice = data.code === 'AUTH_FAILED' ? { advice: SIGN_IN_AGAIN_ADVICE } : {};
    report('provider-sign-in', 'failed', data.message, { error: data, ...advice });
    return undefined;
  }
  if (result.missingScopes.length > 0) {
    const names = result.missingScopes.map(scopeName).join('; ');
    report('provider-sign-in', 'failed', `The sign-in does not allow everything Mailbag needs; missing: ${names}.`, {
      advice: `Sign in again and allow: ${names}.`,
    });
    return result.accessToken;
  }
  report('provider-sign-in', 'ok', 'The provider renewed the sign-in, and it allows everything Mailbag needs.');
  return result.accessToken;
}
