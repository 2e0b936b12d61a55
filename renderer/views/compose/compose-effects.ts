/** What the compose window does with the world outside its state: the modal dialog, loading, the server's size limit. */
import { useEffect, type Dispatch, type RefObject } from 'react';
import { bridge } from '../../bridge';
import type { ComposeRequest } from '../../state/navigation';
import type { ComposeContent } from './compose-content';
import { loadCompose, type LoadedCompose } from './compose-load';
import { errorText, type ComposeAction } from './compose-model';
import type { ComposeWords } from './compose-words';

/** Shows the dialog as modal while the window lives; Escape asks onCancel instead of closing at once. */
export function useModalDialog(dialog: RefObject<HTMLDialogElement | null>, onCancel: () => void): void {
  useEffect(() => {
    const box = dialog.current;
    if (box !== null && !box.open) box.showModal();
    return () => {
      if (box?.open === true) box.close();
    };
  }, []);
  // Bound again on every render so the listener sees the current state.
  useEffect(() => {
    const box = dialog.current;
    if (box === null) return;
    const cancel = (event: Event) => {
      event.preventDefault();
      onCancel();
    };
    box.addEventListener('cancel', cancel);
    return () => box.removeEventListener('cancel', cancel);
  });
}

/** Loads what the window starts from once; a result that arrives after the window closed is dropped. */
export function useComposeLoad(
  request: ComposeRequest,
  restored: () => ComposeContent | null,
  onLoaded: (loaded: LoadedCompose) => void,
  dispatch: Dispatch<ComposeAction>,
  words: ComposeWords,
): void {
  useEffect(() => {
    let active = true;
    loadCompose(request, request.kind === 'new' ? restored() : null, words)
      .then((result) => {
        if (!active) return;
        onLoaded(result);
        dispatch({ type: 'loaded', loaded: result });
      })
      .catch((reason: unknown) => {
        if (active) dispatch({ type: 'loadFailed', error: errorText(reason, words.t('compose.cannotOpen')) });
      });
    return () => {
      active = false;
    };
    // The request is fixed for the life of this window (and what it opened with stays in its first language).
  }, []);
}

/** Asks the outgoing server of the chosen account how large a message may be, again when the account changes. */
export function useSendSizeLimit(accountId: string | null, dispatch: Dispatch<ComposeAction>): void {
  useEffect(() => {
    if (accountId === null) return;
    let active = true;
    void bridge.getSendSizeLimit(accountId).then((result) => {
      if (active) dispatch({ type: 'limit', limit: result.ok ? result.value.maxMessageSize : null });
    });
    return () => {
      active = false;
    };
  }, [accountId]);
}
