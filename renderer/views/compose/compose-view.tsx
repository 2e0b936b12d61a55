import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { MAX_TOTAL_ATTACHMENT_BYTES } from '../../../shared/compose-ops';
import { estimateMessageSize, formatSize } from '../../../shared/compose-size';
import { bridge } from '../../bridge';
import type { ComposeRequest } from '../../state/navigation';
import { useSettings } from '../../state/settings';
import { addressesOf, parseChips, type AddressChip } from './address-chips';
import { AddressField } from './address-field';
import { createAutosave, type Autosave } from './autosave';
import { htmlToText, payloadOf, sameContent, textToHtml, type ComposeContent, type LocalAttachment } from './compose-content';
import { initialComposeFocus, focusComposeField } from './compose-focus';
import { choiceFor, loadCompose, type LoadedCompose } from './compose-load';
import { RichEditor } from './rich-editor';
import { useUndoSend } from './undo-send';
import './compose.css';

type Field = 'to' | 'cc' | 'bcc';
type Question = 'close' | 'discard' | null;

function titleOf(request: ComposeRequest): string {
  switch (request.kind) {
    case 'answer':
      return request.mode === 'reply' ? 'Reply' : request.mode === 'replyAll' ? 'Reply all' : 'Forward';
    case 'draft':
      return 'Draft';
    case 'outbox':
      return 'Draft in the Outbox';
    case 'new':
    case 'mailto':
      return 'New message';
    default: {
      const unknown: never = request;
      return String(unknown);
    }
  }
}

/** Reads a file the user chose as base64 (without the data: prefix). */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

function errorText(reason: unknown, fallback: string): string {
  return reason instanceof Error && reason.message !== '' ? reason.message : fallback;
}

