/**
 * The words of the undo toast, in the language of the `t` they get, and the grouping of messages'
 * earlier states, kept apart from the requests so they are tested as plain data.
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
  return t(copy ? 'notice.copied' : 'notice.moved', { count, folder: folderName });
}

/** What the toast says after messages went to Trash. */
export function describeTrash(t: Translate, count: number): string {
  return t('notice.movedToTrash', { count });
}

/** What the toast says after a flag change. */
export function describeFlags(t: Translate, count: number, patch: FlagPatch): string {
  if (patch.seen !== undefined && patch.flagged !== undefined)
    return t('notice.readAndFlag', { count, seen: patch.seen ? 'yes' : 'no', flagged: patch.flagged ? 'yes' : 'no' });
  if (patch.seen !== undefined) return t(patch.seen ? 'notice.markedRead' : 'notice.markedUnread', { count });
  return t(patch.flagged === true ? 'notice.flagged' : 'notice.unflagged', { count });
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
