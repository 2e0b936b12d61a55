import { useCallback, useEffect, useState } from 'react';
import { describeLeaveOnServer, type Account } from '../../../shared/accounts';
import { bridge } from '../../bridge';
import { Dialog } from '../../components/dialog';
import { Message, useT } from '../../state/locale';
import { useNavigation } from '../../state/navigation';
import { DoctorPanel } from '../account-setup/doctor-panel';
import { useDoctor } from '../account-setup/use-doctor';
import { removalWarning } from './account-words';
import { errorWords } from './error-words';

/** The doctor for a saved account, in a dialog: runs at once, again on request. */
function DoctorDialog(props: { readonly account: Account; readonly onClose: () => void }) {
  const t = useT();
  const doctor = useDoctor();
  const { run } = doctor;
  const navigation = useNavigation();
  const id = props.account.id;
  useEffect(() => {
    void run({ accountId: id });
  }, [run, id]);
  return (
    <Dialog title={t('settings.doctorTitle', { name: props.account.name })} onClose={props.onClose} className="doctor-dialog">
      <DoctorPanel doctor={doctor} title={t('settings.accountTest')} />
      <div className="dialog-actions">
        <button type="button" onClick={() => navigation.show({ kind: 'account-setup', accountId: id })}>
          {t('settings.editAccount')}
        </button>
        <button type="button" onClick={() => void run({ accountId: id })} disabled={doctor.running}>
          {t('settings.testAgain')}
        </button>
        <button type="button" className="primary" onClick={props.onClose}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}

/** Confirms removing an account, saying how much local mail goes with it. */
function RemoveDialog(props: { readonly account: Account; readonly onClose: () => void }) {
  const t = useT();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { account, onClose } = props;
  const remove = async () => {
    setBusy(true);
    const result = await bridge.removeAccount(account.id, { deleteLocalMail: account.messageCount > 0 });
    setBusy(false);
    if (result.ok) onClose();
    else setError(errorWords(t, result.error));
  };
  return (
    <Dialog title={t('settings.removeTitle', { name: account.name })} onClose={onClose} alert>
      <p>{removalWarning(t, account)}</p>
      {error !== null && (
        <p role="alert" className="settings-error">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="danger" onClick={() => void remove()} disabled={busy}>
          {t('settings.removeAccount')}
        </button>
      </div>
    </Dialog>
  );
}

/** The accounts: each with Edit, Test and Remove, and the way to add another. */
export function AccountsSection() {
  const t = useT();
  const navigation = useNavigation();
  const [accounts, setAccounts] = useState<readonly Account[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [testing, setTesting] = useState<Account | null>(null);
  const [removing, setRemoving] = useState<Account | null>(null);

  const load = useCallback(() => {
    void bridge.listAccounts().then((result) => {
      if (result.ok) setAccounts(result.value);
      else setError(errorWords(t, result.error));
    });
  }, [t]);
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
        <p aria-busy="true">{t('settings.loadingAccounts')}</p>
      ) : accounts.length === 0 ? (
        <p className="muted">{t('settings.noAccounts')}</p>
      ) : (
        <ul className="settings-accounts" aria-label={t('settings.accounts')}>
          {accounts.map((account) => (
            <li key={account.id} className="settings-account">
              <div className="settings-account-text">
                <strong>
                  <bdi>{account.name}</bdi>
                </strong>
                <bdi>{account.address}</bdi>
                <span className="muted">
                  {account.settings === null ? (
                    t('settings.incomplete')
                  ) : (
                    <Message
                      id="settings.accountSummary"
                      values={{
                        pop3: <bdi dir="ltr">{account.settings.incoming.host}</bdi>,
                        smtp: <bdi dir="ltr">{account.settings.outgoing.host}</bdi>,
                        leave: describeLeaveOnServer(account.settings.policy.leaveOnServer, t),
                        count: account.messageCount,
                      }}
                    />
                  )}
                </span>
              </div>
              <div className="settings-account-actions">
                <button
                  type="button"
                  aria-label={t('settings.editNamed', { name: account.name })}
                  onClick={() => navigation.show({ kind: 'account-setup', accountId: account.id })}
                >
                  {t('settings.edit')}
                </button>
                <button
                  type="button"
                  aria-label={t('settings.testNamed', { name: account.name })}
                  onClick={() => setTesting(account)}
                  disabled={account.settings === null}
                >
                  {t('settings.test')}
                </button>
                <button type="button" aria-label={t('settings.removeNamed', { name: account.name })} onClick={() => setRemoving(account)}>
                  {t('settings.remove')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="primary" onClick={() => navigation.show({ kind: 'account-setup' })}>
        {t('folder.addAccount')}
      </button>
      {testing !== null && <DoctorDialog account={testing} onClose={closeTest} />}
      {removing !== null && <RemoveDialog account={removing} onClose={closeRemove} />}
    </>
  );
}
