/**
 * The doctor's step for an account that signs in with its provider: the sign-in is renewed (proving
 * the provider still honours it) and the permissions it grants are compared with those Mailbag asks for.
 */
import type { DoctorStatus, DoctorStepId } from '../../../shared/doctor';
import { sayWords } from '../../../shared/error-words';
import { toErrorData, type ErrorData } from '../../../shared/errors';
import type { Translate } from '../../../shared/i18n/catalogs';
import { scopesWords } from '../oauth/granted-scopes';
import type { SignInCheck } from '../oauth/token-keeper';

/** How the step reports (the doctor's own `report`). */
type Report = (id: DoctorStepId, status: DoctorStatus, summary: string, extra?: { advice?: string; error?: ErrorData }) => void;

/** Runs the step; the renewed access token when the servers can be tried with it, else undefined. */
export async function checkProviderSignIn(check: () => Promise<SignInCheck>, report: Report, t: Translate): Promise<string | undefined> {
  let result: SignInCheck;
  try {
    result = await check();
  } catch (error) {
    const data = toErrorData(error);
    // A refused renewal is the provider no longer honouring the sign-in: said in the chosen language,
    // with what to do; other failures quote what went wrong (the error keeps its code for scripts).
    if (data.code === 'AUTH_FAILED')
      report('provider-sign-in', 'failed', t('doctor.provider.revoked'), {
        error: data,
        advice: t('doctor.provider.signInAgainAdvice', { button: t('status.signInAgain') }),
      });
    else report('provider-sign-in', 'failed', data.message, { error: data });
    return undefined;
  }
  if (result.missingScopes.length > 0) {
    const named = scopesWords(result.missingScopes);
    const names = typeof named === 'string' ? named : sayWords(t, named);
    report('provider-sign-in', 'failed', t('doctor.provider.missing', { names }), { advice: t('doctor.provider.missingAdvice', { names }) });
    return result.accessToken;
  }
  report('provider-sign-in', 'ok', t('doctor.provider.ok'));
  return result.accessToken;
}
