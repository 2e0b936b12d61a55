import { useEffect, useState } from 'react';
import { bridge } from './bridge';
import { NavigationContext, type Navigation } from './state/navigation';
import { LocaleProvider, useT } from './state/locale';
import { useSettings } from './state/settings';
import { useTheme } from './state/theme';
import { ReaderPane } from './views/reader/reader-pane';
import './message-window.css';

/** Nothing to navigate to from a message's own window; compose and pages belong to the main window. */
const NO_NAVIGATION: Navigation = { view: { kind: 'mail' }, show: () => undefined, compose: null, openCompose: () => undefined, closeCompose: () => undefined };

/**
 * A message in a window (or browser tab) of its own, as a double-click or Enter in the list opens it:
 * the reader alone, titled by the subject, marked read like the reader pane marks it.
 */
export function MessageWindow(props: { readonly messageId: number }) {
  const { settings } = useSettings();
  useTheme(settings?.appearance);
  return (
    <LocaleProvider language={settings?.language}>
      <MessageWindowFrame messageId={props.messageId} />
    </LocaleProvider>
  );
}

function MessageWindowFrame(props: { readonly messageId: number }) {
  const t = useT();
  const [subject, setSubject] = useState<string | null>(null);
  useEffect(() => {
    let active = true;
    void bridge.getMessage(props.messageId).then((result) => {
      if (!active || !result.ok) return;
      setSubject(result.value.subject ?? t('message.noSubject'));
      if (!result.value.seen) void bridge.setMessageFlags({ ids: [props.messageId], seen: true });
    });
    return () => {
      active = false;
    };
  }, [props.messageId, t]);
  useEffect(() => {
    document.title = subject === null ? 'Mailbag' : t('window.messageTitle', { subject });
  }, [subject, t]);
  return (
    <NavigationContext.Provider value={NO_NAVIGATION}>
      <main className="message-window" aria-label={subject ?? t('message.label')}>
        <ReaderPane messageId={props.messageId} standalone />
      </main>
    </NavigationContext.Provider>
  );
}
