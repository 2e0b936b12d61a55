import type { EventPayloads } from '../../shared/ipc/contract';
import type { EventName } from '../../shared/ipc/names';

/** Receives every push event; transports forward them to their pages. */
export type EventSink = (name: EventName, payload: EventPayloads[EventName]) => void;

/** A typed publish/subscribe hub for the contract's push events. */
export interface EventHub {
  emit<E extends EventName>(name: E, payload: EventPayloads[E]): void;
  /** Adds a sink for every event; returns a function that removes it. */
  subscribe(sink: EventSink): () => void;
}

/**
 * Creates the event hub. A failing sink (a closed socket, a destroyed window) never stops delivery to
 * the others.
 */
export function createEventHub(onSinkError: (error: unknown) => void = () => {}): EventHub {
  const sinks = new Set<EventSink>();
  return {
    emit(name, payload) {
      for (const sink of [...sinks]) {
        try {
          sink(name, payload);
        } catch (error) {
          onSinkError(error);
        }
      }
    },
    subscribe(sink) {
      sinks.add(sink);
      return () => {
        sinks.delete(sink);
      };
    },
  };
}
