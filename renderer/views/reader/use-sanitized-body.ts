import { useEffect, useState } from 'react';
import type { BodyPartView } from '../../../shared/mail';
import type { SanitizedMessage } from '../../mail-html/message-html';
import { sanitizeMessageParts } from './message-parts';

/** A message body sanitized for the frame, and whether remote content was allowed when it was. */
export interface SanitizedBody {
  readonly sanitized: SanitizedMessage;
  readonly allowRemote: boolean;
}

/** The body as last sanitized, with the inputs it was sanitized for. */
interface Finished {
  readonly parts: readonly BodyPartView[];
  readonly inlineParts: ReadonlyMap<string, string>;
  readonly result: SanitizedBody | 'failed';
}

/**
 * A message's parts sanitized for the frame, in slices so the window stays responsive while thousands
 * of elements are sanitized: null until the sanitizing for these parts and inline images is finished,
 * 'failed' when it could not be done. While remote content is being allowed, the body sanitized
 * without it stays (it shows less); a body that allowed more than is allowed now is never returned.
 */
export function useSanitizedBody(
  parts: readonly BodyPartView[] | null,
  allowRemote: boolean,
  inlineParts: ReadonlyMap<string, string>,
): SanitizedBody | 'failed' | null {
  const [finished, setFinished] = useState<Finished | null>(null);
  useEffect(() => {
    if (parts === null) return;
    const controller = new AbortController();
    const policy = { allowRemote, resolveContentId: (contentId: string) => inlineParts.get(contentId) ?? null };
    sanitizeMessageParts(parts, policy, controller.signal).then(
      (sanitized) => {
        if (sanitized !== null && !controller.signal.aborted) setFinished({ parts, inlineParts, result: { sanitized, allowRemote } });
      },
      () => {
        if (!controller.signal.aborted) setFinished({ parts, inlineParts, result: 'failed' });
      },
    );
    return () => controller.abort();
  }, [parts, allowRemote, inlineParts]);
  if (parts === null || finished === null || finished.parts !== parts || finished.inlineParts !== inlineParts) return null;
  if (finished.result !== 'failed' && finished.result.allowRemote && !allowRemote) return null;
  return finished.result;
}
