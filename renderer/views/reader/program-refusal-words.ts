/**
 * Main refuses to open an attachment that is a program or script and says what it is as data; the
 * window words it here in its own language.
 */
import type { Translate } from '../../../shared/i18n/catalogs';
import type { ProgramKind } from '../../../shared/mail';

/** Main's refusal to open a program or script, in the window's language, naming what it really is. */
export function programRefusalWords(t: Translate, fileName: string, kind: ProgramKind): string {
  switch (kind.by) {
    case 'name':
      return t('attachments.refusedByName', { name: fileName, extension: kind.extension });
    case 'type':
      return t('attachments.refusedByType', { name: fileName, type: kind.contentType });
    case 'content':
      return t('attachments.refusedByContent', { name: fileName, program: kind.program });
  }
}
