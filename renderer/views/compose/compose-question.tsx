import { useT } from '../../state/locale';
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
  const t = useT();
  return (
    <div role="alertdialog" aria-modal="true" aria-labelledby="compose-question" className="compose-question">
      <p id="compose-question">{question === 'close' ? t('compose.askKeep') : t('compose.askDiscard')}</p>
      {question === 'close' && (
        <button type="button" className="primary" autoFocus onClick={onKeep}>
          {t('compose.keepAsDraft')}
        </button>
      )}
      <button type="button" {...(question === 'discard' ? { autoFocus: true } : {})} onClick={onDiscard}>
        {t('compose.discardMessage')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('compose.keepWriting')}
      </button>
    </div>
  );
}

/** Asks before sending a message the spell checker found misspelled words in; keeping on writing has the focus. */
export function SpellingQuestionBar(props: { readonly words: readonly string[]; readonly onSend: () => void; readonly onKeepWriting: () => void }) {
  const shown = props.words.slice(0, MAX_NAMED_MISSPELLINGS);
  const more = props.words.length - shown.length;
  const t = useT();
  const words = shown.join(', ');
  return (
    <div role="alertdialog" aria-modal="true" aria-labelledby="compose-spelling" className="compose-question">
      <p id="compose-spelling">{more > 0 ? t('compose.misspelledMore', { words, more }) : t('compose.misspelled', { words })}</p>
      <button type="button" onClick={props.onSend}>
        {t('compose.sendAnyway')}
      </button>
      <button type="button" className="primary" autoFocus onClick={props.onKeepWriting}>
        {t('compose.keepWriting')}
      </button>
    </div>
  );
}
