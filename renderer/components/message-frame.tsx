import { useT } from '../state/locale';

/**
 * Sandboxing of the message frame: no scripts and no same-origin access (the frame's document is an
 * opaque origin the app cannot be reached from). Links carry target=_blank, so popups are allowed and
 * escape the sandbox: the app's window rules send them to the system browser (Electron) or a new tab.
 */
export const MESSAGE_FRAME_SANDBOX = 'allow-popups allow-popups-to-escape-sandbox';

/**
 * A message's sanitized HTML document (see mail-html/message-html) in a sandboxed frame. The frame
 * fills the space the reader gives it and scrolls by itself: without scripts or same-origin access its
 * content height cannot be measured reliably from outside.
 */
export function MessageFrame(props: { readonly document: string }) {
  const t = useT();
  return <iframe className="message-frame" title={t('reader.body')} sandbox={MESSAGE_FRAME_SANDBOX} referrerPolicy="no-referrer" srcDoc={props.document} />;
}
