import { useCallback, useEffect, useState } from 'react';
import type { Settings, SettingsPatch } from '../../shared/settings';
import { bridge } from '../bridge';
import { unwrap } from './use-result';

/** The settings as the UI sees them: null until loaded, kept current by the settingsChanged event. */
export function useSettings(): {
  settings: Settings | null;
  error: string | null;
  update: (patch: SettingsPatch) => Promise<void>;
} {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let active = true;
    const unsubscribe = bridge.on('settingsChanged', (next) => setSettings(next));
    bridge
      .getSettings()
      .then((result) => {
        if (active) setSettings(unwrap(result));
      })
      .catch((reason: unknown) => {
        if (active) setError(reason instanceof Error ? reason.message : 'Settings could not be loaded.');
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
      setError(reason instanceof Error ? reason.message : 'Settings could not be saved.');
    }
  }, []);

  return { settings, error, update };
}
