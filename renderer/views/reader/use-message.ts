import { useCallback, useEffect, useRef, useState } from 'react';
import type { MessageView } from '../../../shared/mail';
import { bridge } from '../../bridge';
import { useT } from '../../state/locale';
import { classifyMailUrl, normalizeContentId, referencedContentIds } from '../../mail-html/mail-urls';
import { htmlSources } from './message-parts';

/** A message being loaded for the reader. */
export type MessageState =
  | { readonly status: 'idle' }
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string }
  | {
      readonly status: 'ready';
      readonly message: MessageView;
      readonly inlineParts: ReadonlyMap<string, string>;
      readonly inlineContentIds: ReadonlySet<string>;
    };

function dataUrl(contentType: string, base64: string): string | null {
  const type = contentType.toLowerCase().split(';')[0]?.trim() ?? '';
  const url = `data:${type};base64,${base64}`;
  return /^image\/[a-z0-9.+-]+$/.test(type) && classifyMailUrl(url) === 'data-image' ? url : null;
}

/**
 * The inline images the HTML refers to by cid:, as data: URLs keyed by normalized Content-ID. They
 * come with the message (read once, capped, in the display worker), so nothing here waits or loops.
 */
function inlineParts(message: MessageView): { parts: Map<string, string>; referenced: Set<string> } {
  const parts = new Map<string, string>();
  const sources = htmlSources(message.parts);
  if (sources.length === 0) return { parts, referenced: new Set() };
  const referenced = new Set(sources.flatMap((source) => [...referencedContentIds(source)]));
  for (const image of message.inlineImages) {
    const contentId = normalizeContentId(image.contentId);
    const url = referenced.has(contentId) ? dataUrl(image.contentType, image.base64) : null;
    if (url !== null) parts.set(contentId, url);
  }
  return { parts, referenced };
}

/**
 * Loads one message and its inline images for the reader; `reload` fetches it again (after the rest of
 * a partial message arrived), `showAllParts` fetches it with every part of a very long body. A newer
 * selection always wins over an older answer still on its way.
 */
export function useMessage(messageId: number | null): { state: MessageState; reload: () => void; showAllParts: () => void } {
  const [state, setState] = useState<MessageState>({ status: 'idle' });
  const [generation, setGeneration] = useState(0);
  const [allPartsOf, setAllPartsOf] = useState<number | null>(null);
  const latest = useRef(0);
  // The words of a failure that has no message of its own, in the language at the time it happens.
  const t = useT();
  const words = useRef(t);
  words.current = t;
  const allParts = messageId !== null && allPartsOf === messageId;

  useEffect(() => {
    if (messageId === null) {
      setState({ status: 'idle' });
      return;
    }
    const request = ++latest.current;
    setState((previous) => (previous.status === 'ready' && previous.message.id === messageId ? previous : { status: 'loading' }));
    void (async () => {
      const result = await bridge.getMessage(messageId, { allParts });
      if (request !== latest.current) return;
      if (!result.ok) {
        setState({ status: 'error', message: result.error.message });
        return;
      }
      const { parts, referenced } = inlineParts(result.value);
      setState({ status: 'ready', message: result.value, inlineParts: parts, inlineContentIds: referenced });
    })().catch((reason: unknown) => {
      if (request === latest.current)
        setState({ status: 'error', message: reason instanceof Error ? reason.message : words.current('window.messageOpenFailed') });
    });
  }, [messageId, generation, allParts]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const showAllParts = useCallback(() => setAllPartsOf(messageId), [messageId]);
  return { state, reload, showAllParts };
}
