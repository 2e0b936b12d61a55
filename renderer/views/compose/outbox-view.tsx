/** The Outbox of one account (or all): state of every waiting message, shown in the list pane. */
export function OutboxView(props: { readonly accountId?: string }) {
  return (
    <section aria-label="Outbox">
      <p className="empty">{props.accountId === undefined ? 'Outbox' : `Outbox of ${props.accountId}`}</p>
    </section>
  );
}
