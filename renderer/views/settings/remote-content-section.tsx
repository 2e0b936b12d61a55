import type { SectionProps } from './preference-sections';
import { bridge } from '../../bridge';
import { useRemoteContentContacts } from '../../state/remote-content-contacts';

/**
 * The senders whose remote content (images, styles from the web) loads without asking: those chosen
 * with the reader's "Always for this sender", and the contacts whose editor allows it. Each can be
 * removed here; their mail then asks again.
 */
export function RemoteContentSection(props: SectionProps) {
  const { settings, update } = props;
  const contacts = useRemoteContentContacts() ?? [];
  const senders = [...settings.remoteContentSenders].sort((a, b) => a.localeCompare(b));
  return (
    <div className="settings-fields">
      <p className="muted">Mail from these senders shows remote images at once. Mail from anyone else asks first; junk never loads anything.</p>
      <h3>Senders</h3>
      {senders.length === 0 ? (
        <p>No sender yet. In a message, “Always for this sender” adds one.</p>
      ) : (
        <ul className="remote-content-list" aria-label="Senders whose remote content loads">
          {senders.map((address) => (
            <li key={address}>
              <span dir="ltr">{address}</span>{' '}
              <button
                type="button"
                aria-label={`Remove ${address}`}
                onClick={() => void update({ remoteContentSenders: settings.remoteContentSenders.filter((other) => other !== address) })}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>Contacts</h3>
      {contacts.length === 0 ? (
        <p>No contact. In Contacts, “Always load remote content” adds one.</p>
      ) : (
        <ul className="remote-content-list" aria-label="Contacts whose remote content loads">
          {contacts.map((entry) => (
            <li key={`${entry.contactId}-${entry.address}`}>
              <bdi>{entry.name}</bdi> <span dir="ltr">{entry.address}</span>{' '}
              <button type="button" aria-label={`Remove ${entry.name}`} onClick={() => void bridge.setContactRemoteContent(entry.contactId, false)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
