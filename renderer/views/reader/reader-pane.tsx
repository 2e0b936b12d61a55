/** The reader pane: one message, safely shown, or a hint when none is selected. */
export function ReaderPane(props: { readonly messageId: number | null }) {
  return (
    <section className="pane reader-pane" aria-label="Reader">
      <p className="empty">{props.messageId === null ? 'Select a message to read it.' : `Message ${props.messageId}`}</p>
    </section>
  );
}
