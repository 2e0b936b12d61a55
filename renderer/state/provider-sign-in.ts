import { useEffect, useState } from 'react';
import type { SignInWith } from '../../shared/accounts';
import type { Translate } from '../../shared/i18n/catalogs';
import type { OperationRequest, OperationResult } from '../../shared/ipc/contract';
import { bridge } from '../bridge';

/** The words of the button that signs in with a provider's own page, in the language of `t`. */
export function signInLabel(t: Translate, provider: SignInWith): string {
  return t(provider === 'google' ? 'setup.signInGoogle' : 'setup.signInMicrosoft');
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

/**
 * The accounts that sign in with a provider instead of a password, reloaded whenever `key` changes
 * (the folder tree, which changes when accounts are added or edited), so their prompts say "Sign in
 * again…" rather than asking for a password they do not have.
 */
export function useProviderAccounts(key: unknown): ReadonlySet<string> {
  const [accounts, setAccounts] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    let live = true;
    void bridge.listAccounts().then((result) => {
      if (!live || !result.ok) return;
      setAccounts(new Set(result.value.filter((account) => account.settings?.signInWith !== undefined).map((account) => account.id)));
    });
    return () => {
      live = false;
    };
  }, [key]);
  return accounts;
}
