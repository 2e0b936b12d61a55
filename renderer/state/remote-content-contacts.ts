/**
 * The contacts whose mail's remote content loads without asking (the contact editor's "Always load
 * remote content"), kept fresh when the address book changes, for the reader and for Settings.
 */
import { useEffect, useState } from 'react';
import type { RemoteContentContact } from '../../shared/contacts';
import { bridge } from '../bridge';

/**
 * Every address of a contact allowed to load remote content; null until known, so the reader can wait
 * for the answer instead of showing a message blocked and then loading it again.
 */
export function useRemoteContentContacts(): readonly RemoteContentContact[] | null {
  const [contacts, setContacts] = useState<readonly RemoteContentContact[] | null>(null);
  useEffect(() => {
    let current = true;
    const load = () =>
      void bridge.listRemoteContentContacts().then((result) => {
        if (current && result.ok) setContacts(result.value);
      });
    load();
    const stop = bridge.on('contactsChanged', load);
    return () => {
      current = false;
      stop();
    };
  }, []);
  return contacts;
}
