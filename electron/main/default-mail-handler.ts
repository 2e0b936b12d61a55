/**
 * Becoming the system's mail program only with the user's consent: when the installed app starts and is
 * not the mailto: handler, it asks (as Thunderbird does), and a cleared "Always check at startup" box
 * stops the question for good (the `checkDefaultMailHandler` setting).
 */
import type { Translate } from '../../shared/i18n/catalogs';

/** The URL scheme Mailbag handles for the system (RFC 6068). */
export const MAILTO_SCHEME = 'mailto';

/** The answer of the question's message box, as Electron's dialog.showMessageBox gives it. */
export interface ConsentAnswer {
  readonly response: number;
  readonly checkboxChecked?: boolean;
}

/** The question's message box, as dialog.showMessageBox takes it. */
export interface ConsentQuestion {
  readonly type: 'question';
  readonly title: string;
  readonly message: string;
  readonly buttons: string[];
  readonly defaultId: number;
  readonly cancelId: number;
  readonly checkboxLabel: string;
  readonly checkboxChecked: boolean;
}

/** What the check needs from Electron and the settings; supplied by the composition root. */
export interface DefaultMailHandlerOptions {
  readonly isPackaged: boolean;
  readonly checkAtStartup: boolean;
  readonly isDefault: () => boolean;
  readonly setDefault: () => boolean;
  readonly ask: (question: ConsentQuestion) => Promise<ConsentAnswer>;
  readonly setCheckAtStartup: (check: boolean) => Promise<void>;
  readonly t: Translate;
}

/** The index of "Make default" among the buttons. */
const MAKE_DEFAULT = 0;
/** The index of "Not now" among the buttons. */
const NOT_NOW = 1;

/**
 * At start: asks whether Mailbag should become the default mail program when the installed app is not
 * and the user has not turned the question off; registers it only on "Make default". Returns whether it
 * registered. A build run from the source tree never asks and never registers.
 */
export async function offerDefaultMailHandler(options: DefaultMailHandlerOptions): Promise<boolean> {
  if (!options.isPackaged || !options.checkAtStartup || options.isDefault()) return false;
  const { t } = options;
  const answer = await options.ask({
    type: 'question',
    title: t('main.defaultMailTitle'),
    message: t('main.defaultMailMessage'),
    buttons: [t('main.defaultMailMake'), t('main.defaultMailNotNow')],
    defaultId: MAKE_DEFAULT,
    cancelId: NOT_NOW,
    checkboxLabel: t('main.defaultMailAlwaysCheck'),
    checkboxChecked: true,
  });
  if (answer.checkboxChecked === false) await options.setCheckAtStartup(false);
  return answer.response === MAKE_DEFAULT && options.setDefault();
}
