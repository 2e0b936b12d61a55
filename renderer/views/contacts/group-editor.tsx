import { useState } from 'react';
import { contactLabel, type Contact, type ContactGroup } from '../../../shared/contacts';
import { Dialog } from '../../components/dialog';
import { SYMBOLS } from '../../components/symbols';
import { useT } from '../../state/locale';

/** How a contact reads in the list of contacts to add: its name and first address. */
function optionText(contact: Contact): string {
  const address = contact.addresses[0];
  return address === undefined ? contactLabel(contact) : `${contactLabel(contact)} <${address}>`;
}

/** What the group editor hands back: the new name and the members, in order. */
export interface GroupChange {
  readonly name: string;
  readonly memberIds: readonly number[];
}

/**
 * A dialog to rename a group and change who is in it (remove a member, add any other contact), so a
 * list can be kept up to date without making it again from a selection.
 */
export function GroupEditor(props: {
  readonly group: ContactGroup;
  readonly contacts: ReadonlyMap<number, Contact>;
  readonly onSave: (change: GroupChange) => Promise<string | null>;
  readonly onClose: () => void;
}) {
  const t = useT();
  const [name, setName] = useState(props.group.name);
  const [members, setMembers] = useState<readonly number[]>(props.group.memberIds.filter((id) => props.contacts.has(id)));
  const [toAdd, setToAdd] = useState('');
  const [error, setError] = useState('');
  const label = (id: number) => {
    const contact = props.contacts.get(id);
    return contact === undefined ? `#${id}` : contactLabel(contact);
  };
  const others = [...props.contacts.values()].filter((contact) => !members.includes(contact.id));
  return (
    <Dialog title={t('contacts.editGroupTitle')} onClose={props.onClose}>
      <form
        aria-label={t('contacts.editGroup', { name: props.group.name })}
        onSubmit={(event) => {
          event.preventDefault();
          void props.onSave({ name, memberIds: members }).then((problem) => setError(problem ?? ''));
        }}
      >
        <label htmlFor="contacts-group-rename">{t('contacts.groupName')}</label>
        <input id="contacts-group-rename" dir="auto" value={name} onChange={(event) => setName(event.target.value)} required />
        <h3>{t('contacts.groupMembers')}</h3>
        {members.length === 0 && <p className="muted">{t('contacts.noMembers')}</p>}
        <ul className="group-members" aria-label={t('contacts.groupMembers')}>
          {members.map((id) => (
            <li key={id}>
              <bdi>{label(id)}</bdi>
              {SYMBOLS.space}
              <button
                type="button"
                aria-label={t('contacts.removeMember', { name: label(id) })}
                onClick={() => setMembers((current) => current.filter((member) => member !== id))}
              >
                {t('contacts.remove')}
              </button>
            </li>
          ))}
        </ul>
        <label htmlFor="contacts-group-add">{t('contacts.memberToAdd')}</label>
        <select id="contacts-group-add" value={toAdd} onChange={(event) => setToAdd(event.target.value)}>
          <option value="" />
          {others.map((contact) => (
            <option key={contact.id} value={String(contact.id)}>
              {optionText(contact)}
            </option>
          ))}
        </select>
        {SYMBOLS.space}
        <button
          type="button"
          disabled={toAdd === ''}
          onClick={() => {
            const id = Number(toAdd);
            setMembers((current) => (current.includes(id) ? current : [...current, id]));
            setToAdd('');
          }}
        >
          {t('contacts.addMember')}
        </button>
        {error !== '' && <p role="alert">{error}</p>}
        <div className="dialog-actions">
          <button type="button" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('contacts.saveGroup')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
