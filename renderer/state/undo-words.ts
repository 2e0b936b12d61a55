/**
 * The words of the undo toast (in the window's language, through `t`) and the grouping of messages' earlier states, kept apart from the
 * requests so they are tested as plain data.
 */
import type { MessageStateView } from '../../shared/folder-ops';
import type { Translate } from '../../shared/i18n/catalogs';

/** A flag change the window makes. */
export interface FlagPatch {
  readonly seen?: boolean;
  readonly flagged?: boolean;
}

/** What the toast says after moving or copying. */
export function describeMove(t: Translate, count: number, folderName: string, copy: boolean): string {
  return t(copy ? 'undo.copied' : 'undo.moved', { count, folder: folderName });
}

/** What the toast says after deleting to Trash. */
export function describeTrash(t: Translate, count: number): string {
  return t('undo.movedToTrash', { count });
}

/** What the toast says after a flag change. */
export function describeFlags(t: Translate, count: number, patch: FlagPatch): string {
  const read = patch.seen === undefined ? 'none' : patch.seen ? 'read' : 'unread';
  const flag = patch.flagged === undefined ? 'none' : patch.flagged ? 'flagged' : 'unflagged';
  return t('undo.flags', { count, read, flag });
}

/** The toast's words after an undo: that it was undone, or why it could not be. */
export interface UndoOutcomeWords {
  readonly undone: (description: string) => string;
  readonly failed: (description: string, failure: string) => string;
}

/** The outcome words in the window's language. */
export function undoOutcomeWords(t: Translate): UndoOutcomeWords {
  return {
    undone: (description) => t('undo.undone', { action: description }),
    failed: (description, failure) => t('undo.failed', { action: description, failure }),
  };
}

/** Ids grouped by a key of their state (their folder, a flag), so each group is restored with one request. */
export function groupStates<K>(states: readonly MessageStateView[], keyOf: (state: MessageStateView) => K): Map<K, number[]> {
  const groups = new Map<K, number[]>();
  for (const state of states) {
    const key = keyOf(state);
    groups.set(key, [...(groups.get(key) ?? []), state.id]);
  }
  return groups;
}
