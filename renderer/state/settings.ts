import { useCallback, useEffect, useState } from 'react';
import type { MessageId } from '../../shared/i18n/messages-en';
import type { Settings, SettingsPatch } from '../../shared/settings';
import { bridge } from '../bridge';
import { unwrap } from './use-result';

/** Why the settings are not there or not saved: the reason main gave, or a message in the window's language. */
export interface SettingsProblem {
  readonly id: MessageId;
  readonly detail: string | null;
}

function problemOf(id: MessageId, reason: unknown): SettingsProblem {
  return { id, detail: reason instanceof Error ? reason.message : null };
}

/** The settings as the UI sees them: null until loaded, kept current by the settingsChanged event. */
export function useSettings(): {
  settings: Settings | null;
  error: SettingsProblem | null;
  update: (patch: SettingsPatch) => Promise<void>;
} {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<SettingsProblem | null>(null);

  useEffect(() => {
    let active = true;
    const unsubscribe = bridge.on('settingsChanged', (next) => setSettings(next));
    bridge
      .getSettings()
      .then((result) => {
        if (active) setSettings(unwrap(result));
      })
      .catch((reason: unknown) => {
        if (active) setError(problemOf('settings.loadFailed', reason));
      });
    return () => {
      active = false;
      unsubscribe();
    };
  }, []);

  const update = useCallback(async (patch: SettingsPatch) => {
    try {
      setSettings(unwrap(await bridge.updateSettings(patch)));
      setError(null);
    } catch (reason) {
      setError(problemOf('settings.saveFailed', reason));
    }
  }, []);

  return { settings, error, update };
}
