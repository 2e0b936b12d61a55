import { RichEditor } from '../compose/rich-editor';
import { sanitizeHtml } from '../compose/compose-content';

/**
 * A rich signature as a small rich-text editor (bold, lists, links, pasted or dropped images). What it
 * stores is sanitized as compose sanitizes a message, and sanitized again wherever it is used.
 */
export function RichSignatureField(props: {
  readonly label: string;
  readonly html: string;
  readonly error: string | undefined;
  readonly onChange: (html: string) => void;
}) {
  return (
    <div className={`field rich-signature${props.error === undefined ? '' : ' field-invalid'}`}>
      <span className="field-label">{props.label}</span>
      <RichEditor initialHtml={props.html} label={props.label} onChange={(html) => props.onChange(sanitizeHtml(html))} />
      {props.error !== undefined && <span className="field-error">{props.error}</span>}
    </div>
  );
}
