import { contextBridge, ipcRenderer, webFrame, type IpcRendererEvent } from 'electron';
import { createMailbagApi } from '../../shared/ipc/api';
import { EVENT_CHANNEL, isEventName, operationChannel, type EventName } from '../../shared/ipc/names';
import { MAX_SPELLING_WORD_LENGTH, MAX_SPELLING_WORDS } from '../../shared/spelling';

/**
 * The preload: exposes exactly the contract's operations, one named function each, on
 * `window.mailbag`. The page never sees ipcRenderer or a generic invoke.
 */
const api = createMailbagApi({
  invoke: (name, input) => ipcRenderer.invoke(operationChannel(name), input),
  subscribe(listener) {
    const handler = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (isEventName(name)) listener(name satisfies EventName, payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
});

contextBridge.exposeInMainWorld('mailbag', api);

/**
 * The spell checker's verdict on words, for "check spelling before sending": the page gives words,
 * never more than the bound, and learns which of them the app's spell checker marks as misspelled.
 */
const spelling = Object.freeze({
  misspelled(words: unknown): string[] {
    if (!Array.isArray(words)) return [];
    return words
      .slice(0, MAX_SPELLING_WORDS)
      .filter((word): word is string => typeof word === 'string' && word.length > 0 && word.length <= MAX_SPELLING_WORD_LENGTH)
      .filter((word) => webFrame.isWordMisspelled(word));
  },
});

contextBridge.exposeInMainWorld('mailbagSpelling', spelling);

/** The renderer's type of `window.mailbag`, derived from what this preload exposes. */
export type PreloadApi = typeof api;

/** The renderer's type of `window.mailbagSpelling`. */
export type PreloadSpelling = typeof spelling;
