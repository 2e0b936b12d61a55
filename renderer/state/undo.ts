/**
 * The window's one undo history: an action on mail that can be taken back (a move, a delete to Trash,
 * a flag) records itself here after it succeeded, the toast says what was done with an Undo button,
 * and Ctrl+Z undoes the most recent one.
 *
 * To make an action undoable, call `recordUndo({ description, undo })` once it has succeeded:
 * `description` is what the toast says ("3 messages moved to Archive"), and `undo` puts things back and
 * resolves to null, or to the words of what went wrong. Read the state before acting (the contract's
 * `messageStates` gives messages' folders and flags) so `undo` restores exactly what was there.
 */
import { useSyncExternalStore } from 'react';
import type { UndoOutcomeWords } from './undo-words';

/** How many actions are kept: Ctrl+Z pressed again goes further back, as far as this. */
export const MAX_UNDO_ACTIONS = 20;

/** Something done that can be taken back. */
export interface UndoableAction {
  /** What was done, in words for the toast ("3 messages moved to Archive"). */
  readonly description: string;
  /** Takes it back; resolves to null, or to the words of what went wrong. */
  readonly undo: () => Promise<string | null>;
}

/** What the toast shows: the last action (while it can be undone) or the outcome of an undo. */
export interface UndoState {
  /** The action Ctrl+Z would undo now, or null. */
  readonly last: UndoableAction | null;
  /** The toast's text: the last action's description, "Undone: …", or why undoing failed. */
  readonly message: string | null;
  /** Counts every change, so the toast shows again (and restarts its timer) for a new action. */
  readonly serial: number;
  /** True while an undo runs (a second Ctrl+Z waits for it instead of undoing two things at once). */
  readonly busy: boolean;
}

/** A bounded history of undoable actions, newest last, with the toast's state. */
export class UndoHistory {
  private readonly actions: UndoableAction[] = [];
  private state: UndoState = { last: null, message: null, serial: 0, busy: false };
  private readonly listeners = new Set<() => void>();

  /** The toast's state now. */
  snapshot(): UndoState {
    return this.state;
  }

  /** Calls `listener` after every change; returns the function that stops it. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Adds a done action: it becomes the one Ctrl+Z undoes, and the toast says what it was. */
  record(action: UndoableAction): void {
    this.actions.push(action);
    if (this.actions.length > MAX_UNDO_ACTIONS) this.actions.shift();
    this.update(action.description);
  }

  /**
   * Undoes the most recent action (nothing when there is none or one is being undone); resolves to its
   * failure or null. `words` say in the window's language that it was undone or why it could not be.
   */
  async undoLast(words: UndoOutcomeWords): Promise<string | null> {
    if (this.state.busy) return null;
    const action = this.actions.pop();
    if (action === undefined) return null;
    this.state = { ...this.state, busy: true };
    let failure: string | null;
    try {
      failure = await action.undo();
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    this.state = { ...this.state, busy: false };
    this.update(failure === null ? words.undone(action.description) : words.failed(action.description, failure));
    return failure;
  }

  /** Hides the toast; the history stays, so Ctrl+Z still works. */
  dismiss(): void {
    this.state = { ...this.state, message: null, serial: this.state.serial + 1 };
    this.emit();
  }

  /** Forgets every action (a new profile, a test). */
  clear(): void {
    this.actions.length = 0;
    this.update(null);
  }

  private update(message: string | null): void {
    this.state = { last: this.actions.at(-1) ?? null, message, serial: this.state.serial + 1, busy: this.state.busy };
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

/** The mail window's history: every undoable action of the window goes here. */
export const windowUndo = new UndoHistory();

/** Records a done action in the window's history (see the module comment). */
export function recordUndo(action: UndoableAction): void {
  windowUndo.record(action);
}

/** The window history's state, re-rendering on every change. */
export function useUndoState(): UndoState {
  return useSyncExternalStore(
    (listener) => windowUndo.subscribe(listener),
    () => windowUndo.snapshot(),
  );
}
