/**
 * Why a contact group could not be saved, in the window's language: main refuses a name another group
 * has with VALIDATION and that name as the detail, and keeps its English words for the log.
 */
import type { ErrorData } from '../../../shared/errors';
import type { Translate } from '../../../shared/i18n/catalogs';

/** The refusal of saving a group named `name` in the language of `t`; a refusal without known words as main gave it. */
export function groupSaveProblem(t: Translate, error: ErrorData, name: string): string {
  if (error.code === 'VALIDATION' && error.detail !== undefined && error.detail === name.trim()) return t('contacts.groupNameTaken', { name: error.detail });
  return error.message;
}
