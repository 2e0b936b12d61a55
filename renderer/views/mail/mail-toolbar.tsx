import { forwardRef, useEffect, useState } from 'react';
import { MAX_SEARCH_TEXT, type FolderView } from '../../../shared/mail';
import { MenuButton } from '../../components/menu-button';

/** Wait after the last key before searching, in milliseconds. */
export const SEARCH_DEBOUNCE_MS = 250;

/** Toolbar commands that act on the selection or the whole window. */
export type ToolbarCommand = 'new' | 'reply' | 'reply-all' | 'forward' | 'delete' | 'junk' | 'not-junk' | 'send-receive' | 'cancel' | 'settings';

/**
 * The mail window's toolbar: New, Reply, Reply all, Forward, Delete, Junk (Not junk in Junk), Move to…, Send/Receive (Cancel
 * while it runs), Settings, and the search box, which searches as you type (after a short pause),
 * says where a search has a mistake, and clears with Escape.
 */
export const MailToolbar = forwardRef<
  HTMLInputElement,
  {
    readonly canAnswer: boolean;
    readonly canDelete: boolean;
    /** What the junk button does: Junk outside the Junk folder, Not junk in it. */
    readonly junkCommand: 'junk' | 'not-junk';
    readonly running: boolean;
    readonly moveTargets: readonly FolderView[];
    readonly onCommand: (command: ToolbarCommand) => void;
    readonly onMove: (folderId: number) => void;
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
  const command = (name: ToolbarCommand) => () => props.onCommand(name);
  return (
    <header className="toolbar mail-toolbar" role="toolbar" aria-label="Mail commands">
      <span className="brand">Mailbag</span>
      <button type="button" className="primary" onClick={command('new')} title="New message (Ctrl+N)">
        New
      </button>
      <span className="toolbar-group">
        <button type="button" onClick={command('reply')} disabled={!props.canAnswer} title="Reply (Ctrl+R)">
          Reply
        </button>
        <button type="button" onClick={command('reply-all')} disabled={!props.canAnswer} title="Reply all (Ctrl+Shift+R)">
          Reply all
        </button>
        <button type="button" onClick={command('forward')} disabled={!props.canAnswer} title="Forward (Ctrl+F)">
          Forward
        </button>
      </span>
      <span className="toolbar-group">
        <button type="button" onClick={command('delete')} disabled={!props.canDelete} title="Delete (Delete)">
          Delete
        </button>
        <button
          type="button"
          onClick={command(props.junkCommand)}
          disabled={!props.canDelete}
          title={props.junkCommand === 'junk' ? 'Mark as junk (J with Thunderbird keys)' : 'Not junk (Shift+J with Thunderbird keys)'}
        >
          {props.junkCommand === 'junk' ? 'Junk' : 'Not junk'}
        </button>
        <MenuButton
          label="Move to…"
          disabled={!props.canDelete || props.moveTargets.length === 0}
          entries={props.moveTargets.map((folder) => ({ label: folder.name, onSelect: () => props.onMove(folder.id) }))}
        >
          Move to…
        </MenuButton>
      </span>
      <span className="toolbar-group">
        <button type="button" onClick={command('send-receive')} title="Send/Receive (F9)">
          Send/Receive
        </button>
        {props.running && (
          <button type="button" onClick={command('cancel')}>
            Cancel
          </button>
        )}
      </span>
      <span className="toolbar-spacer" />
      <span className="search-field">
        <input
          ref={searchRef}
          type="search"
          className="search-box"
          aria-label="Search mail"
          placeholder="Search mail (Ctrl+E)"
          title='Words, "phrases", from: to: subject: has:attachment is:unread in:sent before:2026-03-14 larger:5M, OR, -word'
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
        Settings
      </button>
    </header>
  );
});
