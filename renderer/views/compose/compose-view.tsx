import { useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { bridge } from '../../bridge';
import { answerKind } from '../../../shared/compose';
import { errorMessageIn } from '../../../shared/error-words';
import type { ComposeRequest } from '../../state/navigation';
import { useSettings } from '../../state/settings';
import { AddressField } from './address-field';
import { createAutosave, type Autosave } from './autosave';
import { ComposeAttachments } from './compose-attachments';
import { htmlToText, payloadOf, type ComposeContent } from './compose-content';
import { initialComposeFocus, focusComposeField } from './compose-focus';
import { useComposeLoad, useModalDialog, useSendSizeLimit } from './compose-effects';
import { choiceFor, fromOf, type FromChoice } from './compose-load';
import { useComposeWords } from './compose-words';
import {
  attachedBytes,
  attachmentRows,
  composeHeading,
  composeReducer,
  hasChanges,
  INITIAL_COMPOSE,
  oversizeProblem,
  readAttachments,
  sendProblem,
  settleContent,
  sizeWarning,
  withoutAttachment,
  type AddressFieldName,
} from './compose-model';
import { ComposeAlert, ComposeButtons, ComposeNotOpen, MoreFields, OriginalProblems, SendOptions } from './compose-parts';
import { ComposeQuestionBar, SpellingQuestionBar } from './compose-question';
import { FromField } from './from-field';
import { readBase64 } from './read-file';
import { RichEditor } from './rich-editor';
import { swapSignature, textToRichHtml } from './signature';
import { misspelledWords, writtenText } from './spelling';
import { useUndoSend } from './undo-send';
import './compose.css';

/** Writing a message: opened over the current page, closed by send, save or discard. */
export function ComposeView(props: { readonly request: ComposeRequest; readonly onClose: () => void }) {
  const { request, onClose } = props;
  const undoSend = useUndoSend();
  const words = useComposeWords();
  const { t } = words;
  const { settings } = useSettings();
  const dialog = useRef<HTMLDialogElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const [state, dispatch] = useReducer(composeReducer, INITIAL_COMPOSE);
  const { loaded, content, typed, error, busy, question } = state;
  const draftId = useRef<number | null>(null);
  const initialDraftId = useRef<number | null>(null);
  const latest = useRef<ComposeContent | null>(null);
  latest.current = content;
  /** Words the spell checker marked when Send was pressed with "check spelling before sending" on. */
  const [misspelled, setMisspelled] = useState<readonly string[] | null>(null);
  const spellCheck = settings?.spellCheck ?? true;

  useComposeLoad(
    request,
    () => undoSend?.takeRestored() ?? null,
    (result) => {
      draftId.current = result.draftId;
      initialDraftId.current = result.draftId;
    },
    dispatch,
    words,
  );

  // Once loaded, the cursor goes where typing starts: To for a new message, the body for a reply.
  useEffect(() => {
    if (loaded === null || dialog.current === null) return;
    focusComposeField(dialog.current, initialComposeFocus(request, loaded.content.to.length));
  }, [loaded]);

  useSendSizeLimit(content?.accountId ?? null, dispatch);

  /** Content with the text still being typed in the address fields turned into chips. */
  const settled = (): ComposeContent | null => (latest.current === null ? null : settleContent(latest.current, typed));

  const autosave = useRef<Autosave | null>(null);
  if (autosave.current === null) {
    autosave.current = createAutosave(async () => {
      const current = latest.current;
      if (current === null || current.accountId === null || request.kind === 'outbox') return;
      const result = await bridge.saveDraft({
        accountId: current.accountId,
        ...(draftId.current === null ? {} : { replaces: draftId.current }),
        ...payloadOf(current),
      });
      if (!result.ok) {
        dispatch({ type: 'error', error: t('compose.saveFailed', { reason: errorMessageIn(t, result.error) }) });
        throw new Error(result.error.message);
      }
      draftId.current = result.value.id;
      dispatch({ type: 'saved', at: Date.now() });
    });
  }
  useEffect(() => () => autosave.current?.cancel(), []);

  const changed = hasChanges(state);
  const edited = () => {
    if (request.kind !== 'outbox') autosave.current?.changed();
  };
  const update = (patch: Partial<ComposeContent>) => {
    dispatch({ type: 'edited', patch });
    edited();
  };
  const addressChanged = (field: AddressFieldName, chips: ComposeContent[AddressFieldName], text: string) => {
    dispatch({ type: 'typed', field, text });
    if (content !== null && chips !== content[field]) update({ [field]: chips });
  };

  const warning = useMemo(() => (content === null ? null : sizeWarning(content, state.limit, words)), [content, state.limit, words]);

  const addFiles = async (files: readonly File[]) => {
    const current = latest.current;
    if (current === null || files.length === 0) return;
    const added = await readAttachments(files, attachedBytes(current), {
      read: readBase64,
      onError: (message) => dispatch({ type: 'error', error: message }),
      now: Date.now,
      words,
    });
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
    dispatch({ type: 'busy', busy: true });
    try {
      autosave.current?.changed();
      await autosave.current?.flush();
      close();
    } catch {
      dispatch({ type: 'busy', busy: false });
    }
  };

  const discard = async () => {
    autosave.current?.cancel();
    await autosave.current?.flush().catch(() => undefined);
    // A draft this window saved by itself goes; a draft the user opened stays as it was last saved.
    if (draftId.current !== null && draftId.current !== initialDraftId.current) await bridge.deleteDraft(draftId.current);
    close();
  };

  const send = async (spellingChecked = false) => {
    const current = settled();
    if (current === null || busy) return;
    dispatch({ type: 'settled', content: current });
    const problem = sendProblem(current, t) ?? oversizeProblem(current, state.limit, words);
    if (problem !== null || current.accountId === null) {
      dispatch({ type: 'error', error: problem });
      return;
    }
    if (!spellingChecked && settings?.checkSpellingBeforeSend === true) {
      const words = misspelledWords(writtenText(current, htmlToText));
      if (words !== null && words.length > 0) {
        setMisspelled(words);
        return;
      }
    }
    setMisspelled(null);
    dispatch({ type: 'busy', busy: true });
    dispatch({ type: 'error', error: null });
    autosave.current?.cancel();
    await autosave.current?.flush().catch(() => undefined);
    const payload = payloadOf(current);
    const result =
      request.kind === 'outbox'
        ? await bridge.editOutboxMessage({ id: request.outboxId, ...payload })
        : await bridge.queueMessage({
            accountId: current.accountId,
            ...payload,
            // The original is marked answered or forwarded by main once the server accepted the message.
            ...(request.kind === 'answer' ? { answers: { messageId: request.messageId, kind: answerKind(request.mode) } } : {}),
          });
    if (!result.ok) {
      dispatch({ type: 'busy', busy: false });
      dispatch({ type: 'error', error: errorMessageIn(t, result.error) });
      return;
    }
    if (draftId.current !== null) await bridge.deleteDraft(draftId.current);
    const seconds = settings?.undoSendSeconds ?? 0;
    if (request.kind !== 'outbox' && seconds > 0)
      undoSend?.announce({ outboxId: result.value.id, accountId: current.accountId, content: current, until: Date.now() + seconds * 1000 });
    close();
  };

  const requestClose = () => {
    if (question !== null) dispatch({ type: 'asked', question: null });
    else if (changed) dispatch({ type: 'asked', question: 'close' });
    else close();
  };

  useModalDialog(dialog, requestClose);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  };

  const choices = loaded?.choices ?? [];
  const selected = content === null ? undefined : choiceFor(choices, content.accountId, content.from?.address);
  /** Another identity: its account, address and signature (only the signature block changes; the editor starts again from it). */
  const changeFrom = (choice: FromChoice) => {
    if (content === null) return;
    const body = swapSignature(content, selected?.identity, choice.identity);
    dispatch({ type: 'formatChanged', patch: { accountId: choice.accountId, from: fromOf(choice), ...body } });
    edited();
  };

  return (
    <dialog
      ref={dialog}
      className={`compose${state.dragging ? ' compose-dragging' : ''}`}
      aria-modal="true"
      aria-labelledby="compose-title"
      onKeyDown={onKeyDown}
      onDragOver={(event) => {
        if (Array.from(event.dataTransfer.types).includes('Files')) {
          event.preventDefault();
          dispatch({ type: 'dragging', dragging: true });
        }
      }}
      onDragLeave={() => dispatch({ type: 'dragging', dragging: false })}
      onDrop={(event) => {
        event.preventDefault();
        dispatch({ type: 'dragging', dragging: false });
        void addFiles(Array.from(event.dataTransfer.files));
      }}
    >
      <header className="compose-header">
        <h2 id="compose-title">{composeHeading(request, content, t)}</h2>
        {state.savedAt !== null && <span className="muted compose-saved">{t('compose.savedAt', { time: words.time(state.savedAt) })}</span>}
      </header>
      {content === null ? (
        <ComposeNotOpen error={error} onClose={close} />
      ) : (
        <form
          className="compose-body"
          onSubmit={(event) => {
            event.preventDefault();
            void send();
          }}
        >
          <OriginalProblems problems={loaded?.problems ?? []} />
          <FromField choices={choices} selected={selected} disabled={request.kind === 'outbox'} onChange={changeFrom} />
          <AddressField field="to" chips={content.to} typed={typed.to} onChange={(chips, text) => addressChanged('to', chips, text)} />
          {loaded?.replyToNote !== null && loaded?.replyToNote !== undefined && <p className="compose-note">{loaded.replyToNote}</p>}
          {state.showCc && <AddressField field="cc" chips={content.cc} typed={typed.cc} onChange={(chips, text) => addressChanged('cc', chips, text)} />}
          {state.showBcc && <AddressField field="bcc" chips={content.bcc} typed={typed.bcc} onChange={(chips, text) => addressChanged('bcc', chips, text)} />}
          <MoreFields showCc={state.showCc} showBcc={state.showBcc} onShow={(field) => dispatch({ type: 'fieldShown', field })} />
          <div className="compose-row">
            <label htmlFor="compose-subject">{t('compose.subject')}</label>
            <input
              id="compose-subject"
              dir="auto"
              value={content.subject}
              maxLength={998}
              onChange={(event) => update({ subject: event.target.value.replace(/[\r\n]+/g, ' ') })}
            />
          </div>
          <SendOptions priority={content.priority} requestReadReceipt={content.requestReadReceipt} onChange={update} />
          <div className="compose-row compose-format">
            <button
              type="button"
              aria-pressed={content.format === 'html'}
              onClick={() => {
                dispatch({
                  type: 'formatChanged',
                  patch:
                    content.format === 'html'
                      ? { format: 'plain', text: htmlToText(content.html) }
                      : { format: 'html', html: textToRichHtml(content.text, selected?.identity) },
                });
                edited();
              }}
            >
              {t('compose.richText')}
            </button>
          </div>
          {content.format === 'html' ? (
            <RichEditor key={state.editorKey} initialHtml={content.html} spellCheck={spellCheck} onChange={(html) => update({ html })} />
          ) : (
            <textarea
              className="body-editor"
              aria-label={t('compose.body')}
              dir="auto"
              spellCheck={spellCheck}
              value={content.text}
              onChange={(event) => update({ text: event.target.value })}
            />
          )}
          <ComposeAttachments rows={attachmentRows(content, t('compose.attachmentName'))} onRemove={(row) => update(withoutAttachment(content, row))} />
          <ComposeAlert text={warning} kind="warning" />
          <ComposeAlert text={error} kind="error" />
          <input
            ref={fileInput}
            type="file"
            multiple
            className="visually-hidden"
            tabIndex={-1}
            aria-label={t('compose.filesToAttach')}
            onChange={(event) => {
              const files = Array.from(event.target.files ?? []);
              event.target.value = '';
              void addFiles(files);
            }}
          />
          <ComposeButtons
            busy={busy}
            outbox={request.kind === 'outbox'}
            onSave={() => void saveAndClose()}
            onAttach={() => fileInput.current?.click()}
            onDiscard={() => (changed ? dispatch({ type: 'asked', question: 'discard' }) : void discard())}
          />
          {misspelled !== null && <SpellingQuestionBar words={misspelled} onSend={() => void send(true)} onKeepWriting={() => setMisspelled(null)} />}
          {question !== null && (
            <ComposeQuestionBar
              question={question}
              onKeep={() => void saveAndClose()}
              onDiscard={() => void discard()}
              onCancel={() => dispatch({ type: 'asked', question: null })}
            />
          )}
        </form>
      )}
    </dialog>
  );
}
