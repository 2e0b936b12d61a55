import { useCallback, useEffect, useRef, useState } from 'react';
import { contactLabel, type Contact, type ContactBook, type ContactGroup, type ContactInput } from '../../../shared/contacts';
import { bridge } from '../../bridge';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Dialog } from '../../components/dialog';
import { SYMBOLS } from '../../components/symbols';
import { useT } from '../../state/locale';
import { useNavigation } from '../../state/navigation';
import { ContactForm } from './contact-form';
import { GroupEditor } from './group-editor';
import { groupSaveProblem } from './group-words';
import './contacts.css';

/** What the editor pane shows. */
type Editing = { readonly kind: 'contact'; readonly contact: Contact } | { readonly kind: 'new' } | null;

/** A question the view asks before it acts. */
type Question = { readonly kind: 'delete'; readonly ids: readonly number[] } | { readonly kind: 'merge'; readonly ids: readonly number[] } | null;

/** Which file format an address book file is, from its name. */
function formatOfFile(name: string): 'vcard' | 'csv' | null {
  if (/\.(vcf|vcard)$/iu.test(name)) return 'vcard';
  if (/\.csv$/iu.test(name)) return 'csv';
  return null;
}

/** Saves text as a file through the page (both the desktop app and the browser download it). */
function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * The address book: every contact of both books (your own and Collected addresses), searched by the
 * start of any word of a name or address, edited in a form beside the list; several chosen contacts
 * can be merged, deleted or made a group; duplicates are found for merging; vCard and the CSV of
 * Thunderbird and Outlook are imported and the book exported as vCard.
 */
