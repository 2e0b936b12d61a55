import { useEffect, useState } from 'react';
import { isUpdateFeedUrl } from '../../../shared/settings';
import { Field } from '../../components/field';
import { ToggleSetting, type SectionProps } from './preference-sections';

/**
 * The update feed typed into a box: saved with Save when it is an https address (empty turns automatic
 * updates off); otherwise the box says what it takes and nothing is saved.
 */
function UpdateFeedSetting(props: SectionProps) {
  const saved = props.settings.updateFeedUrl ?? '';
  const [draft, setDraft] = useState(saved);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => setDraft(saved), [saved]);
  const save = (): void => {
    const text = draft.trim();
    if (text !== '' && !isUpdateFeedUrl(text)) {
      setError('Type an https address, or leave the box empty.');
      return;
    }
    setError(undefined);
    void props.update({ updateFeedUrl: text === '' ? null : text });
  };
  return (
    <form
      className="settings-inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <Field label="Update address" hint="Where new versions of Mailbag are published. Empty: no automatic updates." error={error}>
        {(control) => <input {...control} type="url" inputMode="url" spellCheck={false} value={draft} onChange={(event) => setDraft(event.target.value)} />}
      </Field>
      <button type="submit">Save update address</button>
    </form>
  );
}

/** The desktop app's place on the computer: the tray icon, starting minimised or at login, updates. */
export function DesktopSection(props: SectionProps) {
  const { settings, update } = props;
  return (
    <div className="settings-fields">
      {window.mailbag === undefined && <p className="field-hint">These settings apply to the desktop app, not to this browser tab.</p>}
      <ToggleSetting
        label="Show an icon in the notification area (with the unread count, Send/Receive and New message)"
        value={settings.trayIcon}
        onSave={(trayIcon) => void update({ trayIcon })}
      />
      <ToggleSetting label="Start minimised" value={settings.startMinimised} onSave={(startMinimised) => void update({ startMinimised })} />
      <ToggleSetting
        label="Start Mailbag when I sign in to the computer"
        value={settings.startAtLogin}
        onSave={(startAtLogin) => void update({ startAtLogin })}
      />
      <UpdateFeedSetting {...props} />
    </div>
  );
}
