import { useEffect, useRef, useState } from 'react';
import { parseExternalUrl } from '../../../shared/urls';
import type { MessageId } from '../../../shared/i18n/messages-en';
import { inlineImageUrl, MAX_INLINE_IMAGE_BYTES, sanitizeHtml } from './compose-content';
import { ComposeAlert } from './compose-parts';
import { useComposeWords } from './compose-words';
import { readBase64 } from './read-file';

/** The editing commands the formatting toolbar offers (the browser's own editing commands). */
const COMMANDS: ReadonlyArray<{ readonly label: MessageId; readonly command: string; readonly key: MessageId | null; readonly symbol: string }> = [
  { label: 'compose.bold', command: 'bold', key: 'compose.boldKey', symbol: '' },
  { label: 'compose.italic', command: 'italic', key: 'compose.italicKey', symbol: '' },
  { label: 'compose.bulleted', command: 'insertUnorderedList', key: null, symbol: '•' },
  { label: 'compose.numbered', command: 'insertOrderedList', key: null, symbol: '1.' },
];

/** The mark of the Link button (its accessible name says it in words). */
const LINK_MARK = '🔗';

/** The image files among pasted or dropped data; none when it carries no files. */
function imageFiles(data: DataTransfer | null): File[] {
  return data === null ? [] : Array.from(data.files).filter((file) => /^image\/(?:png|jpeg|gif|webp)$/.test(file.type));
}

/**
 * A small rich-text editor: a contenteditable region with bold, italic, lists and links. The HTML it
 * starts from is sanitized first (a quoted original is hostile data), and what it reports is
 * sanitized again before it is sent.
 */
export function RichEditor(props: {
  readonly initialHtml: string;
  readonly onChange: (html: string) => void;
  /** The editing area's accessible name; the message body's when absent. */
  readonly label?: string;
  /** Whether misspelled words are underlined (the spell checker of the app or of the browser); on when absent. */
  readonly spellCheck?: boolean;
  readonly onKeyDown?: (event: React.KeyboardEvent) => void;
}) {
  const editor = useRef<HTMLDivElement>(null);
  const { t, size } = useComposeWords();
  const [linking, setLinking] = useState(false);
  const [linkText, setLinkText] = useState('');
  const [linkProblem, setLinkProblem] = useState<string | null>(null);
  const saved = useRef<Range | null>(null);

  useEffect(() => {
    if (editor.current !== null) editor.current.innerHTML = sanitizeHtml(props.initialHtml);
    // Only the first content: afterwards the editor owns its HTML (the view remounts it to replace it).
  }, []);

  const [imageProblem, setImageProblem] = useState<string | null>(null);

  const report = () => props.onChange(editor.current?.innerHTML ?? '');
  /** Puts pasted or dropped images where the cursor is, as data: URLs (sent as `cid:` parts). */
  const insertImages = async (files: readonly File[]) => {
    setImageProblem(null);
    let html = '';
    for (const file of files) {
      if (file.size > MAX_INLINE_IMAGE_BYTES) {
        setImageProblem(t('compose.imageTooLarge', { name: file.name, size: size(file.size), limit: size(MAX_INLINE_IMAGE_BYTES) }));
        continue;
      }
      try {
        const url = inlineImageUrl(file.type, await readBase64(file));
        if (url !== null) html += `<img src="${url}" alt="">`;
      } catch {
        setImageProblem(t('compose.fileUnreadable', { name: file.name }));
      }
    }
    if (html !== '') run('insertHTML', html);
  };
  const takeImages = (event: React.ClipboardEvent | React.DragEvent, data: DataTransfer | null) => {
    const files = imageFiles(data);
    if (files.length === 0) return;
    // Images go into the text, not to the attachments the window adds dropped files to.
    event.preventDefault();
    event.stopPropagation();
    if (event.type === 'drop') {
      const drop = event as React.DragEvent;
      const range = document.caretRangeFromPoint(drop.clientX, drop.clientY);
      const selection = window.getSelection();
      if (range !== null && selection !== null) {
        selection.removeAllRanges();
        selection.addRange(range);
      }
    }
    void insertImages(files);
  };
  const run = (command: string, value?: string) => {
    editor.current?.focus();
    document.execCommand(command, false, value);
    report();
  };
  const startLink = () => {
    const selection = window.getSelection();
    saved.current = selection !== null && selection.rangeCount > 0 ? selection.getRangeAt(0).cloneRange() : null;
    setLinkText('https://');
    setLinkProblem(null);
    setLinking(true);
  };
  const addLink = () => {
    const url = parseExternalUrl(linkText.trim());
    if (url === null) {
      setLinkProblem(t('compose.linkRefused'));
      return;
    }
    setLinking(false);
    editor.current?.focus();
    const selection = window.getSelection();
    if (saved.current !== null && selection !== null) {
      selection.removeAllRanges();
      selection.addRange(saved.current);
    }
    if (selection === null || selection.isCollapsed) run('insertHTML', `<a href="${url.href.replace(/"/g, '&quot;')}">${url.href.replace(/</g, '&lt;')}</a>`);
    else run('createLink', url.href);
  };

  return (
    <div className="rich-editor">
      <div
        role="toolbar"
        aria-label={props.label === undefined ? t('compose.formatting') : t('compose.formattingOf', { label: props.label })}
        className="format-toolbar"
      >
        {COMMANDS.map((item) => (
          <button key={item.command} type="button" title={t(item.label)} onMouseDown={(event) => event.preventDefault()} onClick={() => run(item.command)}>
            <span aria-hidden="true">{item.key === null ? item.symbol : t(item.key)}</span>
            <span className="visually-hidden">{t(item.label)}</span>
          </button>
        ))}
        <button type="button" aria-label={t('compose.link')} title={t('compose.link')} onMouseDown={(event) => event.preventDefault()} onClick={startLink}>
          {LINK_MARK}
        </button>
      </div>
      {linking && (
        <div className="link-row">
          <label className="link-label">
            <span>{t('compose.linkAddress')}</span>
            <input
              dir="ltr"
              value={linkText}
              onChange={(event) => setLinkText(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  addLink();
                } else if (event.key === 'Escape') {
                  event.preventDefault();
                  event.stopPropagation();
                  setLinking(false);
                }
              }}
              autoFocus
            />
          </label>
          <button type="button" onClick={addLink}>
            {t('compose.addLink')}
          </button>
          <button type="button" onClick={() => setLinking(false)}>
            {t('compose.cancelLink')}
          </button>
          {linkProblem !== null && <span role="alert">{linkProblem}</span>}
        </div>
      )}
      <ComposeAlert text={imageProblem} kind="error" />
      <div
        ref={editor}
        className="body-editor"
        contentEditable
        suppressContentEditableWarning
        role="textbox"
        aria-multiline="true"
        aria-label={props.label ?? t('compose.body')}
        dir="auto"
        spellCheck={props.spellCheck ?? true}
        tabIndex={0}
        onInput={report}
        onPaste={(event) => takeImages(event, event.clipboardData)}
        onDrop={(event) => takeImages(event, event.dataTransfer)}
        {...(props.onKeyDown === undefined ? {} : { onKeyDown: props.onKeyDown })}
      />
    </div>
  );
}
