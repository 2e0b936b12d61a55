import { wordedErrorData } from '../../shared/error-words';
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { Result } from '../../shared/errors';
import { EVENT_CHANNEL, OPERATION_NAMES, operationChannel } from '../../shared/ipc/names';
import type { Registry } from '../ipc/registry';
import { isTrustedSender, type SenderFrame } from '../ipc/sender';
import type { EventHub } from '../services/events';

const forbidden: Result<never> = {
  ok: false,
  error: wordedErrorData('FORBIDDEN_SENDER', { id: 'refusal.foreignSender' }),
};

function senderFrame(event: IpcMainInvokeEvent): SenderFrame | null {
  const frame = event.senderFrame;
  if (frame === null || frame === undefined) return null;
  return { url: frame.url, isTopFrame: frame.parent === null };
}

/**
 * Carries the contract over Electron IPC: one `ipcMain.handle` per operation, each refusing any
 * sender that is not the app's own top frame before the registry validates the input. Returns a
 * function that removes the handlers.
 */
export function registerIpcHandlers(registry: Registry, appOrigin: string): () => void {
  for (const name of OPERATION_NAMES) {
    ipcMain.handle(operationChannel(name), (event, input: unknown) => {
      if (!isTrustedSender(senderFrame(event), appOrigin)) return forbidden;
      return registry.dispatch(name, input, { transport: 'electron' });
    });
  }
  return () => {
    for (const name of OPERATION_NAMES) ipcMain.removeHandler(operationChannel(name));
  };
}

/** Forwards every push event to the given windows' pages; returns a function that stops it. */
export function forwardEvents(events: EventHub, targets: () => readonly WebContents[]): () => void {
  return events.subscribe((name, payload) => {
    for (const contents of targets()) {
      if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, name, payload);
    }
  });
}
