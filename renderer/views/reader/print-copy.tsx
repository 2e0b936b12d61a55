import type { MessageView } from '../../../shared/mail';
import './print.css';

/**
 * The message's text as the printed page shows it in place of the HTML frame (see print.css): plain
 * text in the app's page, so nothing of the message's markup ever runs or loads outside its sandbox.
 */
export function PrintCopy(props: { readonly message: MessageView }) {
  return (
    <div className="print-copy" aria-hidden="true">
      {props.message.text}
    </div>
  );
}

/** Prints the open message (the print dialog of the app or of the browser). */
export function printMessage(): void {
  window.print();
}
