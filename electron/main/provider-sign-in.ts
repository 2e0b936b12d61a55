/**
 * The window's "Sign in with Google/Microsoft" (setup, and "Sign in again" when the provider no longer
 * honours a sign-in): the provider's page opens in the system browser (Electron's shell) or, in the
 * browser bridge, in a new tab of the page itself; the account is saved once the token opened POP3.
 */
import { wordedError } from '../../shared/error-words';
import type { AccountSettings, SignInWith } from '../../shared/accounts';
import { createTranslator } from '../../shared/i18n/catalogs';
import type { OperationInput, SaveAccountResult } from '../../shared/ipc/contract';
import type { AccountService } from '../services/accounts';
import type { EventHub } from '../services/events';
import { signInWithBrowser } from '../services/oauth/browser-sign-in';
import type { OAuthConfiguration } from '../services/oauth/client-config';

/** What the sign-in needs from the composition root. */
export interface ProviderSignInOptions {
  readonly accounts: AccountService;
  readonly events: EventHub;
  readonly signInConfiguration: (client: SignInWith) => OAuthConfiguration;
  /** The system browser (Electron's shell.openExternal); absent where the page opens the tab itself. */
  readonly openExternal?: (url: URL) => Promise<void>;
}

/** Creates the handler body of signInWithProvider. */
export function createProviderSignIn(options: ProviderSignInOptions): (input: OperationInput<'signInWithProvider'>) => Promise<SaveAccountResult> {
  const { accounts, events } = options;
  return async (input) => {
    const settings: AccountSettings | null | undefined = input.settings ?? (input.accountId === undefined ? undefined : accounts.get(input.accountId).settings);
    if (settings === undefined || settings === null) throw wordedError('VALIDATION', { id: 'refusal.signInSetUpAgain' });
    const client = settings.signInWith;
    if (client === undefined) throw wordedError('VALIDATION', { id: 'refusal.passwordAccount' });
    // Says plainly (with the README's section) when this installation has no client id for the provider.
    const configuration = options.signInConfiguration(client);
    const openExternal = options.openExternal;
    const signedIn = await signInWithBrowser(configuration, {
      loginHint: settings.address,
      // The page the browser shows afterwards speaks the window's language.
      ...(input.locale === undefined ? {} : { translator: createTranslator(input.locale) }),
      openUrl: async (url) => {
        if (openExternal !== undefined) await openExternal(new URL(url));
        else events.emit('providerSignInPage', { url });
      },
    });
    const saved = await accounts.save({ settings, signedIn, ...(input.accountId === undefined ? {} : { id: input.accountId }) });
    events.emit('accountsChanged', accounts.list());
    return saved;
  };
}
