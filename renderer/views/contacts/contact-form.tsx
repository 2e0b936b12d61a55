import { useState } from 'react';
import { contactLabel, type Contact, type ContactInput } from '../../../shared/contacts';
import { checkAddress } from '../../../shared/mail/address';
import { CheckboxField, Field } from '../../components/field';
import { useT } from '../../state/locale';
import type { Translate } from '../../../shared/i18n/catalogs';

/** The editor's fields of a contact, or an empty new one. */
function draftOf(contact: Contact | null): ContactInput & { readonly nickname: string; readonly allowRemoteContent: boolean } {
  return {
    displayName: contact?.displayName ?? '',
    firstName: contact?.firstName ?? '',
    lastName: contact?.lastName ?? '',
    nickname: contact?.nickname ?? '',
    addresses: contact === null || contact.addresses.length === 0 ? [''] : [...contact.addresses],
    phone: contact?.phone ?? '',
    notes: contact?.notes ?? '',
    allowRemoteContent: contact?.allowRemoteContent ?? false,
  };
}

/** The problem of each address typed (null when it is fine or left empty). */
function addressProblems(t: Translate, addresses: readonly string[]): (string | null)[] {
  return addresses.map((address) => (address.trim() === '' || checkAddress({ address }).ok ? null : t('contacts.notAddress')));
}

/**
 * The form that edits one contact: names, any number of addresses (the first is the one a group
 * uses), phone, notes and whether its mail's remote content loads without asking. Addresses are
 * checked as they are typed, as compose checks them; main checks them again when saved.
 */
export function ContactForm(props: {
  readonly contact: Contact | null;
  readonly onSave: (input: ContactInput) => Promise<string | null>;
  readonly onDelete?: () => void;
  readonly onCancel: () => void;
}) {
  const t = useT();
  const [draft, setDraft] = useState(() => draftOf(props.contact));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const problems = addressProblems(t, draft.addresses);
  const set = (patch: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...patch }));
  const title = props.contact === null ? t('contacts.newContact') : contactLabel(props.contact);
  const text = (label: string, key: 'displayName' | 'firstName' | 'lastName' | 'nickname' | 'phone') => (
    <Field label={label}>{(control) => <input {...control} dir="auto" value={draft[key]} onChange={(event) => set({ [key]: event.target.value })} />}</Field>
  );
  return (
    <form
      className="contact-form"
      aria-label={t('contacts.editLabel', { name: title })}
      onSubmit={(event) => {
        event.preventDefault();
        if (problems.some((problem) => problem !== null)) {
          setError(t('contacts.fixAddress'));
          return;
        }
        const addresses = draft.addresses.map((address) => address.trim()).filter((address) => address !== '');
        if (contactLabel({ ...draft, addresses }) === '') {
          setError(t('contacts.needName'));
          return;
        }
        setSaving(true);
        void props.onSave({ ...draft, addresses }).then((failure) => {
          setSaving(false);
          setError(failure);
        });
      }}
    >
      <h2>
        <bdi>{title}</bdi>
      </h2>
      {text(t('contacts.displayName'), 'displayName')}
      <div className="contact-names">
        {text(t('contacts.firstName'), 'firstName')}
        {text(t('contacts.lastName'), 'lastName')}
      </div>
      {text(t('contacts.nickname'), 'nickname')}
      <fieldset className="contact-addresses">
        <legend>{t('contacts.addresses')}</legend>
        {draft.addresses.map((address, index) => (
          <div key={index} className="contact-address-row">
            <Field label={index === 0 ? t('contacts.address') : t('contacts.addressNumber', { number: index + 1 })} error={problems[index] ?? undefined}>
              {(control) => (
                <input
                  {...control}
                  type="email"
                  dir="ltr"
                  value={address}
                  onChange={(event) => set({ addresses: draft.addresses.map((other, position) => (position === index ? event.target.value : other)) })}
                />
              )}
            </Field>
            {draft.addresses.length > 1 && (
              <button
                type="button"
                aria-label={t('contacts.removeAddress', { number: index + 1 })}
                onClick={() => set({ addresses: draft.addresses.filter((_, position) => position !== index) })}
              >
                {t('contacts.remove')}
              </button>
            )}
          </div>
        ))}
        <button type="button" onClick={() => set({ addresses: [...draft.addresses, ''] })}>
          {t('contacts.addAddress')}
        </button>
      </fieldset>
      {text(t('contacts.phone'), 'phone')}
      <Field label={t('contacts.notes')}>
        {(control) => <textarea {...control} dir="auto" rows={4} value={draft.notes} onChange={(event) => set({ notes: event.target.value })} />}
      </Field>
      <CheckboxField label={t('contacts.allowRemote')} checked={draft.allowRemoteContent} onChange={(allowRemoteContent) => set({ allowRemoteContent })} />
      {error !== null && (
        <p className="field-problem" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        {props.onDelete !== undefined && (
          <button type="button" className="danger" onClick={props.onDelete}>
            {t('toolbar.delete')}
          </button>
        )}
        <button type="button" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="primary" disabled={saving}>
          {t('attachments.save')}
        </button>
      </div>
    </form>
  );
}
