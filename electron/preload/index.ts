import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createMailbagApi } from '../../shared/ipc/api';
import { EVENT_CHANNEL, isEventName, operationChannel, type EventName } from '../../shared/ipc/names';

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

/** The renderer's type of `window.mailbag`, derived from what this preload exposes. */
export type PreloadApi = typeof api;