export function ContactsView() {
  const navigation = useNavigation();
  const t = useT();
  const [query, setQuery] = useState('');
  const [book, setBook] = useState<ContactBook | 'all'>('all');
  const [contacts, setContacts] = useState<readonly Contact[]>([]);
  const [groups, setGroups] = useState<readonly ContactGroup[]>([]);
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const [editing, setEditing] = useState<Editing>(null);
  const [question, setQuestion] = useState<Question>(null);
  const [duplicates, setDuplicates] = useState<readonly (readonly number[])[] | null>(null);
  const [naming, setNaming] = useState(false);
  const [groupName, setGroupName] = useState('');
  const [editingGroup, setEditingGroup] = useState<ContactGroup | null>(null);
  const [status, setStatus] = useState('');
  const [loaded, setLoaded] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const [all, setAll] = useState<ReadonlyMap<number, Contact>>(new Map());

  // Each listing is numbered: an answer to an older search (or an older change) never replaces a newer one.
  const latestListing = useRef(0);
  const latestWholeBook = useRef(0);
  // What the shown list answers; while it differs from the search box the list says it is busy.
  const [answered, setAnswered] = useState<{ query: string; book: ContactBook | 'all' } | null>(null);
  const refresh = useCallback(() => {
    const listing = (latestListing.current += 1);
    void bridge.listContacts({ query, ...(book === 'all' ? {} : { book }) }).then((result) => {
      if (listing !== latestListing.current) return;
      setAnswered({ query, book });
      if (!result.ok) {
        setStatus(result.error.message);
        return;
      }
      setContacts(result.value.contacts);
      setGroups(result.value.groups);
      setLoaded(true);
    });
  }, [query, book]);
  const searching = answered === null || answered.query !== query || answered.book !== book;
  useEffect(() => {
    refresh();
    return bridge.on('contactsChanged', refresh);
  }, [refresh]);
  // The whole book (the names of the ticked contacts) changes with the contacts, not with the search.
  const refreshWholeBook = useCallback(() => {
    const whole = (latestWholeBook.current += 1);
    void bridge.listContacts().then((result) => {
      if (whole === latestWholeBook.current && result.ok) setAll(new Map(result.value.contacts.map((contact) => [contact.id, contact])));
    });
  }, []);
  useEffect(() => {
    refreshWholeBook();
    return bridge.on('contactsChanged', refreshWholeBook);
  }, [refreshWholeBook]);

  const ids = [...chosen].filter((id) => all.has(id));
  const toggle = (id: number, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const save = async (input: ContactInput): Promise<string | null> => {
    const id = editing?.kind === 'contact' ? editing.contact.id : undefined;
    const result = await bridge.saveContact(id === undefined ? { contact: input } : { id, contact: input });
    if (!result.ok) return result.error.message;
    setEditing({ kind: 'contact', contact: result.value });
    setStatus(t('contacts.saved', { name: contactLabel(result.value) }));
    return null;
  };

  const act = async () => {
    if (question === null) return;
    const current = question;
    setQuestion(null);
    if (current.kind === 'delete') {
      const result = await bridge.deleteContacts(current.ids);
      setStatus(result.ok ? t('contacts.deleted', { count: result.value.deleted }) : result.error.message);
      if (editing?.kind === 'contact' && current.ids.includes(editing.contact.id)) setEditing(null);
    } else {
      const result = await bridge.mergeContacts(current.ids);
      setStatus(result.ok ? t('contacts.merged', { count: current.ids.length, name: contactLabel(result.value) }) : result.error.message);
      if (result.ok) setEditing({ kind: 'contact', contact: result.value });
      setDuplicates(null);
    }
    setChosen(new Set());
  };

  const importFile = async (file: File) => {
    const format = formatOfFile(file.name);
    if (format === null) {
      setStatus(t('contacts.chooseFile'));
      return;
    }
    const result = await bridge.importContacts({ format, text: await file.text() });
    if (!result.ok) {
      setStatus(result.error.message);
      return;
    }
    const { added, merged, skipped } = result.value;
    setStatus([t('contacts.imported', { added, merged }), ...skipped.map((line) => t('contacts.notImported', { line }))].join(' '));
  };

  const exportBook = async () => {
    const result = await bridge.exportContacts(ids.length > 0 ? { ids } : {});
    if (!result.ok) {
      setStatus(result.error.message);
      return;
    }
    download('contacts.vcf', result.value.text, 'text/vcard');
    setStatus(t('contacts.exported', { count: result.value.count }));
  };

  const names = (list: readonly number[]) =>
    list.map((id) => contactLabel(all.get(id) ?? { displayName: `#${id}`, firstName: '', lastName: '', addresses: [] }));

  return (
    <main className="contacts-view" aria-labelledby="contacts-title">
      <header className="contacts-header">
        <button type="button" onClick={() => navigation.show({ kind: 'mail' })}>
          {t('contacts.backToMail')}
        </button>
        <h1 id="contacts-title">{t('toolbar.contacts')}</h1>
        <input
          type="search"
          aria-label={t('contacts.search')}
          placeholder={t('contacts.searchPlaceholder')}
          dir="auto"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <select aria-label={t('contacts.book')} value={book} onChange={(event) => setBook(event.target.value as ContactBook | 'all')}>
          <option value="all">{t('contacts.allContacts')}</option>
          <option value="personal">{t('contacts.myContacts')}</option>
          <option value="collected">{t('contacts.collectedAddresses')}</option>
        </select>
        <span className="toolbar-spacer" />
        <button type="button" onClick={() => setEditing({ kind: 'new' })}>
          {t('contacts.newContact')}
        </button>
        <button type="button" onClick={() => fileInput.current?.click()}>
          {t('toolbar.import')}
        </button>
        <input
          ref={fileInput}
          type="file"
          hidden
          aria-label={t('contacts.importFile')}
          accept=".vcf,.vcard,.csv,text/vcard,text/csv"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file !== undefined) void importFile(file);
          }}
        />
        <button type="button" onClick={() => void exportBook()}>
          {t(ids.length > 0 ? 'contacts.exportSelected' : 'contacts.exportAll')}
        </button>
        <button
          type="button"
          onClick={() =>
            void bridge.findDuplicateContacts().then((result) => {
              if (result.ok) setDuplicates(result.value);
            })
          }
        >
          {t('contacts.findDuplicates')}
        </button>
      </header>
      <div className="contacts-selection" role="group" aria-label={t('contacts.selected')}>
        <span>{ids.length === 0 ? t('contacts.chooseHint') : t('contacts.selectedCount', { count: ids.length })}</span>
        <button type="button" disabled={ids.length < 2} onClick={() => setQuestion({ kind: 'merge', ids })}>
          {t('contacts.merge')}
        </button>
        <button type="button" disabled={ids.length === 0} onClick={() => setQuestion({ kind: 'delete', ids })}>
          {t('toolbar.delete')}
        </button>
        <button type="button" disabled={ids.length === 0} onClick={() => setNaming(true)}>
          {t('contacts.newGroupMenu')}
        </button>
      </div>
      <p className="contacts-status" role="status">
        {status}
      </p>
      <div className="contacts-panes">
        <section className="contacts-list-pane" aria-label={t('contacts.list')}>
          {loaded && !searching && contacts.length === 0 && <p className="muted">{t(query === '' ? 'contacts.none' : 'contacts.noMatch')}</p>}
          <ul className="contact-list" aria-label={t('toolbar.contacts')} aria-busy={searching}>
            {contacts.map((contact) => {
              const label = contactLabel(contact);
              return (
                <li key={contact.id} className={editing?.kind === 'contact' && editing.contact.id === contact.id ? 'contact-row current' : 'contact-row'}>
                  <input
                    type="checkbox"
                    aria-label={t('contacts.select', { name: label })}
                    checked={chosen.has(contact.id)}
                    onChange={(event) => toggle(contact.id, event.target.checked)}
                  />
                  <button type="button" className="contact-open" onClick={() => setEditing({ kind: 'contact', contact })}>
                    <bdi className="contact-name">{label}</bdi>
                    <bdi className="contact-first-address" dir="ltr">
                      {contact.addresses[0] ?? ''}
                    </bdi>
                    {contact.book === 'collected' && <span className="contact-book">{t('contacts.collected')}</span>}
                  </button>
                </li>
              );
            })}
          </ul>
          {groups.length > 0 && (
            <>
              <h2 className="contacts-groups-title">{t('contacts.groups')}</h2>
              <ul className="contact-groups" aria-label={t('contacts.groups')}>
                {groups.map((group) => (
                  <li key={group.id}>
                    <bdi>{group.name}</bdi> <span className="muted">{t('contacts.members', { count: group.memberIds.length })}</span>
                    {SYMBOLS.space}
                    <button type="button" aria-label={t('contacts.editGroup', { name: group.name })} onClick={() => setEditingGroup(group)}>
                      {t('contacts.edit')}
                    </button>
                    {SYMBOLS.space}
                    <button type="button" aria-label={t('contacts.deleteGroup', { name: group.name })} onClick={() => void bridge.deleteContactGroup(group.id)}>
                      {t('toolbar.delete')}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
        <section className="contacts-editor-pane" aria-label={t('contacts.contact')}>
          {editing === null ? (
            <p className="muted">{t('contacts.chooseOne')}</p>
          ) : (
            <ContactForm
              key={editing.kind === 'contact' ? `${editing.contact.id}-${editing.contact.updatedAt}` : 'new'}
              contact={editing.kind === 'contact' ? editing.contact : null}
              onSave={save}
              onCancel={() => setEditing(null)}
              {...(editing.kind === 'contact' ? { onDelete: () => setQuestion({ kind: 'delete', ids: [editing.contact.id] }) } : {})}
            />
          )}
        </section>
      </div>
      {question !== null && (
        <ConfirmDialog
          question={
            question.kind === 'delete'
              ? {
                  title: t('contacts.deleteTitle', { count: question.ids.length }),
                  text: t('contacts.deleteText', { names: names(question.ids).join(', ') }),
                  confirm: t('toolbar.delete'),
                }
              : {
                  title: t('contacts.mergeTitle', { count: question.ids.length }),
                  text: t('contacts.mergeText', { names: names(question.ids).join(', ') }),
                  confirm: t('contacts.merge'),
                }
          }
          onConfirm={() => void act()}
          onCancel={() => setQuestion(null)}
        />
      )}
      {duplicates !== null && (
        <Dialog title={t('contacts.duplicates')} onClose={() => setDuplicates(null)}>
          {duplicates.length === 0 ? (
            <p>{t('contacts.noDuplicates')}</p>
          ) : (
            <ul className="duplicate-sets" aria-label={t('contacts.duplicateSets')}>
              {duplicates.map((set) => (
                <li key={set.join('-')}>
                  <bdi>{names(set).join(' · ')}</bdi>
                  {SYMBOLS.space}
                  <button type="button" onClick={() => setQuestion({ kind: 'merge', ids: set })}>
                    {t('contacts.mergeThese')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={() => setDuplicates(null)}>
              {t('common.close')}
            </button>
          </div>
        </Dialog>
      )}
      {editingGroup !== null && (
        <GroupEditor
          group={editingGroup}
          contacts={all}
          onClose={() => setEditingGroup(null)}
          onSave={async (change) => {
            const result = await bridge.saveContactGroup({ id: editingGroup.id, name: change.name, memberIds: [...change.memberIds] });
            if (!result.ok) return groupSaveProblem(t, result.error, change.name);
            setEditingGroup(null);
            setStatus(t('contacts.groupSaved', { name: result.value.name }));
            return null;
          }}
        />
      )}
      {naming && (
        <Dialog title={t('contacts.newGroup')} onClose={() => setNaming(false)}>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void bridge.saveContactGroup({ name: groupName, memberIds: ids }).then((result) => {
                setStatus(result.ok ? t('contacts.groupMade', { name: result.value.name, count: ids.length }) : groupSaveProblem(t, result.error, groupName));
                if (result.ok) {
                  setNaming(false);
                  setGroupName('');
                }
              });
            }}
          >
            <label htmlFor="contacts-group-name">{t('contacts.groupName')}</label>
            <input id="contacts-group-name" dir="auto" value={groupName} onChange={(event) => setGroupName(event.target.value)} autoFocus required />
            <div className="dialog-actions">
              <button type="button" onClick={() => setNaming(false)}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="primary">
                {t('contacts.makeGroup')}
              </button>
            </div>
          </form>
        </Dialog>
      )}
    </main>
  );
}
