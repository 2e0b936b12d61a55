import { useEffect, useId, useRef, type ReactNode } from 'react';
import './dialog.css';

/**
 * A modal dialog: the browser's own modal `<dialog>` (focus stays inside, the page behind is inert,
 * Escape closes), named by its title. `onClose` runs for Escape; the buttons are the caller's.
 */
export function Dialog(props: {
  readonly title: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
  /** Extra class for the dialog's box, e.g. a wider layout. */
  readonly className?: string;
  /** Role `alertdialog` for questions that interrupt (confirmations of something that cannot be undone). */
  readonly alert?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onClose = useRef(props.onClose);
  useEffect(() => {
    onClose.current = props.onClose;
  });
  useEffect(() => {
    const dialog = ref.current;
    if (dialog === null) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const onCancel = (event: Event) => {
      event.preventDefault();
      onClose.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      previous?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`dialog${props.className === undefined ? '' : ` ${props.className}`}`}
      role={props.alert === true ? 'alertdialog' : 'dialog'}
      aria-modal="true"
      aria-labelledby={titleId}
    >
      <h2 id={titleId} className="dialog-title">
        {props.title}
      </h2>
      {props.children}
    </dialog>
  );
}
