/**
 * Why `mailbag rules import` left a Thunderbird filter out, in the user's language: the importer says
 * it as a code with Thunderbird's own words for the condition, field or actions, which stay as they came.
 */
import type { Translator } from '../../shared/i18n/catalogs';
import type { FilterSkipReason } from '../jobs/import/thunderbird/filter-rules';
import { errorText } from './output';

/** The reason as a clause for "Not imported: “name”: reason". */
export function filterSkipWords(translator: Translator, reason: FilterSkipReason): string {
  const { t } = translator;
  switch (reason.code) {
    case 'every-message':
      return t('cli.rules.skip.everyMessage');
    case 'condition-unreadable':
      return t('cli.rules.skip.conditionUnreadable');
    case 'condition-unmapped':
      return t('cli.rules.skip.conditionUnmapped', { condition: reason.condition });
    case 'field-unmapped':
      return t('cli.rules.skip.fieldUnmapped', { field: reason.field });
    case 'size-not-number':
      return t('cli.rules.skip.sizeNotNumber', { value: reason.value });
    case 'actions-unmapped':
      return reason.actions.length === 0 ? t('cli.rules.skip.noActions') : t('cli.rules.skip.actionsUnmapped', { actions: reason.actions.join(', ') });
    case 'same-name':
      return t('cli.rules.skip.sameName');
    case 'refused':
      return errorText(reason.error, translator);
  }
}
