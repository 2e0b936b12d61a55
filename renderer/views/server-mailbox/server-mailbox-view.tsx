import { useNavigation } from '../../state/navigation';

/** What is on one account's POP3 server, and what can be done about it. */
export function ServerMailboxView(props: { readonly accountId: string }) {
  const navigation = useNavigation();
  return (
    <main className="centered" aria-labelledby="server-mailbox-title">
      <h1 id="server-mailbox-title">Server mailbox</h1>
      <p className="muted">{props.accountId}</p>
      <button type="button" onClick={() => navigation.show({ kind: 'mail' })}>
        Back to mail
      </button>
    </main>
  );
}
