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
import { UsageError, type CommandContext } from '../command';
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
    if (!parsed.success) throw new UsageError(`--oauth-provider must be ${signInWithSchema.options.join(' or ')}.`);
    return parsed.data;
  }
  const client = findProviderByDomain(address.slice(address.lastIndexOf('@') + 1))?.oauth?.client;
  if (client === undefined) {
    throw new UsageError(
      `Mailbag does not know which provider signs ${address} in; name it with --oauth-provider ${signInWithSchema.options.join('|')} (Microsoft 365 with your own domain: microsoft).`,
    );
  }
  return client;
}

/** Starts the desktop's browser on `url`; a failure only means the user opens the printed address. */
function openWithXdg(url: string, context: CommandContext): void {
  const child = spawn('xdg-open', [url], { stdio: 'ignore', detached: true });
  child.on('error', () => context.streams.stderr.write('xdg-open could not be started: open the address above yourself.\n'));
  child.unref();
}

/** Runs the sign-in with the provider and returns its tokens (kept by the account service once the account is saved). */
export async function signInForAccount(core: Core, context: CommandContext, choice: ProviderSignInChoice, address: string): Promise<TokenSet> {
  const configuration = core.signInConfiguration(choice.client);
  const { stderr } = context.streams;
  if (choice.device) {
    return signInWithDeviceCode(configuration, {
      showPrompt: (prompt) => {
        stderr.write(`${visibleControls(`To sign in, open ${prompt.verificationUri} on any device and enter the code ${prompt.userCode}`)}\n`);
        stderr.write('Waiting for the sign-in…\n');
      },
    });
  }
  return signInWithBrowser(configuration, {
    loginHint: address,
    openUrl: (url) => {
      stderr.write(`Open this address in your browser to sign in (Mailbag waits for the answer):\n${visibleControls(url)}\n`);
      if (choice.openBrowser) openWithXdg(url, context);
    },
  });
}
