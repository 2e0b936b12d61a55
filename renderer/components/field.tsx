import { useId, type ReactNode } from 'react';
import './field.css';

/**
 * A labelled form field with its hint and its error next to it: the error is tied to the control
 * (aria-describedby, aria-invalid) so a screen reader reads it with the field.
 */
export function Field(props: {
  readonly label: string;
  readonly error?: string | undefined;
  readonly hint?: ReactNode;
  readonly className?: string;
  readonly children: (control: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true }) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const described = [props.hint === undefined ? undefined : hintId, props.error === undefined ? undefined : errorId]
    .filter((part) => part !== undefined)
    .join(' ');
  return (
    <div className={`field${props.error === undefined ? '' : ' field-invalid'}${props.className === undefined ? '' : ` ${props.className}`}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children({ id, ...(described === '' ? {} : { 'aria-describedby': described }), ...(props.error === undefined ? {} : { 'aria-invalid': true }) })}
      {props.hint !== undefined && (
        <span id={hintId} className="field-hint">
          {props.hint}
        </span>
      )}
      {props.error !== undefined && (
        <span id={errorId} className="field-error">
          {props.error}
        </span>
      )}
    </div>
  );
}

/** A checkbox with its label on the right and an optional error below. */
export function CheckboxField(props: {
  readonly label: ReactNode;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly error?: string | undefined;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={`field-check${props.error === undefined ? '' : ' field-invalid'}`}>
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        onChange={(event) => props.onChange(event.target.checked)}
        {...(props.error === undefined ? {} : { 'aria-describedby': errorId, 'aria-invalid': true })}
      />
      <label htmlFor={id}>{props.label}</label>
      {props.error !== undefined && (
        <span id={errorId} className="field-error">
          {props.error}
        </span>
      )}
    </div>
  );
}

/**
 * A labelled drop-down of fixed choices, listed in the order of `choices` (value → words); the chosen
 * value comes back as one of its keys, never as free text.
 */
export function SelectField<Value extends string>(props: {
  readonly label: string;
  readonly className?: string;
  readonly value: Value;
  readonly choices: Readonly<Record<Value, string>>;
  readonly onChange: (value: Value) => void;
}) {
  const values = Object.keys(props.choices) as Value[];
  return (
    <Field label={props.label} {...(props.className === undefined ? {} : { className: props.className })}>
      {(control) => (
        <select
          {...control}
          value={props.value}
          onChange={(event) => {
            const chosen = values.find((value) => value === event.target.value);
            if (chosen !== undefined) props.onChange(chosen);
          }}
        >
          {values.map((value) => (
            <option key={value} value={value}>
              {props.choices[value]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A labelled number input; its text goes to `onChange` as typed, for the form to check and report. */
export function NumberField(props: {
  readonly label: string;
  readonly error?: string | undefined;
  readonly hint?: ReactNode;
  readonly className?: string;
  readonly min: number;
  readonly max?: number;
  readonly value: string;
  readonly onChange: (text: string) => void;
}) {
  const { min, max, value, onChange, ...field } = props;
  return (
    <Field {...field}>
      {(control) => (
        <input
          {...control}
          type="number"
          inputMode="numeric"
          min={min}
          {...(max === undefined ? {} : { max })}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
