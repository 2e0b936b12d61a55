/**
 * Moving, copying, deleting and flagging messages from the window, each recorded in the undo history:
 * the messages' folders and flags are read first (`messageStates`), the change is made, and its undo
 * puts each message back where it was, with the flags it had. Each function resolves to null or to
 * the words of what went wrong; `t` words the toast in the window's language.
 */
import type { MessageStateView } from '../../shared/folder-ops';
import { bridge } from '../bridge';
import { recordUndo } from './undo';
import type { Translate } from '../../shared/i18n/catalogs';
import { describeFlags, describeMove, describeTrash, groupStates, type FlagPatch } from './undo-words';

async function statesOf(ids: readonly number[]): Promise<MessageStateView[] | string> {
  const result = await bridge.messageStates(ids);
  return result.ok ? [...result.value.messages] : result.error.message;
}

/** Moves each message back to the folder it was in. */
async function moveBack(states: readonly MessageStateView[]): Promise<string | null> {
  for (const [folderId, ids] of groupStates(states, (state) => state.folderId)) {
    const result = await bridge.moveMessages(ids, folderId);
    if (!result.ok) return result.error.message;
  }
  return null;
}

/** Moves (or copies) messages into a folder, undoably: undo moves them back (or deletes the copies). */
export async function moveMessagesUndoably(
  t: Translate,
  ids: readonly number[],
  folder: { readonly id: number; readonly name: string },
  copy: boolean,
): Promise<string | null> {
  if (copy) {
    const result = await bridge.copyMessages(ids, folder.id);
    if (!result.ok) return result.error.message;
    const copies = result.value.copies;
    recordUndo({
      description: describeMove(t, copies.length, folder.name, true),
      undo: async () => {
        const removed = await bridge.deleteMessagesPermanently(copies);
        return removed.ok ? null : removed.error.message;
      },
    });
    return null;
  }
  const states = await statesOf(ids);
  if (typeof states === 'string') return states;
  const result = await bridge.moveMessages(ids, folder.id);
  if (!result.ok) return result.error.message;
  const moved = states.filter((state) => state.folderId !== folder.id);
  recordUndo({ description: describeMove(t, ids.length, folder.name, false), undo: () => moveBack(moved) });
  return null;
}

/**
 * Deletes messages as the Delete key does (to Trash; those already in Trash for good, after the
 * window asked), undoably for those that went to Trash: undo moves them back.
 */
export async function deleteMessagesUndoably(t: Translate, ids: readonly number[], trashFolderIds: ReadonlySet<number>): Promise<string | null> {
  const states = await statesOf(ids);
  if (typeof states === 'string') return states;
  const result = await bridge.deleteMessages(ids);
  if (!result.ok) return result.error.message;
  const toTrash = states.filter((state) => !trashFolderIds.has(state.folderId));
  if (toTrash.length > 0 && result.value.movedToTrash > 0) {
    recordUndo({ description: describeTrash(t, result.value.movedToTrash), undo: () => moveBack(toTrash) });
  }
  return null;
}

/** Sets flags on messages, undoably: undo gives each message back the flags it had. */
export async function setFlagsUndoably(t: Translate, ids: readonly number[], patch: FlagPatch): Promise<string | null> {
  const states = await statesOf(ids);
  if (typeof states === 'string') return states;
  const result = await bridge.setMessageFlags({ ids: [...ids], ...patch });
  if (!result.ok) return result.error.message;
  recordUndo({
    description: describeFlags(t, ids.length, patch),
    undo: async () => {
      if (patch.seen !== undefined) {
        for (const [seen, group] of groupStates(states, (state) => state.seen)) {
          const restored = await bridge.setMessageFlags({ ids: group, seen });
          if (!restored.ok) return restored.error.message;
        }
      }
      if (patch.flagged !== undefined) {
        for (const [flagged, group] of groupStates(states, (state) => state.flagged)) {
          const restored = await bridge.setMessageFlags({ ids: group, flagged });
          if (!restored.ok) return restored.error.message;
        }
      }
      return null;
    },
  });
  return null;
}
