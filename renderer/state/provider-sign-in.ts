import type { SignInWith } from '../../shared/accounts';
import type { OperationRequest, OperationResult } from '../../shared/ipc/contract';
import { bridge } from '../bridge';

/** The words of the button that signs in with a provider's own page. */
export function signInLabel(provider: SignInWith): string {
  return provider === 'google' ? 'Sign in with Google' : 'Sign in with Microsoft';
}

/** Only web pages are opened from main's event: the provider's page is https (http on this computer). */
const WEB_PAGE = /^https?:\/\//i;

/**
 * Signs an account in with its provider ("Sign in with Google/Microsoft", "Sign in again"). The desktop
 * app opens the provider's page in the system browser itself; in the browser bridge main sends the page
 * and it opens here in a new tab, never inside Mailbag's own page.
 */
export async function signInWithProvider(request: OperationRequest<'signInWithProvider'>): Promise<OperationResult<'signInWithProvider'>> {
  const stop = bridge.on('providerSignInPage', ({ url }) => {
    if (WEB_PAGE.test(url)) window.open(url, '_blank', 'noopener');
  });
  try {
    return await bridge.signInWithProvider(request);
  } finally {
    stop();
  }
}
