/**
 * The words of the message box that says Mailbag could not start: the failure's sentence in the user's
 * language (the code's, as Settings says it), then the facts support needs (a path, the system's own
 * words), which stay as they are.
 */
import { MailbagError, toErrorData } from '../../shared/errors';
import type { Translate } from '../../shared/i18n/catalogs';
import { describeError } from '../services/logger';

/** The message box's text for a failure to start, in the language of `t`. */
export function startFailureText(t: Translate, error: unknown): string {
  const sentence = t(`settings.error.${toErrorData(error).code}`);
  const facts = error instanceof MailbagError ? error.detail : describeError(error);
  return facts === undefined || facts === '' ? sentence : `${sentence}\n\n${facts}`;
}
