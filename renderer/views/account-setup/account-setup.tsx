import { useNavigation } from '../../state/navigation';

/** Adding an account (no `accountId`) or editing one. */
export function AccountSetup(props: { readonly accountId?: string }) {
  const navigation = useNavigation();
  return (
    <main className="centered" aria-labelledby="account-setup-title">
      <h1 id="account-setup-title">{props.accountId === undefined ? 'Add an account' : 'Edit account'}</h1>
      <button type="button" onClick={() => navigation.show({ kind: 'mail' })}>
        Cancel
      </button>
    </main>
  );
}
