import { useId } from 'react';
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
  const name = useId();
  const daysId = useId();
  const errorId = useId();
  const { form, update } = props;
  const choose = (leave: LeaveChoice) => update((current) => ({ ...current, leave }));
  const radio = (value: LeaveChoice, label: string) => (
    <label className="choice">
      <input type="radio" name={name} value={value} checked={form.leave === value} onChange={() => choose(value)} />
      <span>{label}</span>
    </label>
  );
  const error = props.errors.leaveDays;
  return (
    <fieldset className="setup-group leave-question">
      <legend>Do you also read this mail on another computer or phone?</legend>
      <div className="choice choice-with-input">
        <label className="choice">
          <input type="radio" name={name} value="days" checked={form.leave === 'days'} onChange={() => choose('days')} />
          <span>Yes — leave a copy on the server for</span>
        </label>
        <input
          id={daysId}
          className="days-input"
          type="number"
          inputMode="numeric"
          min={1}
          max={3650}
          aria-label="Days to keep mail on the server"
          value={form.leaveDays}
          disabled={form.leave !== 'days'}
          onChange={(event) => {
            const leaveDays = event.target.value;
            update((current) => ({ ...current, leaveDays }));
          }}
          {...(error === undefined ? {} : { 'aria-invalid': true, 'aria-describedby': errorId })}
        />
        <span>days</span>
      </div>
      {radio('never', 'No — remove it from the server after download')}
      {props.allChoices && radio('until-deleted', 'Keep it on the server until I delete it here')}
      {props.allChoices && radio('forever', 'Keep it on the server forever')}
      {error !== undefined && (
        <span id={errorId} className="field-error">
          {error}
        </span>
      )}
    </fieldset>
  );
}
