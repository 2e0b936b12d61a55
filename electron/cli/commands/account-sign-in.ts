/**
 * The provider sign-in of `mailbag account add --oauth`: the address of the provider's page is printed
 * (and opened with xdg-open only when asked), Mailbag waits for the browser's redirect on 127.0.0.1;
 * `--device` prints a page and a code to type on another device instead (RFC 8628).
 */
import { spawn } from 'node:child_process';
import { signInWithSchema, type SignInWith } from '../../../shared/accounts';
import { findProviderByDomain } from '../../../shared/providers';
import type { Core } from '../../main/core';
import { signInWithBrowser } from '../../services/oauth/browser-sign-in';
import { signInWithDeviceCode } from '../../services/oauth/device-sign-in';
import type { TokenSet } from '../../services/oauth/token-endpoint';
import { translatorOf, UsageError, type CommandContext } from '../command';
import { visibleControls } from '../../../shared/terminal-text';

/** How the user signs in: a browser on this machine, or a code typed on another device. */
export interface ProviderSignInChoice {
  readonly client: SignInWith;
  readonly device: boolean;
  /** Start the desktop's browser with xdg-open besides printing the address. */
  readonly openBrowser: boolean;
}

/**
 * The provider an `--oauth` account signs in with: named by `--oauth-provider`, else the one the
 * provider table knows for the address's domain (Gmail, Outlook.com); a custom domain hosted by
 * Microsoft 365 names it.
 */
export function signInClientFor(address: string, named: string | undefined): SignInWith {
  if (named !== undefined) {
    const parsed = signInWithSchema.safeParse(named);
    if (!parsed.success) throw new UsageError('cli.signIn.provider', { providers: signInWithSchema.options.join(', ') });
    return parsed.data;
  }
  const client = findProviderByDomain(address.slice(address.lastIndexOf('@') + 1))?.oauth?.client;
  if (client === undefined) {
    throw new UsageError('cli.signIn.unknownProvider', { address, providers: signInWithSchema.options.join('|') });
  }
  return client;
}

/** Starts the desktop's browser on `url`; a failure only means the user opens the printed address. */
function openWithXdg(url: string, context: CommandContext): void {
  const child = spawn('xdg-open', [url], { stdio: 'ignore', detached: true });
  child.on('error', () => context.streams.stderr.write(`${translatorOf(context).t('cli.signIn.noXdgOpen')}\n`));
  child.unref();
}

/** Runs the sign-in with the provider and returns its tokens (kept by the account service once the account is saved). */
export async function signInForAccount(core: Core, context: CommandContext, choice: ProviderSignInChoice, address: string): Promise<TokenSet> {
  const configuration = core.signInConfiguration(choice.client);
  const { stderr } = context.streams;
  const { t } = translatorOf(context);
  if (choice.device) {
    return signInWithDeviceCode(configuration, {
      showPrompt: (prompt) => {
        stderr.write(`${visibleControls(t('cli.signIn.device', { url: prompt.verificationUri, code: prompt.userCode }))}\n`);
        stderr.write(`${t('cli.signIn.waiting')}\n`);
      },
    });
  }
  return signInWithBrowser(configuration, {
    loginHint: address,
    translator: translatorOf(context),
    openUrl: (url) => {
      stderr.write(`${t('cli.signIn.browser')}\n${visibleControls(url)}\n`);
      if (choice.openBrowser) openWithXdg(url, context);
    },
  });
}
