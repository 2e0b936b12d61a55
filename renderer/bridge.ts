import type { ErrorData, Result } from '../shared/errors';
import { createTranslator } from '../shared/i18n/catalogs';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../shared/i18n/locales';
import { createMailbagApi, type ContractTransport } from '../shared/ipc/api';
import { isEventName, type EventName, type OperationName } from '../shared/ipc/names';
import type { WireMessage } from '../shared/ipc/wire';
import type { PreloadApi } from '../electron/preload/index';
import { refusalsInLanguage } from './state/refusal-language';

declare global {
  interface Window {
    /** Present inside the Electron app, exposed by the preload. */
    readonly mailbag?: PreloadApi;
  }
}

/** The renderer's one way to reach main: the preload's API in Electron, the WebSocket otherwise. */
export type Bridge = PreloadApi;

/** Delays between reconnection attempts of the browser bridge, in milliseconds. */
const RECONNECT_DELAYS_MS = [250, 500, 1_000, 2_000, 5_000] as const;

/** The window's language as its document says it (the locale provider sets `lang`), for words said outside React. */
function documentLocale(): Locale {
  const lang = document.documentElement.lang;
  return LOCALES.find((locale) => locale === lang) ?? DEFAULT_LOCALE;
}

/** The failure of a request the dropped connection left unanswered, in the window's language. */
function disconnected(): ErrorData {
  return { code: 'NETWORK', message: createTranslator(documentLocale()).t('app.unreachable') };
}

/**
 * The browser bridge transport: the same contract over a WebSocket to the process that served this
 * page, authenticated with the token from the page's address. Requests made while connecting wait for
 * the connection; when it drops, every unanswered request fails with NETWORK (never hangs) and the
 * transport reconnects with growing delays.
 */
function socketTransport(): ContractTransport {
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const address = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/ws?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const waiting: string[] = [];
  const listeners = new Set<(name: EventName, payload: unknown) => void>();
  let nextId = 1;
  let attempt = 0;
  let socket: WebSocket;

  function connect(): void {
    socket = new WebSocket(address);
    socket.addEventListener('open', () => {
      attempt = 0;
      for (const message of waiting.splice(0)) socket.send(message);
    });
    socket.addEventListener('message', (event) => {
      const message = JSON.parse(String(event.data)) as WireMessage;
      if (message.kind === 'result') {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      } else if (isEventName(message.name)) {
        for (const listener of listeners) listener(message.name, message.payload);
      }
    });
    socket.addEventListener('close', () => {
      const error = disconnected();
      for (const resolve of pending.values()) resolve({ ok: false, error });
      pending.clear();
      waiting.length = 0;
      const delay = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)];
      attempt += 1;
      window.setTimeout(connect, delay);
    });
  }
  connect();

  return {
    invoke(name: OperationName, input: unknown) {
      const id = nextId++;
      const message = JSON.stringify({ id, operation: name, input });
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        if (socket.readyState === WebSocket.OPEN) socket.send(message);
        else waiting.push(message);
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/** The API every view uses. */
export const bridge: Bridge = refusalsInLanguage(window.mailbag ?? createMailbagApi(socketTransport()), () => createTranslator(documentLocale()).t);
