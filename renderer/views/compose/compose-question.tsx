import type { ComposeQuestion } from './compose-model';

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
