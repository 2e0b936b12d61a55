import type { Settings } from '../../../shared/settings';
import type { SettingsSection } from '../../state/navigation';
import { useNavigation } from '../../state/navigation';

/** The Settings page. */
export function SettingsView(props: { readonly section?: SettingsSection; readonly settings: Settings; readonly update: (patch: Partial<Settings>) => Promise<void> }) {
  const navigation = useNavigation();
  return (
    <main className="centered" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <p className="muted">{props.section ?? 'general'}</p>
      <button type="button" onClick={() => navigation.show({ kind: 'mail' })}>
        Back to mail
      </button>
    </main>
  );
}
