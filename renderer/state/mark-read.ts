import { useEffect, useRef } from 'react';

/**
 * Marks the message shown in the reader read, once per showing: at once (`delaySeconds` 0), after the
 * delay if it is still the one shown (choosing another message first cancels the wait, as in
 * Thunderbird), or never (null). A message marked unread by hand while shown stays unread.
 */
export function useMarkShownRead(shownId: number | null, unread: boolean, delaySeconds: number | null, markRead: (id: number) => void): void {
  const handled = useRef<number | null>(null);
  const mark = useRef(markRead);
  mark.current = markRead;
  useEffect(() => {
    if (shownId === handled.current) return;
    if (shownId === null || !unread || delaySeconds === null) {
      handled.current = shownId;
      return;
    }
    if (delaySeconds === 0) {
      handled.current = shownId;
      mark.current(shownId);
      return;
    }
    // Only once the time has passed is this showing done; a new selection clears the timer first.
    const timer = window.setTimeout(() => {
      handled.current = shownId;
      mark.current(shownId);
    }, delaySeconds * 1000);
    return () => window.clearTimeout(timer);
  }, [shownId, unread, delaySeconds]);
}
