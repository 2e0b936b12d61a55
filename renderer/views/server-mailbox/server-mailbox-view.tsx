import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ServerMailboxAction, ServerMailboxActionResult, ServerMailboxListing, ServerMailboxMessage } from '../../../shared/server-mailbox';
import { listingWarningWords, stateWords } from '../../../shared/server-mailbox';
import { serverTextForDisplay } from '../../../shared/terminal-text';
import type { Translate } from '../../../shared/i18n/catalogs';
import { bridge } from '../../bridge';
import { useT } from '../../state/locale';
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
function actionWords(t: Translate, action: ServerMailboxAction, result: ServerMailboxActionResult): string {
  const done = ((): string => {
    switch (action) {
      case 'download':
        return t('server.downloaded', { count: result.downloaded });
      case 'download-headers':
        return t('server.headersStored', { count: result.partial });
      case 'keep-forever':
        return t('server.keptForever', { count: result.kept });
      case 'release':
        return t('server.released', { count: result.kept });
      case 'delete':
        return t('server.deleted', { count: result.deleted });
    }
  })();
  if (result.errors.length === 0 || action === 'keep-forever' || action === 'release') return done;
  return `${done} ${t('server.problems', { count: result.errors.length, reason: serverTextForDisplay(result.errors[0]?.message ?? '') })}`;
}

/** What is on one account's POP3 server, and what can be done about it. */
export function ServerMailboxView(props: { readonly accountId: string }) {
  const navigation = useNavigation();
  const t = useT();
  const { formatBytes, formatDate, formatDay, formatTime } = useServerFormats();
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
    setStatus(t('server.connecting'));
    void bridge.listServerMailbox(accountId).then((result) => {
      setLoading(false);
      if (result.ok) {
        setListing(result.value);
        setStatus(t('server.listed', { time: formatTime(result.value.listedAt) }));
      } else {
        setError(result.error.message);
        setStatus('');
      }
    });
  }, [accountId, t, formatTime]);
  useEffect(refresh, [refresh]);

  const messages = useMemo(() => visibleMessages(listing?.messages ?? [], filter, sort), [listing, filter, sort]);
  const chosen = useMemo(() => (listing?.messages ?? []).filter((message) => selected.has(message.uidl)), [listing, selected]);

  const run = (action: ServerMailboxAction, uidls: readonly string[]) => {
    if (uidls.length === 0) return;
    setLoading(true);
    setError(null);
    setStatus(t('server.working'));
    const request = action === 'delete' ? { accountId, action, uidls: [...uidls], confirmed: true as const } : { accountId, action, uidls: [...uidls] };
    void bridge.serverMailboxAction(request).then((result) => {
      setLoading(false);
      setConfirming(null);
      if (result.ok) {
        setListing(result.value.listing);
        setSelected(new Set([...selected].filter((uidl) => result.value.listing.messages.some((message) => message.uidl === uidl))));
        setStatus(actionWords(t, action, result.value));
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
          {t('contacts.backToMail')}
        </button>
        <h1 id="server-mailbox-title">{t('server.title')}</h1>
        <span className="muted">
          <bdi>{accountName}</bdi>
        </span>
        <span className="toolbar-spacer" />
        <button type="button" onClick={refresh} disabled={loading}>
          {t('server.refresh')}
        </button>
        <button type="button" onClick={() => setShowTranscript(true)}>
          {t('server.showTranscript')}
        </button>
      </header>

      {listing !== null && (
        <section className="server-totals" aria-label={t('server.totals')}>
          <span>{t('server.onServer', { count: listing.totals.count })}</span>
          <span>{t('server.used', { size: formatBytes(listing.totals.bytes) })}</span>
          {listing.expire !== null && <span>{listing.expire === 'never' ? t('server.expireNever') : t('server.expireDays', { days: listing.expire })}</span>}
          {listing.loginDelaySeconds !== null && <span>{t('server.loginDelay', { seconds: listing.loginDelaySeconds })}</span>}
        </section>
      )}
      {listing !== null && (listing.skipped ?? []).length > 0 && (
        <ul className="server-warnings" aria-label={t('server.skipped')}>
          {(listing.skipped ?? []).map((warning, index) => (
            <li key={index}>{serverTextForDisplay(listingWarningWords(t, warning))}</li>
          ))}
        </ul>
      )}

      <div className="server-controls">
        <div role="toolbar" aria-label={t('server.commands')} className="server-toolbar">
          <button type="button" disabled={none} onClick={() => run('download', uidls)}>
            {t('server.download')}
          </button>
          <button type="button" disabled={none} onClick={() => run('download-headers', uidls)}>
            {t('server.downloadHeaders')}
          </button>
          <button type="button" disabled={none} onClick={() => run(allKept ? 'release' : 'keep-forever', uidls)}>
            {allKept ? t('server.followPolicy') : t('server.keepForever')}
          </button>
          <button type="button" className="server-danger" disabled={none} onClick={() => setConfirming(uidls)}>
            {t('server.deleteAsk')}
          </button>
        </div>
        <label className="server-filter">
          {t('server.filter')}
          <input type="search" value={filter} onChange={(event) => setFilter(event.target.value)} />
        </label>
        <label className="server-sort">
          {t('server.sortBy')}
          <select value={sort} onChange={(event) => setSort(event.target.value === 'date' ? 'date' : 'size')}>
            <option value="size">{t('list.columnSize')}</option>
            <option value="date">{t('header.date')}</option>
          </select>
        </label>
      </div>

      {error !== null && (
        <div className="banner-error" role="alert">
          {error}
        </div>
      )}

      <div className="server-table-wrap">
        <table role="grid" aria-label={t('server.messages')} aria-multiselectable="true" aria-busy={loading} className="server-table">
          <thead>
            <tr>
              <th scope="col">
                <input type="checkbox" aria-label={t('server.selectAll')} checked={allShownSelected} onChange={toggleAll} />
              </th>
              <th scope="col">{t('list.columnSize')}</th>
              <th scope="col">{t('header.date')}</th>
              <th scope="col">{t('header.from')}</th>
              <th scope="col">{t('list.columnSubject')}</th>
              <th scope="col">{t('server.state')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('server.quickFix')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {messages.map((message) => (
              <tr key={message.uidl} aria-selected={selected.has(message.uidl)} className={message.large ? 'server-large' : undefined}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('server.select', { name: message.subject === '' ? message.uidl : message.subject })}
                    checked={selected.has(message.uidl)}
                    onChange={() => toggle(message.uidl)}
                  />
                </td>
                <td className="server-size">
                  {formatBytes(message.size)}
                  {message.large && <span className="server-large-badge">{t('server.large')}</span>}
                </td>
                <td>
                  <time>{formatDate(message.date)}</time>
                </td>
                <td>
                  <bdi>{message.from}</bdi>
                </td>
                <td>
                  <bdi>{message.subject}</bdi>
                </td>
                <td>{stateWords(message, formatDay, t)}</td>
                <td>
                  {message.large && message.state !== 'downloaded' && (
                    <button type="button" className="server-danger" disabled={loading} onClick={() => setConfirming([message.uidl])}>
                      {t('server.deleteWithout')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {listing !== null && messages.length === 0 && <p className="empty">{listing.messages.length === 0 ? t('server.empty') : t('server.noMatch')}</p>}
      </div>

      <div className="status-line" role="status">
        {status}
        {chosen.length > 0 && <span className="server-sentence">{t('server.selected', { count: chosen.length })}</span>}
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
