/**
 * Why part of an import source could not be read, as a code with its facts: main and the import worker
 * say it as data, and the window and the command line word it in the user's language (`--json` keeps the
 * data, the same in every language).
 */
import type { Translate } from './i18n/catalogs';

/** Why bytes of a source, a file or an Outlook item were not imported. */
export type ImportProblemReason =
  /** Larger than the most bytes one imported message may have (`limit`). */
  | { readonly code: 'too-large'; readonly limit: number }
  /** An empty message file. */
  | { readonly code: 'empty' }
  /** An mbox separator with no header fields after it. */
  | { readonly code: 'no-header' }
  /** An mbox separator followed by text that is not a header section. */
  | { readonly code: 'not-header' }
  /** Bytes before the first mbox separator. */
  | { readonly code: 'outside-message' }
  /** A file, the rest of an Outlook folder or its sub-folders could not be read; `detail` is the system's or the reader's own word for why. */
  | { readonly code: 'file-unreadable' | 'folder-rest-unreadable' | 'sub-folders-unreadable'; readonly detail: string }
  /** One Outlook item (by its node id) could not be read. */
  | { readonly code: 'item-unreadable'; readonly item: number; readonly detail: string };

/** The reason as a clause in the language of `t` ("the file is empty"), for "place: reason" lines. */
export function importProblemWords(t: Translate, reason: ImportProblemReason): string {
  switch (reason.code) {
    case 'too-large':
      return t('import.reason.tooLarge', { limit: reason.limit });
    case 'empty':
      return t('import.reason.empty');
    case 'no-header':
      return t('import.reason.noHeader');
    case 'not-header':
      return t('import.reason.notHeader');
    case 'outside-message':
      return t('import.reason.outsideMessage');
    case 'file-unreadable':
      return t('import.reason.fileUnreadable', { detail: reason.detail });
    case 'folder-rest-unreadable':
      return t('import.reason.folderRestUnreadable', { detail: reason.detail });
    case 'sub-folders-unreadable':
      return t('import.reason.subFoldersUnreadable', { detail: reason.detail });
    case 'item-unreadable':
      return t('import.reason.itemUnreadable', { item: String(reason.item), detail: reason.detail });
  }
}
