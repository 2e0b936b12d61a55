import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { bridge } from '../../bridge';
import { useT } from '../../state/locale';
import { useNavigation } from '../../state/navigation';
import type { ComposeContent } from './compose-content';
import './compose.css';

/** A message just sent from compose, still held in the Outbox for the undo delay. */
interface SentMessage {
  readonly outboxId: number;
  readonly accountId: string;
  readonly content: ComposeContent;
  /** When the undo delay ends (milliseconds since the epoch). */
  readonly until: number;
}

/** Undo send, for compose (announce) and for the compose reopened by Undo (take the content back). */
export interface UndoSend {
  /** Shows the undo toast for a message held until `until`. */
  announce(message: SentMessage): void;
  /** The content Undo took back, once: a compose opened by Undo starts from it. */
  takeRestored(): ComposeContent | null;
}

const UndoSendContext = createContext<UndoSend | null>(null);

/** Undo send of the window; null outside the provider (compose then shows no toast). */
export function useUndoSend(): UndoSend | null {
  return useContext(UndoSendContext);
}

/** How often the countdown is redrawn. */
const TICK_MS = 250;

/**
 * Keeps the undo toast alive after compose closes: "Message sent" with a countdown and Undo, for as
 * long as the message is held in the Outbox. Undo removes it from the Outbox (refused once sending has
 * started) and reopens compose with the same content.
 */
export function UndoSendProvider(props: { readonly children: ReactNode }) {
  const navigation = useNavigation();
  const t = useT();
  const [current, setCurrent] = useState<SentMessage | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const restored = useRef<ComposeContent | null>(null);

  useEffect(() => {
    if (current === null) return;
    const timer = window.setInterval(() => {
      const time = Date.now();
      setNow(time);
      if (time >= current.until) setCurrent(null);
    }, TICK_MS);
    return () => window.clearInterval(timer);
  }, [current]);

  const undo = useCallback(async () => {
    if (current === null) return;
    const result = await bridge.removeOutboxMessage(current.outboxId);
    if (!result.ok) {
      setProblem(result.error.message);
      setCurrent(null);
      return;
    }
    restored.current = current.content;
    setCurrent(null);
    navigation.openCompose({ kind: 'new', accountId: current.accountId });
  }, [current, navigation]);

  const value = useMemo<UndoSend>(
    () => ({
      announce(message) {
        setProblem(null);
        setNow(Date.now());
        setCurrent(message);
      },
      takeRestored() {
        const content = restored.current;
        restored.current = null;
        return content;
      },
    }),
    [],
  );

  const seconds = current === null ? 0 : Math.max(0, Math.ceil((current.until - now) / 1000));
  return (
    <UndoSendContext.Provider value={value}>
      {props.children}
      {current !== null && (
        <div className="undo-toast" role="status" aria-live="polite">
          <span>{t('compose.sent', { seconds })}</span>
          <button type="button" onClick={() => void undo()}>
            {t('undo.undo')}
          </button>
        </div>
      )}
      {problem !== null && (
        <div className="undo-toast undo-toast-problem" role="alert">
          <span>{problem}</span>
          <button type="button" onClick={() => setProblem(null)}>
            {t('compose.dismiss')}
          </button>
        </div>
      )}
    </UndoSendContext.Provider>
  );
}
