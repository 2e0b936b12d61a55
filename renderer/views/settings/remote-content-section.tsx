import type { SectionProps } from './preference-sections';
import { bridge } from '../../bridge';
import { SYMBOLS } from '../../components/symbols';
import { useT } from '../../state/locale';
import { useRemoteContentContacts } from '../../state/remote-content-contacts';

/**
 * The senders whose remote content (images, styles from the web) loads without asking: those chosen
 * with the reader's "Always for this sender", and the contacts whose editor allows it. Each can be
 * removed here; their mail then asks again.
 */
export function RemoteContentSection(props: SectionProps) {
  const { settings, update } = props;
  const t = useT();
  const contacts = useRemoteContentContacts() ?? [];
  const senders = [...settings.remoteContentSenders].sort((a, b) => a.localeCompare(b));
  return (
    <div className="settings-fields">
      <p className="muted">{t('remote.intro')}</p>
      <h3>{t('remote.senders')}</h3>
      {senders.length === 0 ? (
        <p>{t('remote.noSender')}</p>
      ) : (
        <ul className="remote-content-list" aria-label={t('remote.sendersLabel')}>
          {senders.map((address) => (
            <li key={address}>
              <span dir="ltr">{address}</span>
              {SYMBOLS.space}
              <button
                type="button"
                aria-label={t('remote.remove', { name: address })}
                onClick={() => void update({ remoteContentSenders: settings.remoteContentSenders.filter((other) => other !== address) })}
              >
                {t('contacts.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('toolbar.contacts')}</h3>
      {contacts.length === 0 ? (
        <p>{t('remote.noContact')}</p>
      ) : (
        <ul className="remote-content-list" aria-label={t('remote.contactsLabel')}>
          {contacts.map((entry) => (
            <li key={`${entry.contactId}-${entry.address}`}>
              <bdi>{entry.name}</bdi>
              {SYMBOLS.space}
              <span dir="ltr">{entry.address}</span>
              {SYMBOLS.space}
              <button
                type="button"
                aria-label={t('remote.remove', { name: entry.name })}
                onClick={() => void bridge.setContactRemoteContent(entry.contactId, false)}
              >
                {t('contacts.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
