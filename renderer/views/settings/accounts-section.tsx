import { useCallback, useEffect, useState } from 'react';
import { describeLeaveOnServer, type Account } from '../../../shared/accounts';
import { bridge } from '../../bridge';
import { Dialog } from '../../components/dialog';
import { useNavigation } from '../../state/navigation';
import { DoctorPanel } from '../account-setup/doctor-panel';
import { useDoctor } from '../account-setup/use-doctor';
import { messagesWord, removalWarning } from './account-words';

/** The doctor for a saved account, in a dialog: runs at once, again on request. */
function DoctorDialog(props: { readonly account: Account; readonly onClose: () => void }) {
  const doctor = useDoctor();
  const { run } = doctor;
  const navigation = useNavigation();
  const id = props.account.id;
  useEffect(() => {
    void run({ accountId: id });
  }, [run, id]);
  return (
    <Dialog title={`Test of ${props.account.name}`} onClose={props.onClose} className="doctor-dialog">
      <DoctorPanel doctor={doctor} title="Account test" />
      <div className="dialog-actions">
        <button type="button" onClick={() => navigation.show({ kind: 'account-setup', accountId: id })}>
          Edit account
        </button>
        <button type="button" onClick={() => void run({ accountId: id })} disabled={doctor.running}>
          Test again
        </button>
        <button type="button" className="primary" onClick={props.onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

/** Confirms removing an account, saying how much local mail goes with it. */
function RemoveDialog(props: { readonly account: Account; readonly onClose: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { account, onClose } = props;
  const remove = async () => {
    setBusy(true);
    const result = await bridge.removeAccount(account.id, { deleteLocalMail: account.messageCount > 0 });
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error.message);
  };
  return (
    <Dialog title={`Remove ${account.name}?`} onClose={onClose} alert>
      <p>{removalWarning(account)}</p>
      {error !== null && (
        <p role="alert" className="settings-error">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={() => void remove()} disabled={busy}>
          Remove account
        </button>
      </div>
    </Dialog>
  );
}

/** The accounts: each with Edit, Test and Remove, and the way to add another. */
export function AccountsSection() {
  const navigation = useNavigation();
  const [accounts, setAccounts] = useState<readonly Account[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [testing, setTesting] = useState<Account | null>(null);
  const [removing, setRemoving] = useState<Account | null>(null);

  const load = useCallback(() => {
    void bridge.listAccounts().then((result) => {
      if (result.ok) setAccounts(result.value);
      else setError(result.error.message);
    });
  }, []);
  useEffect(() => {
    load();
    return bridge.on('accountsChanged', (next) => setAccounts(next));
  }, [load]);
  const closeTest = useCallback(() => setTesting(null), []);
  const closeRemove = useCallback(() => setRemoving(null), []);

  return (
    <>
      {error !== null && (
        <p role="alert" className="settings-error">
          {error}
        </p>
      )}
      {accounts === null ? (
        <p aria-busy="true">Loading accounts…</p>
      ) : accounts.length === 0 ? (
        <p className="muted">No accounts yet.</p>
      ) : (
        <ul className="settings-accounts" aria-label="Accounts">
          {accounts.map((account) => (
            <li key={account.id} className="settings-account">
              <div className="settings-account-text">
                <strong>{account.name}</strong>
                <span>{account.address}</span>
                <span className="muted">
                  {account.settings === null
                    ? 'Settings incomplete: edit the account to set it up again.'
                    : `POP3 ${account.settings.incoming.host}, SMTP ${account.settings.outgoing.host}; mail is ${describeLeaveOnServer(account.settings.policy.leaveOnServer)}; ${messagesWord(account.messageCount)} stored here.`}
                </span>
              </div>
              <div className="settings-account-actions">
                <button type="button" aria-label={`Edit ${account.name}`} onClick={() => navigation.show({ kind: 'account-setup', accountId: account.id })}>
                  Edit
                </button>
                <button type="button" aria-label={`Test ${account.name}`} onClick={() => setTesting(account)} disabled={account.settings === null}>
                  Test
                </button>
                <button type="button" aria-label={`Remove ${account.name}`} onClick={() => setRemoving(account)}>
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="primary" onClick={() => navigation.show({ kind: 'account-setup' })}>
        Add account
      </button>
      {testing !== null && <DoctorDialog account={testing} onClose={closeTest} />}
      {removing !== null && <RemoveDialog account={removing} onClose={closeRemove} />}
    </>
  );
}
