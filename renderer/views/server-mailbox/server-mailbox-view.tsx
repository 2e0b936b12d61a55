import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ServerMailboxAction, ServerMailboxActionResult, ServerMailboxListing, ServerMailboxMessage } from '../../../shared/server-mailbox';
import { stateWords } from '../../../shared/server-mailbox';
import { serverTextForDisplay } from '../../../shared/terminal-text';
import { bridge } from '../../bridge';
import { useNavigation } from '../../state/navigation';
import { DeleteDialog } from './delete-dialog';
import { useServerFormats } from './format';
import { TranscriptDialog } from './transcript-dialog';
import './server-mailbox.css';

/** How the table is ordered. */
type SortKey = 'size' | 'date';

/** The messages shown: filtered by sender or subject, then sorted (largest or newest first). */
export function visibleMessages(messages: readonly ServerMailboxMessage[], filter: string, sort: SortKey): ServerMailboxMessage[] {
  const needle = filter.trim().toLowerCase();
  const shown =
    needle === '' ? [...messages] : messages.filter((message) => message.from.toLowerCase().includes(needle) || message.subject.toLowerCase().includes(needle));
  return shown.sort(
    (left, right) => (sort === 'size' ? (right.size ?? 0) - (left.size ?? 0) : (right.date ?? 0) - (left.date ?? 0)) || left.number - right.number,
  );
}

/** What an action did, in one sentence for the status line. */
function actionWords(action: ServerMailboxAction, result: ServerMailboxActionResult): string {
  const plural = (count: number) => (count === 1 ? '1 message' : `${count} messages`);
  const problems = result.errors.length === 0 ? '' : ` ${result.errors.length} could not be handled: ${serverTextForDisplay(result.errors[0]?.message ?? '')}`;
  switch (action) {
    case 'download':
      return `Downloaded ${plural(result.downloaded)}.${problems}`;
    case 'download-headers':
      return `Stored the headers of ${plural(result.partial)}.${problems}`;
    case 'keep-forever':
      return `${plural(result.kept)} will stay on the server forever.`;
    case 'release':
      return `${plural(result.kept)} follow the account’s policy again.`;
    case 'delete':
      return `Deleted ${plural(result.deleted)} from the server.${problems}`;
  }
}

