/**
 * The words of the undo toast and the grouping of messages' earlier states, kept apart from the
 * requests so they are tested as plain data.
 */
import type { MessageStateView } from '../../shared/folder-ops';

/** A flag change the window makes. */
export interface FlagPatch {
  readonly seen?: boolean;
  readonly flagged?: boolean;
}

/** "1 message" or "3 messages". */
export function messageCount(count: number): string {
  return count === 1 ? '1 message' : `${count} messages`;
}

/** What the toast says after moving or copying. */
export function describeMove(count: number, folderName: string, copy: boolean): string {
  return `${messageCount(count)} ${copy ? 'copied' : 'moved'} to ${folderName}`;
}

/** What the toast says after a flag change. */
export function describeFlags(count: number, patch: FlagPatch): string {
  const words: string[] = [];
  if (patch.seen !== undefined) words.push(patch.seen ? 'marked as read' : 'marked as unread');
  if (patch.flagged !== undefined) words.push(patch.flagged ? 'flagged' : 'unflagged');
  return `${messageCount(count)} ${words.join(' and ')}`;
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
