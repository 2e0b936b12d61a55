/** Small pieces of the compose window that only show what they are given. */
import { useT } from '../../state/locale';
import type { ComposeContent } from './compose-content';

/** Values of the original (a reply's or forward's source, a draft) that could not be used, in plain words. */
export function OriginalProblems(props: { readonly problems: readonly string[] }) {
  const t = useT();
  if (props.problems.length === 0) return null;
  return (
    <div role="alert" className="compose-problems">
      <p>{t('compose.originalProblems')}</p>
      <ul>
        {props.problems.map((problem) => (
          <li key={problem}>{problem}</li>
        ))}
      </ul>
    </div>
  );
}

/** Buttons that show the Cc and Bcc fields, each until its field is shown. */
export function MoreFields(props: { readonly showCc: boolean; readonly showBcc: boolean; readonly onShow: (field: 'cc' | 'bcc') => void }) {
  const { showCc, showBcc, onShow } = props;
  const t = useT();
  if (showCc && showBcc) return null;
  return (
    <div className="compose-row compose-more">
      {!showCc && (
        <button type="button" className="link-button" onClick={() => onShow('cc')}>
          {t('compose.addCc')}
        </button>
      )}
      {!showBcc && (
        <button type="button" className="link-button" onClick={() => onShow('bcc')}>
          {t('compose.addBcc')}
        </button>
      )}
    </div>
  );
}

/** A message in the window that needs attention: a warning about size or an error. */
export function ComposeAlert(props: { readonly text: string | null; readonly kind: 'warning' | 'error' }) {
  if (props.text === null) return null;
  return (
    <p role="alert" className={`compose-${props.kind}`}>
      {props.text}
    </p>
  );
}

/** The window before its content is there: opening, or why it could not open with a way out. */
export function ComposeNotOpen(props: { readonly error: string | null; readonly onClose: () => void }) {
  const t = useT();
  if (props.error === null) return <p aria-busy="true">{t('compose.opening')}</p>;
  return (
    <div className="compose-body">
      <ComposeAlert text={props.error} kind="error" />
      <div className="compose-actions">
        <button type="button" onClick={props.onClose}>
          {t('common.close')}
        </button>
      </div>
    </div>
  );
}

/** The buttons under the message: send, save as a draft (not for the Outbox), attach files, discard. */
export function ComposeButtons(props: {
  readonly busy: boolean;
  readonly outbox: boolean;
  readonly onSave: () => void;
  readonly onAttach: () => void;
  readonly onDiscard: () => void;
}) {
  const { busy, outbox, onSave, onAttach, onDiscard } = props;
  const t = useT();
  return (
    <div className="compose-actions">
      <button type="submit" className="primary" disabled={busy}>
        {t('compose.send')}
      </button>
      <button type="button" disabled={busy || outbox} onClick={onSave}>
        {t('compose.saveDraft')}
      </button>
      <button type="button" onClick={onAttach}>
        {t('compose.attachFiles')}
      </button>
      <span className="toolbar-spacer" />
      <button type="button" onClick={onDiscard}>
        {t('compose.discard')}
      </button>
    </div>
  );
}

/** Priority and the read-receipt request of the message being written. */
export function SendOptions(props: {
  readonly priority: ComposeContent['priority'];
  readonly requestReadReceipt: boolean;
  readonly onChange: (patch: Partial<ComposeContent>) => void;
}) {
  const t = useT();
  return (
    <div className="compose-row compose-options">
      <label htmlFor="compose-priority">{t('compose.priority')}</label>
      <select
        id="compose-priority"
        value={props.priority}
        onChange={(event) => {
          const priority = event.target.value;
          if (priority === 'high' || priority === 'normal' || priority === 'low') props.onChange({ priority });
        }}
      >
        <option value="high">{t('compose.priorityHigh')}</option>
        <option value="normal">{t('compose.priorityNormal')}</option>
        <option value="low">{t('compose.priorityLow')}</option>
      </select>
      <label className="compose-check">
        <input type="checkbox" checked={props.requestReadReceipt} onChange={(event) => props.onChange({ requestReadReceipt: event.target.checked })} />
        {t('compose.readReceipt')}
      </label>
    </div>
  );
}
