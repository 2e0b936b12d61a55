import { errorMessageIn } from '../../../shared/error-words';
import { MessageRequests } from './message-requests';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { MessageView } from '../../../shared/mail';
import { MAX_REMOTE_CONTENT_SENDERS } from '../../../shared/settings';
import { bridge } from '../../bridge';
import { MessageFrame } from '../../components/message-frame';
import { useSettings } from '../../state/settings';
import { AttachmentList } from './attachment-list';
import { ConversationPanel } from './conversation-panel';
import { messageFrameDocument } from '../../mail-html/message-html';
import { hasHtmlPart, htmlSources } from './message-parts';
import { MessageHeaders } from './message-headers';
import { normalizeContentId } from '../../mail-html/mail-urls';
import { PlainTextBody } from './plain-text-body';
import { PrintCopy } from './print-copy';
import { withDarkReading } from './dark-colors';
import { DarkReadingToggle, useDarkReading } from './dark-reading';
import { useLinkMenu } from './link-menu';
import { openLink } from './reader-actions';
import { ReaderMenu } from './reader-menu';
import { senderWarnings, type SenderWarning } from './sender-warnings';
import { useMessage } from './use-message';
import { useSanitizedBody } from './use-sanitized-body';
import { useRemoteContentContacts } from '../../state/remote-content-contacts';
import './reader.css';
import '../mail/conversation-grid.css';
import { useT } from '../../state/locale';
import { SYMBOLS } from '../../components/symbols';
import { useMailFormats } from '../mail/format';

/** Warnings that make "always allow this sender" meaningless: the sender may not be who it seems. */
const IMPERSONATION: ReadonlySet<SenderWarning['kind']> = new Set(['name-is-address', 'name-mentions-domain', 'lookalike-domain', 'bidi-controls']);

/** The reader pane: one message, safely shown, or a hint when none is selected; `standalone` in a message's own window. */
export function ReaderPane(props: { readonly messageId: number | null; readonly standalone?: boolean }) {
  // A message picked in "Show conversation" is shown until the list shows another.
  const t = useT();
  const [picked, setPicked] = useState<{ readonly from: number | null; readonly id: number } | null>(null);
  const messageId = picked !== null && picked.from === props.messageId ? picked.id : props.messageId;
  const { state, reload, showAllParts } = useMessage(messageId);
  const pane = useRef<HTMLElement>(null);
  const shownId = state.status === 'ready' ? state.message.id : null;
  // Every message opens at its top, whatever the pane showed before (the pane itself stays).
  useLayoutEffect(() => {
    if (pane.current !== null) pane.current.scrollTop = 0;
  }, [shownId]);
  return (
    // Focusable, so the keyboard scrolls a long message (Page Down, End) like the wheel does.
    <section ref={pane} className="pane reader-pane" aria-label={t('reader.label')} tabIndex={0}>
      {state.status === 'idle' ? <p className="empty">{t('reader.selectOne')}</p> : null}
      {state.status === 'loading' ? <p className="empty">{t('reader.opening')}</p> : null}
      {state.status === 'error' ? (
        <p role="alert" className="reader-error">
          {state.message}
        </p>
      ) : null}
      {state.status === 'ready' ? (
        <ConversationPanel key={`conversation-${state.message.id}`} messageId={state.message.id} onPick={(id) => setPicked({ from: props.messageId, id })} />
      ) : null}
      {state.status === 'ready' ? (
        <MessageReader
          key={state.message.id}
          message={state.message}
          inlineParts={state.inlineParts}
          inlineContentIds={state.inlineContentIds}
          onReload={reload}
          standalone={props.standalone === true}
          onShowAllParts={showAllParts}
        />
      ) : null}
    </section>
  );
}

