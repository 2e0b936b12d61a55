import { visibleBidiControls } from '../../../shared/bidi';
import type { AddressView, MessageView } from '../../../shared/mail';
import { useIntl } from 'react-intl';
import { useT } from '../../state/locale';
import type { SenderWarning } from './sender-warnings';
import { SYMBOLS } from '../../components/symbols';

/**
 * A name and its real address, both always visible, so a display name cannot hide where mail is from.
 * Each is isolated (`<bdi>`): direction controls in a name cannot reorder the address after it, and an
 * address shows its controls as code points, since no real address needs them.
 */
export function Address(props: { readonly address: AddressView }) {
  const { name } = props.address;
  const address = visibleBidiControls(props.address.address);
  if (name.trim() === '' || name.trim().toLowerCase() === address.toLowerCase()) return <bdi className="address-real">{address}</bdi>;
  return (
    <span className="address">
      <bdi className="address-name">{name}</bdi>
      {SYMBOLS.space}
      <span className="address-real">
        {SYMBOLS.addressOpen}
        <bdi>{address}</bdi>
        {SYMBOLS.addressClose}
      </span>
    </span>
  );
}

/** Addresses in a row; when the header holds more than were sent (`total`), "and N more". */
function AddressList(props: { readonly addresses: readonly AddressView[]; readonly total: number }) {
  const t = useT();
  const more = props.total - props.addresses.length;
  return (
    <>
      {props.addresses.map((address, index) => (
        <span key={`${index}-${address.address}`}>
          {index > 0 ? SYMBOLS.addressSeparator : null}
          <Address address={address} />
        </span>
      ))}
      {more > 0 ? <span className="address-more"> {t('reader.andMore', { count: more })}</span> : null}
    </>
  );
}

/** The reader's header block: subject, From (name and address), Sender, Reply-To, To, Cc and date. */
export function MessageHeaders(props: { readonly message: MessageView; readonly warnings: readonly SenderWarning[] }) {
  const { message, warnings } = props;
  const intl = useIntl();
  const t = useT();
  const from = message.fromAll.length > 0 ? message.fromAll : message.from === null ? [] : [message.from];
  const fromAddresses = new Set(from.map((entry) => entry.address.toLowerCase()));
  const replyElsewhere = message.replyTo.some((entry) => !fromAddresses.has(entry.address.toLowerCase()));
  const rows: Array<{ label: string; addresses: readonly AddressView[]; total?: number }> = [
    { label: t('header.from'), addresses: from },
    ...(message.sender === null ? [] : [{ label: t('header.sender'), addresses: [message.sender] }]),
    ...(replyElsewhere ? [{ label: t('header.replyTo'), addresses: message.replyTo }] : []),
    { label: t('header.to'), addresses: message.to, total: message.toCount },
    ...(message.cc.length > 0 ? [{ label: t('header.cc'), addresses: message.cc, total: message.ccCount }] : []),
  ];
  return (
    <header className="reader-headers">
      <h2 className="reader-subject">
        <bdi>{message.subject === null || message.subject.trim() === '' ? t('message.noSubject') : message.subject}</bdi>
      </h2>
      <dl className="reader-fields">
        {rows.map((row) => (
          <div className="reader-field" key={row.label}>
            <dt>{row.label}</dt>
            <dd>
              {row.addresses.length === 0 ? (
                <span className="muted">{t('reader.nobody')}</span>
              ) : (
                <AddressList addresses={row.addresses} total={row.total ?? row.addresses.length} />
              )}
            </dd>
          </div>
        ))}
        <div className="reader-field">
          <dt>{t('header.date')}</dt>
          <dd>
            <time dateTime={new Date(message.date).toISOString()}>{intl.formatDate(message.date, { dateStyle: 'full', timeStyle: 'short' })}</time>
          </dd>
        </div>
      </dl>
      {warnings.length > 0 ? (
        <ul className="reader-warnings" aria-label={t('reader.warnings')}>
          {warnings.map((warning) => (
            <li key={warning.kind + warning.text} className="reader-warning">
              {warning.text}
            </li>
          ))}
        </ul>
      ) : null}
    </header>
  );
}
