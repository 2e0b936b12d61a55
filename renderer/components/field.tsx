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
