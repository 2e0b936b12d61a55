import { useEffect, useState } from 'react';
import type { BrowseListing } from '../../../shared/import-export-ops';
import { bridge } from '../../bridge';
import { Message, useT } from '../../state/locale';

/** A folder's name as the listing shows it, with a slash after it. */
function directoryName(name: string): string {
  return `${name}/`;
}

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
  const t = useT();
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
        <input type="text" dir="ltr" value={props.value} spellCheck={false} onChange={(event) => props.onChange(event.target.value)} />
      </label>
      {listing !== null && (
        <div className="file-browser-listing">
          <div className="file-browser-place">
            <span>
              <Message
                id="import.lookingIn"
                values={{
                  path: (
                    <code dir="ltr">
                      <bdi>{listing.path}</bdi>
                    </code>
                  ),
                }}
              />
            </span>
            {listing.parent !== null && (
              <button type="button" onClick={() => open(listing.parent ?? undefined)}>
                {t('import.up')}
              </button>
            )}
            {props.choose !== 'file' && (
              <button type="button" onClick={() => props.onChange(listing.path)}>
                {t('import.chooseFolder')}
              </button>
            )}
          </div>
          <ul className="file-browser-entries" aria-label={t('import.contentsOf', { path: listing.path })}>
            {listing.entries.map((entry) => (
              <li key={entry.name}>
                {entry.kind === 'directory' ? (
                  <button type="button" className="link-button" onClick={() => open(join(entry.name))}>
                    <bdi dir="ltr">{directoryName(entry.name)}</bdi>
                  </button>
                ) : (
                  <button type="button" className="link-button" disabled={props.choose === 'directory'} onClick={() => props.onChange(join(entry.name))}>
                    <bdi dir="ltr">{entry.name}</bdi>
                  </button>
                )}
              </li>
            ))}
          </ul>
          {listing.more > 0 && <p>{t('import.moreEntries', { count: listing.more })}</p>}
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
