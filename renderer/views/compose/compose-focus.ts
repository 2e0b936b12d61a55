import type { ComposeRequest } from '../../state/navigation';

/** Where the cursor starts when compose opens. */
export type ComposeFocus = 'to' | 'body';

/**
 * Outlook's and Thunderbird's rule: a reply starts in the body (its recipients are filled in); a new
 * message or a forward starts in To; anything that opens with no recipient starts in To.
 */
export function initialComposeFocus(request: ComposeRequest, recipients: number): ComposeFocus {
  if (recipients === 0) return 'to';
  switch (request.kind) {
    case 'answer':
      return request.mode === 'forward' || request.mode === 'forwardAsAttachment' ? 'to' : 'body';
    case 'new':
      return 'to';
    case 'draft':
    case 'outbox':
    case 'mailto':
      return 'body';
    default: {
      const unknown: never = request;
      return unknown;
    }
  }
}

/**
 * Puts the cursor in To or at the very start of the body (above the quote, where a reply is typed),
 * with the body scrolled to its top.
 */
export function focusComposeField(dialog: HTMLElement, target: ComposeFocus): void {
  if (target === 'to') {
    dialog.querySelector<HTMLInputElement>('.address-field .chip-input')?.focus();
    return;
  }
  const body = dialog.querySelector<HTMLElement>('.body-editor');
  if (body === null) return;
  body.focus();
  body.scrollTop = 0;
  if (body instanceof HTMLTextAreaElement) {
    body.setSelectionRange(0, 0);
    return;
  }
  const selection = window.getSelection();
  if (selection === null) return;
  const range = document.createRange();
  range.setStart(body, 0);
  range.collapse(true);
  selection.removeAllRanges();
  selection.addRange(range);
}