/** What is on one account's POP3 server, and what can be done about it. */
export function ServerMailboxView(props: { readonly accountId: string }) {
  const navigation = useNavigation();
  const { formatBytes, formatDate, formatDay } = useServerFormats();
  const { accountId } = props;
  const [accountName, setAccountName] = useState('');
  const [listing, setListing] = useState<ServerMailboxListing | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<SortKey>('size');
  const [confirming, setConfirming] = useState<readonly string[] | null>(null);
  const [showTranscript, setShowTranscript] = useState(false);

  useEffect(() => {
    void bridge.getAccount(accountId).then((result) => setAccountName(result.ok ? result.value.name : ''));
  }, [accountId]);

  const refresh = useCallback(() => {
    setLoading(true);
    setError(null);
    setStatus('Connecting to the server…');
    void bridge.listServerMailbox(accountId).then((result) => {
      setLoading(false);
      if (result.ok) {
        setListing(result.value);
        setStatus(`Listed the server at ${new Date(result.value.listedAt).toLocaleTimeString()}.`);
      } else {
        setError(result.error.message);
        setStatus('');
      }
    });
  }, [accountId]);
  useEffect(refresh, [refresh]);

  const messages = useMemo(() => visibleMessages(listing?.messages ?? [], filter, sort), [listing, filter, sort]);
  const chosen = useMemo(() => (listing?.messages ?? []).filter((message) => selected.has(message.uidl)), [listing, selected]);

  const run = (action: ServerMailboxAction, uidls: readonly string[]) => {
    if (uidls.length === 0) return;
    setLoading(true);
    setError(null);
    setStatus('Working on the server…');
    const request = action === 'delete' ? { accountId, action, uidls: [...uidls], confirmed: true as const } : { accountId, action, uidls: [...uidls] };
    void bridge.serverMailboxAction(request).then((result) => {
      setLoading(false);
      setConfirming(null);
      if (result.ok) {
        setListing(result.value.listing);
        setSelected(new Set([...selected].filter((uidl) => result.value.listing.messages.some((message) => message.uidl === uidl))));
        setStatus(actionWords(action, result.value));
      } else {
        setError(result.error.message);
        setStatus('');
      }
    });
  };

  const toggle = (uidl: string) => {
    const next = new Set(selected);
    if (next.has(uidl)) next.delete(uidl);
    else next.add(uidl);
    setSelected(next);
  };
  const allShownSelected = messages.length > 0 && messages.every((message) => selected.has(message.uidl));
  const toggleAll = () => setSelected(allShownSelected ? new Set() : new Set(messages.map((message) => message.uidl)));
  const uidls = chosen.map((message) => message.uidl);
  const allKept = chosen.length > 0 && chosen.every((message) => message.keptForever);
  const none = chosen.length === 0 || loading;

  return (
    <main className="server-mailbox" aria-labelledby="server-mailbox-title">
      <header className="server-header">
        <button type="button" onClick={() => navigation.show({ kind: 'mail' })}>
          Back to mail
        </button>
        <h1 id="server-mailbox-title">Server mailbox</h1>
        <span className="muted">{accountName}</span>
        <span className="toolbar-spacer" />
        <button type="button" onClick={refresh} disabled={loading}>
          Refresh
        </button>
        <button type="button" onClick={() => setShowTranscript(true)}>
          Show transcript
        </button>
      </header>

      {listing !== null && (
        <section className="server-totals" aria-label="Totals">
          <span>
            <strong>{listing.totals.count}</strong> {listing.totals.count === 1 ? 'message' : 'messages'} on the server
          </span>
          <span>
            <strong>{formatBytes(listing.totals.bytes)}</strong> used
          </span>
          {listing.expire !== null && <span>Server keeps retrieved mail {listing.expire === 'never' ? 'forever' : `${listing.expire} days`} (EXPIRE)</span>}
          {listing.loginDelaySeconds !== null && <span>At most one sign-in every {listing.loginDelaySeconds} s (LOGIN-DELAY)</span>}
        </section>
      )}
      {listing !== null && listing.warnings.length > 0 && (
        <ul className="server-warnings" aria-label="Skipped messages">
          {listing.warnings.map((warning, index) => (
            <li key={index}>{serverTextForDisplay(warning)}</li>
          ))}
        </ul>
      )}

      <div className="server-controls">
        <div role="toolbar" aria-label="Server message commands" className="server-toolbar">
          <button type="button" disabled={none} onClick={() => run('download', uidls)}>
            Download now
          </button>
          <button type="button" disabled={none} onClick={() => run('download-headers', uidls)}>
            Download headers only
          </button>
          <button type="button" disabled={none} onClick={() => run(allKept ? 'release' : 'keep-forever', uidls)}>
            {allKept ? 'Follow account policy' : 'Keep on server forever'}
          </button>
          <button type="button" className="server-danger" disabled={none} onClick={() => setConfirming(uidls)}>
            Delete from server…
          </button>
        </div>
        <label className="server-filter">
          Filter by sender or subject
          <input type="search" value={filter} onChange={(event) => setFilter(event.target.value)} />
        </label>
        <label>
          Sort by{' '}
          <select value={sort} onChange={(event) => setSort(event.target.value === 'date' ? 'date' : 'size')}>
            <option value="size">Size</option>
            <option value="date">Date</option>
          </select>
        </label>
      </div>

      {error !== null && (
        <div className="banner-error" role="alert">
          {error}
        </div>
      )}

      <div className="server-table-wrap">
        <table role="grid" aria-label="Server messages" aria-multiselectable="true" aria-busy={loading} className="server-table">
          <thead>
            <tr>
              <th scope="col">
                <input type="checkbox" aria-label="Select all shown" checked={allShownSelected} onChange={toggleAll} />
              </th>
              <th scope="col">Size</th>
              <th scope="col">Date</th>
              <th scope="col">From</th>
              <th scope="col">Subject</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Quick fix</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {messages.map((message) => (
              <tr key={message.uidl} aria-selected={selected.has(message.uidl)} className={message.large ? 'server-large' : undefined}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Select ${message.subject === '' ? message.uidl : message.subject}`}
                    checked={selected.has(message.uidl)}
                    onChange={() => toggle(message.uidl)}
                  />
                </td>
                <td className="server-size">
                  {formatBytes(message.size)}
                  {message.large && <span className="server-large-badge"> large</span>}
                </td>
                <td>{formatDate(message.date)}</td>
                <td>{message.from}</td>
                <td>{message.subject}</td>
                <td>{stateWords(message, formatDay)}</td>
                <td>
                  {message.large && message.state !== 'downloaded' && (
                    <button type="button" className="server-danger" disabled={loading} onClick={() => setConfirming([message.uidl])}>
                      Delete without downloading
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {listing !== null && messages.length === 0 && (
          <p className="empty">{listing.messages.length === 0 ? 'The server holds no messages.' : 'No message matches the filter.'}</p>
        )}
      </div>

      <div className="status-line" role="status">
        {status}
        {chosen.length > 0 ? ` ${chosen.length} selected.` : ''}
      </div>

      {confirming !== null && (
        <DeleteDialog
          messages={(listing?.messages ?? []).filter((message) => confirming.includes(message.uidl))}
          busy={loading}
          onCancel={() => setConfirming(null)}
          onConfirm={() => run('delete', confirming)}
        />
      )}
      {showTranscript && <TranscriptDialog accountId={accountId} onClose={() => setShowTranscript(false)} />}
    </main>
  );
}
