/** The origin the app's own pages are served from inside Electron (see the main process protocol). */
export const APP_ORIGIN = 'app://mailbag';

/** What the Electron transport knows about the frame that sent a request. */
export interface SenderFrame {
  /** The frame's current URL; empty or missing when the frame is gone. */
  readonly url: string | undefined;
  /** True when the frame is the top frame of its window (not an iframe such as a message view). */
  readonly isTopFrame: boolean;
}

/**
 * Whether a request may be served: only the app's own top frame may call the contract. A message
 * shown in a sandboxed iframe, a navigated-away page or a destroyed frame is refused.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, appOrigin: string = APP_ORIGIN): boolean {
  if (frame === null || frame === undefined || !frame.isTopFrame || frame.url === undefined) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  return `${url.protocol}//${url.host}` === appOrigin;
}
