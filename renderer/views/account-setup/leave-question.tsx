import { useId } from 'react';
import type { MessageId } from '../../../shared/i18n/messages-en';
import { useT } from '../../state/locale';
import type { FieldErrors, LeaveChoice, SetupForm } from './setup-form';

/**
 * The leave-on-server policy as a question anyone can answer: mail read on another device too must
 * stay on the server for a while; otherwise it is removed once it is safely stored here.
 */
export function LeaveQuestion(props: {
  readonly form: SetupForm;
  readonly errors: FieldErrors;
  readonly update: (change: (form: SetupForm) => SetupForm) => void;
  /** Also offer "until I delete it here" and "forever" (manual setup). */
  readonly allChoices: boolean;
}) {
  const t = useT();
  const name = useId();
  const daysId = useId();
  const errorId = useId();
  const { form, update } = props;
  const choose = (leave: LeaveChoice) => update((current) => ({ ...current, leave }));
  const radio = (value: LeaveChoice, label: MessageId) => (
    <label className="choice">
      <input type="radio" name={name} value={value} checked={form.leave === value} onChange={() => choose(value)} />
      <span>{t(label)}</span>
    </label>
  );
  const error = props.errors.leaveDays;
  return (
    <fieldset className="setup-group leave-question">
      <legend>{t('setup.leaveQuestion')}</legend>
      <div className="choice choice-with-input">
        <label className="choice">
          <input type="radio" name={name} value="days" checked={form.leave === 'days'} onChange={() => choose('days')} />
          <span>{t('setup.leaveYes')}</span>
        </label>
        <input
          id={daysId}
          className="days-input"
          type="number"
          inputMode="numeric"
          min={1}
          max={3650}
          aria-label={t('setup.leaveDaysLabel')}
          value={form.leaveDays}
          disabled={form.leave !== 'days'}
          onChange={(event) => {
            const leaveDays = event.target.value;
            update((current) => ({ ...current, leaveDays }));
          }}
          {...(error === undefined ? {} : { 'aria-invalid': true, 'aria-describedby': errorId })}
        />
        <span>{t('setup.leaveDaysUnit')}</span>
      </div>
      {radio('never', 'setup.leaveNo')}
      {props.allChoices && radio('until-deleted', 'setup.leaveUntilDeleted')}
      {props.allChoices && radio('forever', 'setup.leaveForever')}
      {error !== undefined && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </fieldset>
  );
}