/** Writing a message: opened over the current page, closed by send, save or discard. */
export function ComposeView(props: { readonly request: ComposeRequest; readonly onClose: () => void }) {
  const { request, onClose } = props;
  const undoSend = useUndoSend();
  const { settings } = useSettings();
  const dialog = useRef<HTMLDialogElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [loaded, setLoaded] = useState<LoadedCompose | null>(null);
  const [content, setContent] = useState<ComposeContent | null>(null);
  const [typed, setTyped] = useState<Record<Field, string>>({ to: '', cc: '', bcc: '' });
  const [showCc, setShowCc] = useState(false);
  const [showBcc, setShowBcc] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [question, setQuestion] = useState<Question>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [limit, setLimit] = useState<number | null>(null);
  const [editorKey, setEditorKey] = useState(0);
  const [dragging, setDragging] = useState(false);
  const draftId = useRef<number | null>(null);
  const initialDraftId = useRef<number | null>(null);
  const latest = useRef<ComposeContent | null>(null);
  latest.current = content;

  useEffect(() => {
    const box = dialog.current;
    if (box !== null && !box.open) box.showModal();
    return () => {
      if (box?.open === true) box.close();
    };
  }, []);

  useEffect(() => {
    let active = true;
    loadCompose(request, request.kind === 'new' ? (undoSend?.takeRestored() ?? null) : null)
      .then((result) => {
        if (!active) return;
        setLoaded(result);
        setContent(result.content);
        draftId.current = result.draftId;
        initialDraftId.current = result.draftId;
        setShowCc(result.content.cc.length > 0);
        setShowBcc(result.content.bcc.length > 0);
        setEditorKey((key) => key + 1);
      })
      .catch((reason: unknown) => {
        if (active) setError(errorText(reason, 'This message could not be opened.'));
      });
    return () => {
      active = false;
    };
    // The request is fixed for the life of this window.
  }, []);

  // Once loaded, the cursor goes where typing starts: To for a new message, the body for a reply.
  useEffect(() => {
    if (loaded === null || dialog.current === null) return;
    focusComposeField(dialog.current, initialComposeFocus(request, loaded.content.to.length));
  }, [loaded]);

  const accountId = content?.accountId ?? null;
  useEffect(() => {
    if (accountId === null) return;
    let active = true;
    void bridge.getSendSizeLimit(accountId).then((result) => {
      if (active) setLimit(result.ok ? result.value.maxMessageSize : null);
    });
    return () => {
      active = false;
    };
  }, [accountId]);

  /** Content with the text still being typed in the address fields turned into chips. */
  const settled = useCallback((): ComposeContent | null => {
    const current = latest.current;
    if (current === null) return null;
    const add = (field: Field): readonly AddressChip[] => (typed[field].trim() === '' ? current[field] : [...current[field], ...parseChips(typed[field])]);
    return { ...current, to: add('to'), cc: add('cc'), bcc: add('bcc') };
  }, [typed]);

  const autosave = useRef<Autosave | null>(null);
  if (autosave.current === null) {
    autosave.current = createAutosave(async () => {
      const current = latest.current;
      if (current === null || current.accountId === null || request.kind === 'outbox') return;
      const result = await bridge.saveDraft({ accountId: current.accountId, ...(draftId.current === null ? {} : { replaces: draftId.current }), ...payloadOf(current) });
      if (!result.ok) {
        setError(`The draft could not be saved: ${result.error.message}`);
        throw new Error(result.error.message);
      }
      draftId.current = result.value.id;
      setSavedAt(Date.now());
    });
  }
  useEffect(() => () => autosave.current?.cancel(), []);

  const changed = loaded !== null && content !== null && (!sameContent(content, loaded.baseline ?? loaded.content) || Object.values(typed).some((text) => text.trim() !== ''));
  const update = (patch: Partial<ComposeContent>) => {
    setContent((current) => (current === null ? current : { ...current, ...patch }));
    if (request.kind !== 'outbox') autosave.current?.changed();
  };

  const estimate = useMemo(() => {
    if (content === null) return 0;
    return estimateMessageSize({
      ...(content.format === 'html' ? { html: content.html, text: content.html } : { text: content.text }),
      attachmentBytes: [...content.attachments.map((item) => item.size), ...content.forwarded.map((item) => item.size)],
      headerText: [content.subject, ...[...content.to, ...content.cc].map((chip) => chip.text)].join(' '),
    });
  }, [content]);
  const tooLarge = limit !== null && estimate > limit;

  const addFiles = async (files: readonly File[]) => {
    const current = latest.current;
    if (current === null || files.length === 0) return;
    let total = current.attachments.reduce((sum, item) => sum + item.size, 0) + current.forwarded.reduce((sum, item) => sum + item.size, 0);
    const added: LocalAttachment[] = [];
    for (const file of files) {
      if (total + file.size > MAX_TOTAL_ATTACHMENT_BYTES) {
        setError(`“${file.name}” (${formatSize(file.size)}) cannot be attached: attachments together can be at most ${formatSize(MAX_TOTAL_ATTACHMENT_BYTES)}.`);
        continue;
      }
      try {
        const base64 = await readBase64(file);
        total += file.size;
        added.push({ key: `${Date.now()}-${file.name}-${added.length}`, fileName: file.name, contentType: file.type === '' ? 'application/octet-stream' : file.type, size: file.size, base64 });
      } catch (reason) {
        setError(`“${file.name}” could not be read: ${errorText(reason, 'unknown problem')}`);
      }
    }
    if (added.length > 0) update({ attachments: [...(latest.current?.attachments ?? []), ...added] });
  };

  const close = () => {
    autosave.current?.cancel();
    onClose();
  };

  const saveAndClose = async () => {
    const current = settled();
    if (current === null) return close();
    latest.current = current;
    setBusy(true);
    try {
      autosave.current?.changed();
      await autosave.current?.flush();
      close();
    } catch {
      setBusy(false);
    }
  };

  const discard = async () => {
    autosave.current?.cancel();
    await autosave.current?.flush().catch(() => undefined);
    // A draft this window saved by itself goes; a draft the user opened stays as it was last saved.
    if (draftId.current !== null && draftId.current !== initialDraftId.current) await bridge.deleteDraft(draftId.current);
    close();
  };

  const send = async () => {
    const current = settled();
    if (current === null || busy) return;
    setContent(current);
    setTyped({ to: '', cc: '', bcc: '' });
    const invalid = [...current.to, ...current.cc, ...current.bcc].filter((chip) => chip.problem !== null);
    if (invalid.length > 0) {
      setError(`Correct or remove the addresses marked as invalid: ${invalid.map((chip) => chip.text).join(', ')}.`);
      return;
    }
    if (addressesOf([...current.to, ...current.cc, ...current.bcc]).length === 0) {
      setError('Add at least one recipient.');
      return;
    }
    if (current.accountId === null) {
      setError('Choose the account to send from.');
      return;
    }
    setBusy(true);
    setError(null);
    autosave.current?.cancel();
    await autosave.current?.flush().catch(() => undefined);
    const payload = payloadOf(current);
    const result = request.kind === 'outbox' ? await bridge.editOutboxMessage({ id: request.outboxId, ...payload }) : await bridge.queueMessage({ accountId: current.accountId, ...payload });
    if (!result.ok) {
      setBusy(false);
      setError(result.error.message);
      return;
    }
    if (draftId.current !== null) await bridge.deleteDraft(draftId.current);
    const seconds = settings?.undoSendSeconds ?? 0;
    if (request.kind !== 'outbox' && seconds > 0) undoSend?.announce({ outboxId: result.value.id, accountId: current.accountId, content: current, until: Date.now() + seconds * 1000 });
    close();
  };

  const requestClose = () => {
    if (question !== null) {
      setQuestion(null);
      return;
    }
    if (changed) setQuestion('close');
    else close();
  };

  useEffect(() => {
    const box = dialog.current;
    if (box === null) return;
    const onCancel = (event: Event) => {
      event.preventDefault();
      requestClose();
    };
    box.addEventListener('cancel', onCancel);
    return () => box.removeEventListener('cancel', onCancel);
  });

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  };

  const title = titleOf(request);
  const choices = loaded?.choices ?? [];
  const selected = content === null ? undefined : choiceFor(choices, content.accountId, content.from?.address);
  const allAttachments = content === null ? [] : [...content.attachments.map((item) => ({ key: item.key, name: item.fileName, size: item.size, local: true })), ...content.forwarded.map((item) => ({ key: `f-${item.messageId}-${item.index}`, name: item.fileName ?? 'attachment', size: item.size, local: false }))];

  return (
    <dialog
      ref={dialog}
      className={`compose${dragging ? ' compose-dragging' : ''}`}
      aria-modal="true"
      aria-labelledby="compose-title"
      onKeyDown={onKeyDown}
      onDragOver={(event) => {
        if (Array.from(event.dataTransfer.types).includes('Files')) {
          event.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        void addFiles(Array.from(event.dataTransfer.files));
      }}
    >
      <header className="compose-header">
        <h2 id="compose-title">{content !== null && content.subject.trim() !== '' ? `${title}: ${content.subject}` : title}</h2>
        {savedAt !== null && <span className="muted compose-saved">Draft saved at {new Date(savedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</span>}
      </header>
      {content === null ? (
        error === null ? (
          <p aria-busy="true">Opening…</p>
        ) : (
          <div className="compose-body">
            <p role="alert" className="compose-error">
              {error}
            </p>
            <div className="compose-actions">
              <button type="button" onClick={close}>
                Close
              </button>
            </div>
          </div>
        )
      ) : (
        <form
          className="compose-body"
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          {loaded !== null && loaded.problems.length > 0 && (
            <div role="alert" className="compose-problems">
              <p>Some parts of the original could not be used:</p>
              <ul>
                {loaded.problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            </div>
          )}
          <div className="compose-row">
            <label htmlFor="compose-from">From</label>
            <select
              id="compose-from"
              value={selected?.key ?? ''}
              disabled={request.kind === 'outbox'}
              onChange={(event) => {
                const choice = choices.find((item) => item.key === event.target.value);
                if (choice !== undefined) update({ accountId: choice.accountId, from: choice.identity.name === '' ? { address: choice.identity.address } : { name: choice.identity.name, address: choice.identity.address } });
              }}
            >
              {choices.map((choice) => (
                <option key={choice.key} value={choice.key}>
                  {choice.identity.name === '' ? choice.identity.address : `${choice.identity.name} <${choice.identity.address}>`} ({choice.accountName})
                </option>
              ))}
            </select>
          </div>
          <AddressField label="To" chips={content.to} typed={typed.to} onChange={(chips, text) => (setTyped((old) => ({ ...old, to: text })), chips !== content.to && update({ to: chips }))} />
          {loaded?.replyToNote !== null && loaded?.replyToNote !== undefined && <p className="compose-note">{loaded.replyToNote}</p>}
          {showCc && <AddressField label="Cc" chips={content.cc} typed={typed.cc} onChange={(chips, text) => (setTyped((old) => ({ ...old, cc: text })), chips !== content.cc && update({ cc: chips }))} />}
          {showBcc && <AddressField label="Bcc" chips={content.bcc} typed={typed.bcc} onChange={(chips, text) => (setTyped((old) => ({ ...old, bcc: text })), chips !== content.bcc && update({ bcc: chips }))} />}
          {(!showCc || !showBcc) && (
            <div className="compose-row compose-more">
              {!showCc && (
                <button type="button" className="link-button" onClick={() => setShowCc(true)}>
                  Add Cc
                </button>
              )}
              {!showBcc && (
                <button type="button" className="link-button" onClick={() => setShowBcc(true)}>
                  Add Bcc
                </button>
              )}
            </div>
          )}
          <div className="compose-row">
            <label htmlFor="compose-subject">Subject</label>
            <input id="compose-subject" value={content.subject} maxLength={998} onChange={(event) => update({ subject: event.target.value.replace(/[\r\n]+/g, ' ') })} />
          </div>
          <div className="compose-row compose-format">
            <button
              type="button"
              aria-pressed={content.format === 'html'}
              onClick={() => {
                if (content.format === 'html') update({ format: 'plain', text: htmlToText(content.html) });
                else update({ format: 'html', html: textToHtml(content.text) });
                setEditorKey((key) => key + 1);
              }}
            >
              Rich text
            </button>
          </div>
          {content.format === 'html' ? (
            <RichEditor key={editorKey} initialHtml={content.html} onChange={(html) => update({ html })} />
          ) : (
            <textarea className="body-editor" aria-label="Message body" value={content.text} onChange={(event) => update({ text: event.target.value })} />
          )}
          {allAttachments.length > 0 && (
            <ul className="attachment-list" aria-label="Attachments">
              {allAttachments.map((item) => (
                <li key={item.key} className="chip">
                  <span>{item.name}</span>
                  <span className="chip-address">{formatSize(item.size)}</span>
                  <button
                    type="button"
                    className="chip-remove"
                    aria-label={`Remove ${item.name}`}
                    onClick={() =>
                      item.local
                        ? update({ attachments: content.attachments.filter((other) => other.key !== item.key) })
                        : update({ forwarded: content.forwarded.filter((other) => `f-${other.messageId}-${other.index}` !== item.key) })
                    }
                  >
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          {tooLarge && limit !== null && (
            <p role="alert" className="compose-warning">
              This message is about {formatSize(estimate)}, but the outgoing server of this account accepts at most {formatSize(limit)}. Remove or shrink attachments before sending.
            </p>
          )}
          {error !== null && (
            <p role="alert" className="compose-error">
              {error}
            </p>
          )}
          <input
            ref={fileInput}
            type="file"
            multiple
            className="visually-hidden"
            tabIndex={-1}
            aria-label="Files to attach"
            onChange={(event) => {
              const files = Array.from(event.target.files ?? []);
              event.target.value = '';
              void addFiles(files);
            }}
          />
          <div className="compose-actions">
            <button type="submit" className="primary" disabled={busy}>
              Send
            </button>
            <button type="button" disabled={busy || request.kind === 'outbox'} onClick={() => void saveAndClose()}>
              Save draft
            </button>
            <button type="button" onClick={() => fileInput.current?.click()}>
              Attach files
            </button>
            <span className="toolbar-spacer" />
            <button type="button" onClick={() => (changed ? setQuestion('discard') : void discard())}>
              Discard
            </button>
          </div>
          {question !== null && (
            <div role="alertdialog" aria-modal="true" aria-labelledby="compose-question" className="compose-question">
              <p id="compose-question">{question === 'close' ? 'Keep this message as a draft?' : 'Discard this message? What you wrote is lost.'}</p>
              {question === 'close' && (
                <button type="button" className="primary" autoFocus onClick={() => void saveAndClose()}>
                  Keep as draft
                </button>
              )}
              <button type="button" {...(question === 'discard' ? { autoFocus: true } : {})} onClick={() => void discard()}>
                Discard message
              </button>
              <button type="button" onClick={() => setQuestion(null)}>
                Keep writing
              </button>
            </div>
          )}
        </form>
      )}
    </dialog>
  );
}
