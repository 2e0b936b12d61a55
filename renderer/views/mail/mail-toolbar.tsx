import { forwardRef, useEffect, useState } from 'react';
import { MAX_SEARCH_TEXT } from '../../../shared/mail';
import { MenuButton } from '../../components/menu-button';
import type { MenuEntry } from '../../components/menu-items';
import type { MessageTag } from '../../../shared/tags';
import { tagMenuEntries } from './mail-menus';
import { APP_NAME, SYMBOLS } from '../../components/symbols';
import { useT } from '../../state/locale';

/** Wait after the last key before searching, in milliseconds. */
export const SEARCH_DEBOUNCE_MS = 250;

/** Toolbar commands that act on the selection or the whole window. */
export type ToolbarCommand =
  | 'new'
  | 'reply'
  | 'reply-all'
  | 'forward'
  | 'delete'
  | 'junk'
  | 'not-junk'
  | 'move'
  | 'copy'
  | 'toggle-read'
  | 'toggle-flag'
  | 'send-receive'
  | 'cancel'
  | 'settings'
  | 'contacts'
  | 'import';

/**
 * The mail window's toolbar: New, Reply, Reply all, Forward, Delete, Junk (Not junk in Junk), Move to…,
 * Mark as read or unread, Flag (a toggle that shows whether the message is flagged), Tag (a menu of the
 * colour tags), Send/Receive (Cancel while it runs), a More menu (Copy to…, Import…, Contacts), Settings,
 * and the search box, which searches as you
 * type (after a short pause), says where a search has a mistake, and clears with Escape.
 */
export const MailToolbar = forwardRef<
  HTMLInputElement,
  {
    readonly canAnswer: boolean;
    readonly canDelete: boolean;
    /** The selected message (the focused one of several): whether it is read and flagged; null when nothing is selected. */
    readonly marks: { readonly seen: boolean; readonly flagged: boolean } | null;
    /** The colour tags of the selected message (the focused one of several); null when nothing is selected. */
    readonly tags: readonly MessageTag[] | null;
    /** Puts a colour tag on the selection, or takes it off when the message has it. */
    readonly onTag: (tag: MessageTag) => void;
    /** What the junk button does: Junk outside the Junk folder, Not junk in it. */
    readonly junkCommand: 'junk' | 'not-junk';
    readonly running: boolean;
    readonly onCommand: (command: ToolbarCommand) => void;
    readonly onSearch: (text: string) => void;
    /** The search text's mistake, shown under the box ("Missing closing quote at 14"); null when none. */
    readonly searchError: string | null;
  }
>(function MailToolbar(props, searchRef) {
  const [text, setText] = useState('');
  const { onSearch } = props;
  useEffect(() => {
    const timer = window.setTimeout(() => onSearch(text.trim()), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, onSearch]);
  const t = useT();
  const command = (name: ToolbarCommand) => () => props.onCommand(name);
  // Icon buttons keep the toolbar on one line in a small window; their names say what they do.
  const readLabel = t(props.marks?.seen === false ? 'toolbar.markRead' : 'toolbar.markUnread');
  // The commands used less often wait in the More menu, so the toolbar keeps to one line at 1024 pixels.
  const moreEntries: MenuEntry[] = [
    { label: t('toolbar.copyTo'), onSelect: command('copy'), disabled: !props.canDelete },
    { label: t('toolbar.import'), onSelect: command('import') },
    { label: t('toolbar.contacts'), onSelect: command('contacts') },
  ];
  return (
    <header className="toolbar mail-toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <span className="brand">{APP_NAME}</span>
      <button type="button" className="primary" onClick={command('new')} title={t('toolbar.newTitle')}>
        {t('toolbar.new')}
      </button>
      <span className="toolbar-group">
        <button type="button" onClick={command('reply')} disabled={!props.canAnswer} title={t('toolbar.replyTitle')}>
          {t('toolbar.reply')}
        </button>
        <button type="button" onClick={command('reply-all')} disabled={!props.canAnswer} title={t('toolbar.replyAllTitle')}>
          {t('toolbar.replyAll')}
        </button>
        <button type="button" onClick={command('forward')} disabled={!props.canAnswer} title={t('toolbar.forwardTitle')}>
          {t('toolbar.forward')}
        </button>
      </span>
      <span className="toolbar-group">
        <button type="button" onClick={command('delete')} disabled={!props.canDelete} title={t('toolbar.deleteTitle')}>
          {t('toolbar.delete')}
        </button>
        <button
          type="button"
          onClick={command(props.junkCommand)}
          disabled={!props.canDelete}
          title={t(props.junkCommand === 'junk' ? 'toolbar.junkTitle' : 'toolbar.notJunkTitle')}
        >
          {t(props.junkCommand === 'junk' ? 'toolbar.junk' : 'toolbar.notJunk')}
        </button>
        <button type="button" onClick={command('move')} disabled={!props.canDelete} title={t('toolbar.moveTitle')}>
          {t('toolbar.move')}
        </button>
      </span>
      <span className="toolbar-group">
        <button type="button" className="icon-button" onClick={command('toggle-read')} disabled={props.marks === null} aria-label={readLabel} title={readLabel}>
          <span aria-hidden="true">{props.marks?.seen === false ? SYMBOLS.envelope : SYMBOLS.dot}</span>
        </button>
        <button
          type="button"
          className="icon-button"
          onClick={command('toggle-flag')}
          disabled={props.marks === null}
          aria-pressed={props.marks?.flagged === true}
          aria-label={t('toolbar.flag')}
          title={t('toolbar.flag')}
        >
          <span aria-hidden="true">{SYMBOLS.star}</span>
        </button>
        <MenuButton
          label={t('toolbar.tag')}
          entries={tagMenuEntries(t, props.tags ?? [], props.onTag).map((entry) => ({ ...entry, disabled: props.tags === null }))}
        >
          {t('toolbar.tag')}
          <span aria-hidden="true">
            {SYMBOLS.space}
            {SYMBOLS.expanded}
          </span>
        </MenuButton>
      </span>
      <span className="toolbar-group">
        <button type="button" onClick={command('send-receive')} title={t('toolbar.sendReceiveTitle')}>
          {t('toolbar.sendReceive')}
        </button>
        {props.running && (
          <button type="button" onClick={command('cancel')}>
            {t('common.cancel')}
          </button>
        )}
      </span>
      <MenuButton label={t('toolbar.moreLabel')} className="toolbar-more" entries={moreEntries}>
        {t('toolbar.more')}
        <span aria-hidden="true"> {SYMBOLS.menuArrow}</span>
      </MenuButton>
      <span className="toolbar-spacer" />
      <span className="search-field">
        <input
          ref={searchRef}
          type="search"
          className="search-box"
          aria-label={t('toolbar.search')}
          placeholder={t('toolbar.searchPlaceholder')}
          title={t('toolbar.searchHint')}
          value={text}
          maxLength={MAX_SEARCH_TEXT}
          aria-invalid={props.searchError !== null}
          aria-describedby={props.searchError === null ? undefined : 'search-error'}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault();
              setText('');
              onSearch('');
            }
          }}
        />
        {props.searchError !== null && (
          <span id="search-error" className="search-error" role="alert">
            {props.searchError}
          </span>
        )}
      </span>
      <button type="button" onClick={command('settings')}>
        {t('toolbar.settings')}
      </button>
    </header>
  );
});
