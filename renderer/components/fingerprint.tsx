import { Fragment } from 'react';
import { fingerprintBytes } from '../state/certificate-words';
import { SYMBOLS } from './symbols';
import './fingerprint.css';

/**
 * A SHA-256 fingerprint as "AB:CD:…" that wraps only between bytes (a break opportunity after each
 * colon, and nowhere else), so no byte is ever split across lines; copying it copies the plain text.
 */
export function Fingerprint(props: { readonly value: string }) {
  const bytes = fingerprintBytes(props.value);
  return (
    <code className="fingerprint fingerprint-bytes">
      {bytes.map((byte, index) => (
        <Fragment key={index}>
          {byte}
          {index < bytes.length - 1 && (
            <>
              {SYMBOLS.byteSeparator}
              <wbr />
            </>
          )}
        </Fragment>
      ))}
    </code>
  );
}
