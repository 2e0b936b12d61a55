import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AppInfo } from '../shared/ipc/contract';
import { bridge } from './bridge';
import { NavigationContext, type ComposeRequest, type Navigation, type View } from './state/navigation';
import { LocaleProvider, useT } from './state/locale';
import { useSettings } from './state/settings';
import { useTheme } from './state/theme';
import { unwrap } from './state/use-result';
import { AccountSetup } from './views/account-setup/account-setup';
import { ComposeView } from './views/compose/compose-view';
import { ContactsView } from './views/contacts/contacts-view';
import { UndoSendProvider } from './views/compose/undo-send';
import { FirstRun } from './views/first-run';
import { MainWindow } from './views/main-window';
import { ServerMailboxView } from './views/server-mailbox/server-mailbox-view';
import { SettingsView } from './views/settings/settings-view';

/** The application in the language the settings choose (the system's until they are loaded or set). */
export function App() {
  const state = useSettings();
  return (
    <LocaleProvider language={state.settings?.language}>
      <AppFrame {...state} />
    </LocaleProvider>
  );
}

/** The application frame: first run until the user continues or has an account, then the chosen page. */
function AppFrame({ settings, error, update }: ReturnType<typeof useSettings>) {
  const t = useT();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [infoError, setInfoError] = useState<{ readonly detail: string | null } | null>(null);
  const [pastFirstRun, setPastFirstRun] = useState(false);
  const [view, setView] = useState<View>({ kind: 'mail' });
  const [compose, setCompose] = useState<ComposeRequest | null>(null);
  useTheme(settings?.appearance);

  const refreshInfo = useCallback(() => {
    bridge
      .getAppInfo()
      .then((result) => setInfo(unwrap(result)))
      .catch((reason: unknown) => setInfoError({ detail: reason instanceof Error ? reason.message : null }));
  }, []);
  useEffect(() => {
    refreshInfo();
    return bridge.on('accountsChanged', refreshInfo);
  }, [refreshInfo]);

  const navigation = useMemo<Navigation>(
    () => ({
      view,
      show: (next) => {
        setPastFirstRun(true);
        setView(next);
      },
      compose,
      openCompose: (request) => setCompose(request),
      closeCompose: () => setCompose(null),
    }),
    [view, compose],
  );

  // `mailto:` links handed to the desktop app open compose, once there is an account to write from.
  const canWrite = info !== null && info.accountCount > 0;
  useEffect(() => {
    if (!canWrite) return;
    const take = (): void =>
      void bridge.takeMailtoLinks().then((result) => {
        const url = result.ok ? result.value.urls.at(-1) : undefined;
        if (url !== undefined) setCompose({ kind: 'mailto', url });
      });
    take();
    return bridge.on('windowCommand', ({ command }) => command === 'mailto' && take());
  }, [canWrite]);

  const problem = error !== null ? (error.detail ?? t(error.id)) : infoError !== null ? (infoError.detail ?? t('app.unreachable')) : null;
  if (problem !== null && (settings === null || info === null)) {
    return (
      <main className="centered" role="alert">
        <h1>{t('app.cannotStart')}</h1>
        <p>{problem}</p>
      </main>
    );
  }
  if (settings === null || info === null) {
    return (
      <main className="centered" aria-busy="true">
        <p>{t('app.opening')}</p>
      </main>
    );
  }
  const onAppearance = (appearance: typeof settings.appearance) => void update({ appearance });
  const firstRun = info.accountCount === 0 && !pastFirstRun;
  return (
    <NavigationContext.Provider value={navigation}>
      <UndoSendProvider>
        {problem !== null && (
          <div className="banner-error" role="alert">
            {problem}
          </div>
        )}
        {firstRun ? (
          <FirstRun settings={settings} onAppearance={onAppearance} onContinue={() => navigation.show({ kind: 'account-setup' })} />
        ) : view.kind === 'account-setup' ? (
          <AccountSetup {...(view.accountId === undefined ? {} : { accountId: view.accountId })} />
        ) : view.kind === 'settings' ? (
          <SettingsView
            settings={settings}
            update={update}
            {...(view.section === undefined ? {} : { section: view.section })}
            {...(view.newRule === undefined ? {} : { newRule: view.newRule })}
          />
        ) : view.kind === 'server-mailbox' ? (
          <ServerMailboxView accountId={view.accountId} />
        ) : view.kind === 'contacts' ? (
          <ContactsView />
        ) : (
          <MainWindow info={info} settings={settings} onAppearance={onAppearance} />
        )}
        {compose !== null && <ComposeView request={compose} onClose={navigation.closeCompose} />}
      </UndoSendProvider>
    </NavigationContext.Provider>
  );
}