function MessageReader(props: {
  readonly message: MessageView;
  readonly inlineParts: ReadonlyMap<string, string>;
  readonly inlineContentIds: ReadonlySet<string>;
  readonly onReload: () => void;
  readonly standalone: boolean;
  readonly onShowAllParts: () => void;
}) {
  const { message, inlineParts, inlineContentIds, onReload, onShowAllParts } = props;
  const { settings, update } = useSettings();
  const hasHtml = hasHtmlPart(message.parts);
  const t = useT();
  const [plainText, setPlainText] = useState(!hasHtml);
  const [allowedForMessage, setAllowedForMessage] = useState(false);
  const [linkError, setLinkError] = useState<string | null>(null);

  const warnings = useMemo(() => senderWarnings(message, t), [message, t]);
  const senderAddress = (message.from?.address ?? '').toLowerCase();
  const trustworthySender = senderAddress !== '' && !warnings.some((warning) => IMPERSONATION.has(warning.kind));
  const allowedContacts = useRemoteContentContacts();
  const allowedForSender =
    trustworthySender &&
    ((settings?.remoteContentSenders.includes(senderAddress) ?? false) || (allowedContacts ?? []).some((entry) => entry.address === senderAddress));
  // Junk is read as plain text with links as text, and nothing of it is ever loaded from the network.
  const junk = message.inJunk === true;
  const allowRemote = !junk && (allowedForMessage || allowedForSender);

  // Judged on the HTML parts' own sources (only inspected here; each part is still shown on its own).
  const darkSource = useMemo(() => (hasHtml ? htmlSources(message.parts).join('\n') : null), [hasHtml, message.parts]);
  const darkReading = useDarkReading(darkSource, settings);
  // Sanitized in slices; the frame shows only a finished body, and only once the settings are known, so
  // its first paint already has the dark reading style when that applies.
  // Shown once it is known whether the sender's contact allows remote content, so it is sanitized once.
  const body = useSanitizedBody(hasHtml && !junk && allowedContacts !== null ? message.parts : null, allowRemote, inlineParts);
  const framed = hasHtml && !plainText && !junk && body !== 'failed';
  const frame = useMemo(() => {
    if (!framed || body === null || settings === null) return null;
    const document = messageFrameDocument(body.sanitized, body.allowRemote);
    return { document: darkReading.apply ? withDarkReading(document) : document, blockedRemote: body.sanitized.blockedRemote };
  }, [framed, body, settings, darkReading.apply]);

  // A body of text parts only shows those parts (the same ones the note about omitted parts counts).
  const plainBody = useMemo(
    () => (hasHtml || message.parts.length === 0 ? message.text : message.parts.map((part) => (part.kind === 'text' ? part.text : '')).join('\n\n')),
    [hasHtml, message.parts, message.text],
  );

  const listed = useMemo(
    () =>
      message.attachments.filter(
        (attachment) => plainText || !hasHtml || attachment.contentId === null || !inlineContentIds.has(normalizeContentId(attachment.contentId)),
      ),
    [message.attachments, hasHtml, plainText, inlineContentIds],
  );

  const alwaysAllow = useCallback(async () => {
    if (settings === null) return;
    const others = settings.remoteContentSenders.filter((address) => address !== senderAddress);
    await update({ remoteContentSenders: [...others, senderAddress].slice(-MAX_REMOTE_CONTENT_SENDERS) });
  }, [settings, senderAddress, update]);

  const open = useCallback((url: string) => {
    void openLink(url).then(setLinkError);
  }, []);
  const linkMenu = useLinkMenu(open);

  return (
    <article className="message-reader">
      <MessageHeaders message={message} warnings={warnings} />
      {message.partial ? <PartialBar message={message} onReload={onReload} /> : null}
      {message.truncated ? <p className="reader-note">{t('reader.truncated')}</p> : null}
      <div className="reader-bar">
        {!hasHtml || junk ? null : (
          <button type="button" aria-pressed={plainText} onClick={() => setPlainText((value) => !value)}>
            {t('reader.plainText')}
          </button>
        )}
        {frame === null ? null : <DarkReadingToggle state={darkReading} />}
        <ReaderMenu message={message} standalone={props.standalone} />
      </div>
      {frame !== null && frame.blockedRemote > 0 && !allowRemote ? (
        <div className="remote-banner" role="group" aria-label={t('reader.remoteContent')}>
          <span>{t('reader.remoteBlocked')}</span>
          <button type="button" onClick={() => setAllowedForMessage(true)}>
            {t('reader.loadRemote')}
          </button>
          {trustworthySender ? (
            <button type="button" onClick={() => void alwaysAllow()}>
              {t('reader.alwaysLoadFrom', { sender: senderAddress })}
            </button>
          ) : null}
        </div>
      ) : null}
      <MessageRequests message={message} />
      {junk ? (
        <p className="reader-note" role="note">
          {t('reader.junkNote')}
        </p>
      ) : null}
      {linkError === null ? null : (
        <p role="alert" className="reader-error">
          {linkError}
        </p>
      )}
      <AttachmentList messageId={message.id} attachments={listed} />
      {linkMenu.element}
      <div className="reader-body" {...linkMenu.handlers}>
        {!framed ? (
          <PlainTextBody text={plainBody} onOpenLink={open} linksAsText={junk} />
        ) : frame === null ? (
          <div className="reader-body-pending" aria-busy="true" />
        ) : (
          <MessageFrame document={frame.document} />
        )}
      </div>
      {message.omittedParts > 0 ? (
        <p className="reader-note">
          {t(message.truncated ? 'reader.omittedAtLeast' : 'reader.omitted', { count: message.omittedParts })}
          {SYMBOLS.space}
          <button type="button" className="link-button" onClick={onShowAllParts}>
            {t('reader.showParts')}
          </button>
        </p>
      ) : null}
      <PrintCopy message={message} />
    </article>
  );
}

/** The bar of a partial message: only its headers are here; the rest can be fetched from the server. */
function PartialBar(props: { readonly message: MessageView; readonly onReload: () => void }) {
  const { message, onReload } = props;
  const t = useT();
  const formats = useMailFormats();
  const [state, setState] = useState<{ status: 'idle' | 'downloading' } | { status: 'error'; message: string }>({ status: 'idle' });

  useEffect(() => {
    if (state.status !== 'downloading') return;
    const unsubscribeChanged = bridge.on('mailChanged', (event) => {
      if (event.messageIds.includes(message.id) || (message.accountId !== null && event.accountIds.includes(message.accountId))) onReload();
    });
    const unsubscribeFinished = bridge.on('sendReceiveFinished', (event) => {
      if (event.accountId !== message.accountId) return;
      const failure = event.errors[0];
      if (event.status === 'failed' && failure !== undefined) setState({ status: 'error', message: errorMessageIn(t, failure) });
      else onReload();
    });
    return () => {
      unsubscribeChanged();
      unsubscribeFinished();
    };
  }, [state.status, message.id, message.accountId, onReload]);

  const download = async (): Promise<void> => {
    setState({ status: 'downloading' });
    const result = await bridge.downloadRestOfMessage(message.id);
    if (!result.ok) setState({ status: 'error', message: result.error.message });
  };

  return (
    <div className="partial-bar" role="group" aria-label={t('reader.partial')}>
      <span>{t('reader.partialNote', { size: formats.byteSize(message.size) })}</span>
      <button type="button" disabled={state.status === 'downloading'} onClick={() => void download()}>
        {t(state.status === 'downloading' ? 'reader.downloading' : 'reader.downloadRest')}
      </button>
      {state.status === 'error' ? (
        <span role="alert" className="reader-error">
          {state.message}
        </span>
      ) : null}
    </div>
  );
}
