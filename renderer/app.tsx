import { useEffect, useState } from 'react';
import type { AppInfo } from '../shared/ipc/contract';
import { bridge } from './bridge';
import { useSettings } from './state/settings';
import { useTheme } from './state/theme';
import { unwrap } from './state/use-result';
import { FirstRun } from './views/first-run';
import { MainWindow } from './views/main-window';

/** The application frame: first run until the user continues or has an account, then the mail window. */
export function App() {
  const { settings, error, update } = useSettings();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [infoError, setInfoError] = useState<string | null>(null);
  const [pastFirstRun, setPastFirstRun] = useState(false);
  useTheme(settings?.appearance);

  useEffect(() => {
    bridge
      .getAppInfo()
      .then((result) => setInfo(unwrap(result)))
      .catch((reason: unknown) => setInfoError(reason instanceof Error ? reason.message : 'Mailbag is not reachable.'));
  }, []);

  const problem = error ?? infoError;
  if (problem !== null && (settings === null || info === null)) {
    return (
      <main className="centered" role="alert">
        <h1>Mailbag cannot start</h1>
        <p>{problem}</p>
      </main>
    );
  }
  if (settings === null || info === null) {
    return (
      <main className="centered" aria-busy="true">
        <p>Opening your mail…</p>
      </main>
    );
  }
  const onAppearance = (appearance: typeof settings.appearance) => void update({ appearance });
  return (
    <>
      {problem !== null && (
        <div className="banner-error" role="alert">
          {problem}
        </div>
      )}
      {info.accountCount === 0 && !pastFirstRun ? (
        <FirstRun settings={settings} onAppearance={onAppearance} onContinue={() => setPastFirstRun(true)} />
      ) : (
        <MainWindow info={info} settings={settings} onAppearance={onAppearance} />
      )}
    </>
  );
}
