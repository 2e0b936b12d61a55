/**
 * With the tray icon on, closing the mail window keeps Mailbag running in the notification area (the
 * window is hidden, the tray's click shows it again); Quit from the tray or the application menu still
 * quits. macOS keeps its own rule: closing a window never quits there, the Dock brings it back.
 */
import type { Settings } from '../../shared/settings';

/** Whether closing the main window hides it instead of closing it. */
export function hidesOnClose(settings: Pick<Settings, 'trayIcon'>, platform: NodeJS.Platform, quitting: boolean): boolean {
  return settings.trayIcon && platform !== 'darwin' && !quitting;
}

/** The parts of a BrowserWindow the rule uses. */
interface ClosableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  hide(): void;
}

/** Hides the window on close while `hides()` says so, instead of letting it close. */
export function keepInTrayOnClose(window: ClosableWindow, hides: () => boolean): void {
  window.on('close', (event) => {
    if (!hides()) return;
    event.preventDefault();
    window.hide();
  });
}
