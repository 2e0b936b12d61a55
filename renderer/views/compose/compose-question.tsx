import type { ComposeQuestion } from './compose-model';
import { MAX_NAMED_MISSPELLINGS } from './spelling';

/** Asks before closing or discarding loses what was written; the safe choice has the focus. */
export function ComposeQuestionBar(props: {
  readonly question: ComposeQuestion;
  readonly onKeep: () => void;
  readonly onDiscard: () => void;
  readonly onCancel: () => void;
}) {
  const { question, onKeep, onDiscard, onCancel } = props;
  return (
    <div role="alertdialog" aria-modal="true" aria-labelledby="compose-question" className="compose-question">
      <p id="compose-question">{question === 'close' ? 'Keep this message as a draft?' : 'Discard this message? What you wrote is lost.'}</p>
      {question === 'close' && (
        <button type="button" className="primary" autoFocus onClick={onKeep}>
          Keep as draft
        </button>
      )}
      <button type="button" {...(question === 'discard' ? { autoFocus: true } : {})} onClick={onDiscard}>
        Discard message
      </button>
      <button type="button" onClick={onCancel}>
        Keep writing
      </button>
    </div>
  );
}

/** Asks before sending a message the spell checker found misspelled words in; keeping on writing has the focus. */
export function SpellingQuestionBar(props: { readonly words: readonly string[]; readonly onSend: () => void; readonly onKeepWriting: () => void }) {
  const shown = props.words.slice(0, MAX_NAMED_MISSPELLINGS);
  const more = props.words.length - shown.length;
  return (
    <div role="alertdialog" aria-modal="true" aria-labelledby="compose-spelling" className="compose-question">
      <p id="compose-spelling">
        Possibly misspelled: {shown.join(', ')}
        {more > 0 ? ` and ${more} more` : ''}. Send anyway?
      </p>
      <button type="button" onClick={props.onSend}>
        Send anyway
      </button>
      <button type="button" className="primary" autoFocus onClick={props.onKeepWriting}>
        Keep writing
      </button>
    </div>
  );
}
