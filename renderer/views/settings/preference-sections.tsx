import { useEffect, useState } from 'react';
import {
  MAX_CHECK_INTERVAL_MINUTES,
  MAX_JUNK_RETENTION_DAYS,
  MAX_MARK_READ_SECONDS,
  MAX_UNDO_SEND_SECONDS,
  type Settings,
  type SettingsPatch,
} from '../../../shared/settings';
import { AppearancePicker } from '../../components/appearance-picker';
import { CheckboxField, Field } from '../../components/field';
import { useT } from '../../state/locale';
import { shortcutLines } from '../../state/shortcuts';

/** What every preference section gets. */
export interface SectionProps {
  readonly settings: Settings;
  readonly update: (patch: SettingsPatch) => Promise<void>;
}

/** The whole-number settings: each counts from 0 (off, or only on demand) up to its limit. */
const NUMBER_SETTINGS = {
  checkIntervalMinutes: {
    label: 'Check for new mail every (minutes)',
    hint: '0: only when you press Send/Receive.',
    unit: 'minutes',
    max: MAX_CHECK_INTERVAL_MINUTES,
  },
  undoSendSeconds: {
    label: 'Undo send (seconds)',
    hint: 'How long after Send a message can still be taken back. 0: no undo.',
    unit: 'seconds',
    max: MAX_UNDO_SEND_SECONDS,
  },
  markReadAfterSeconds: {
    label: 'Mark as read after (seconds)',
    hint: '0: as soon as the message is shown. Choosing another message first leaves it unread.',
    unit: 'seconds',
    max: MAX_MARK_READ_SECONDS,
  },
  junkRetentionDays: {
    label: 'Delete junk after (days)',
    hint: 'Mail judged junk is deleted for good this many days after the verdict. 0: keep it.',
    unit: 'days',
    max: MAX_JUNK_RETENTION_DAYS,
  },
} as const;

/**
 * A whole number setting typed into a box: saved as soon as what is typed is valid, otherwise the
 * box says what it takes and nothing is saved.
 */
function NumberSetting(props: SectionProps & { readonly name: keyof typeof NUMBER_SETTINGS }) {
  const { label, hint, unit, max } = NUMBER_SETTINGS[props.name];
  const saved = props.settings[props.name] ?? 0;
  const [draft, setDraft] = useState(String(saved));
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    setDraft((current) => (Number(current) === saved && current.trim() !== '' ? current : String(saved)));
  }, [saved]);
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <input
          {...control}
          type="number"
          inputMode="numeric"
          min={0}
          max={max}
          className="settings-number"
          value={draft}
          onChange={(event) => {
            const text = event.target.value;
            setDraft(text);
            const value = Number(text);
            if (text.trim() === '' || !Number.isInteger(value) || value < 0 || value > max) {
              setError(`Enter ${unit} from 0 to ${max}.`);
              return;
            }
            setError(undefined);
            if (value !== saved) void props.update({ [props.name]: value });
          }}
        />
      )}
    </Field>
  );
}

/**
 * An on/off setting: the box follows the click at once while main saves it, and follows the saved
 * value when it changes (from another window too).
 */
export function ToggleSetting(props: { readonly label: string; readonly value: boolean; readonly onSave: (value: boolean) => void }) {
  const [checked, setChecked] = useState(props.value);
  useEffect(() => setChecked(props.value), [props.value]);
  return (
    <CheckboxField
      label={props.label}
      checked={checked}
      onChange={(next) => {
        setChecked(next);
        props.onSave(next);
      }}
    />
  );
}

/** Send/Receive timing and sending. */
export function GeneralSection(props: SectionProps) {
  const { settings, update } = props;
  return (
    <div className="settings-fields">
      <NumberSetting name="checkIntervalMinutes" {...props} />
      <ToggleSetting
        label="Check for new mail when Mailbag starts"
        value={settings.checkAtStartup}
        onSave={(checkAtStartup) => void update({ checkAtStartup })}
      />
      <ToggleSetting
        label="Send messages immediately (otherwise they wait in the Outbox until Send/Receive)"
        value={settings.sendImmediately}
        onSave={(sendImmediately) => void update({ sendImmediately })}
      />
      <NumberSetting name="undoSendSeconds" {...props} />
      <ToggleSetting
        label="Mark messages as read when they are shown"
        value={settings.markReadAfterSeconds !== null}
        onSave={(on) => void update({ markReadAfterSeconds: on ? 0 : null })}
      />
      {settings.markReadAfterSeconds !== null && <NumberSetting name="markReadAfterSeconds" {...props} />}
      <NumberSetting name="junkRetentionDays" {...props} />
      <ToggleSetting
        label="Collect the addresses I write to (added to Collected addresses in Contacts)"
        value={settings.collectAddresses}
        onSave={(collectAddresses) => void update({ collectAddresses })}
      />
    </div>
  );
}

/** Light, dark or as the system. */
export function AppearanceSection(props: SectionProps) {
  return (
    <div className="settings-fields">
      <AppearancePicker value={props.settings.appearance} onChange={(appearance) => void props.update({ appearance })} />
      <ToggleSetting
        label="Dark reading: show messages in dark colours in dark mode"
        value={props.settings.darkReading}
        onSave={(darkReading) => void props.update({ darkReading })}
      />
    </div>
  );
}

/** The keyboard preset and its shortcuts. */
export function KeyboardSection(props: SectionProps) {
  const t = useT();
  return (
    <div className="settings-fields">
      <Field label="Keyboard shortcuts" hint="On a Mac, Cmd works like Ctrl.">
        {(control) => (
          <select
            {...control}
            value={props.settings.keyboardPreset}
            onChange={(event) => void props.update({ keyboardPreset: event.target.value === 'thunderbird' ? 'thunderbird' : 'outlook' })}
          >
            <option value="outlook">Outlook</option>
            <option value="thunderbird">Thunderbird</option>
          </select>
        )}
      </Field>
      <table className="settings-shortcuts">
        <caption>Shortcuts</caption>
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Command</th>
          </tr>
        </thead>
        <tbody>
          {shortcutLines(t, props.settings.keyboardPreset).map((shortcut) => (
            <tr key={shortcut.keys}>
              <td>
                <kbd>{shortcut.keys}</kbd>
              </td>
              <td>{shortcut.command}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The browser's notification permission, or null where notifications are not the page's to ask for. */
function browserPermission(): NotificationPermission | null {
  return window.mailbag === undefined && typeof Notification !== 'undefined' ? Notification.permission : null;
}

const PERMISSION_WORDS: Readonly<Record<NotificationPermission, string>> = {
  granted: 'This browser shows Mailbag’s notifications.',
  denied: 'This browser blocks Mailbag’s notifications; allow them in the browser’s site settings.',
  default: 'This browser has not been asked yet whether Mailbag may show notifications.',
};

/** New-mail notifications; in a browser, also the browser's permission for them. */
export function NotificationsSection(props: SectionProps) {
  const [permission, setPermission] = useState<NotificationPermission | null>(browserPermission);
  return (
    <div className="settings-fields">
      <ToggleSetting
        label="Show a notification when new mail arrives"
        value={props.settings.notifications}
        onSave={(notifications) => void props.update({ notifications })}
      />
      {permission !== null && (
        <div className="settings-permission">
          <p role="status">{PERMISSION_WORDS[permission]}</p>
          {permission === 'default' && (
            <button type="button" onClick={() => void Notification.requestPermission().then(setPermission)}>
              Allow notifications in this browser
            </button>
          )}
        </div>
      )}
    </div>
  );
}
