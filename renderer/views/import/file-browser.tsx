import { useEffect, useState } from 'react';
import type { BrowseListing } from '../../../shared/import-export-ops';
import { bridge } from '../../bridge';

/**
 * A path field with a browser of the folders of the computer Mailbag runs on (through the contract, so
 * it works the same in the app and in a browser tab on the bridge): click a folder to open it, a file
 * to choose it, "Choose this folder" for a folder source. The path can also be typed or pasted.
 */
export function FileBrowser(props: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (path: string) => void;
  /** What may be chosen: a file, a folder, or either. */
  readonly choose: 'file' | 'directory' | 'any';
}) {
  const [listing, setListing] = useState<BrowseListing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const open = (path?: string): void =>
    void bridge.browseFiles(path).then((result) => {
      if (result.ok) {
        setListing(result.value);
        setError(null);
      } else setError(result.error.message);
    });
  useEffect(() => open(), []);
  const join = (name: string): string => (listing === null ? name : `${listing.path.replace(/[\\/]+$/, '')}/${name}`);
  return (
    <div className="file-browser">
      <label className="field">
        <span>{props.label}</span>
        <input type="text" value={props.value} spellCheck={false} onChange={(event) => props.onChange(event.target.value)} />
      </label>
      {listing !== null && (
        <div className="file-browser-listing">
          <div className="file-browser-place">
            <span>
              Looking in <code>{listing.path}</code>
            </span>{' '}
            {listing.parent !== null && (
              <button type="button" onClick={() => open(listing.parent ?? undefined)}>
                Up
              </button>
            )}{' '}
            {props.choose !== 'file' && (
              <button type="button" onClick={() => props.onChange(listing.path)}>
                Choose this folder
              </button>
            )}
          </div>
          <ul className="file-browser-entries" aria-label={`Contents of ${listing.path}`}>
            {listing.entries.map((entry) => (
              <li key={entry.name}>
                {entry.kind === 'directory' ? (
                  <button type="button" className="link-button" onClick={() => open(join(entry.name))}>
                    {entry.name}/
                  </button>
                ) : (
                  <button type="button" className="link-button" disabled={props.choose === 'directory'} onClick={() => props.onChange(join(entry.name))}>
                    {entry.name}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {listing.more > 0 && <p>… and {listing.more} more: type the path instead.</p>}
        </div>
      )}
      {error !== null && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
