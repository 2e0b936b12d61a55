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
import type { Translate } from '../../../shared/i18n/catalogs';
import type { MessageId } from '../../../shared/i18n/messages-en';
import { useFormattingLocale, useT } from '../../state/locale';
import { SHORTCUT_TABLES } from '../../state/shortcuts';

/** What every preference section gets. */
export interface SectionProps {
  readonly settings: Settings;
  readonly update: (patch: SettingsPatch) => Promise<void>;
}

/** The whole-number settings: each counts from 0 (off, or only on demand) up to its limit. */
const NUMBER_SETTINGS = {
  checkIntervalMinutes: { label: 'settings.checkEvery', hint: 'settings.checkEveryHint', range: 'settings.rangeMinutes', max: MAX_CHECK_INTERVAL_MINUTES },
  undoSendSeconds: { label: 'settings.undoSend', hint: 'settings.undoSendHint', range: 'settings.rangeSeconds', max: MAX_UNDO_SEND_SECONDS },
  markReadAfterSeconds: { label: 'settings.markReadAfter', hint: 'settings.markReadAfterHint', range: 'settings.rangeSeconds', max: MAX_MARK_READ_SECONDS },
  junkRetentionDays: { label: 'settings.junkRetention', hint: 'settings.junkRetentionHint', range: 'settings.rangeDays', max: MAX_JUNK_RETENTION_DAYS },
} as const satisfies Readonly<Record<string, { readonly label: MessageId; readonly hint: MessageId; readonly range: MessageId; readonly max: number }>>;

/** The keyboard presets by the programs they follow (names, not words to translate). */
const PRESET_NAMES: Readonly<Record<Settings['keyboardPreset'], string>> = { outlook: 'Outlook', thunderbird: 'Thunderbird' };

/** Key names that differ by language (German keyboards say Strg and Entf); letters, F-keys and symbols stay. */
const KEY_WORDS: Readonly<Record<string, MessageId>> = {
  Ctrl: 'settings.key.ctrl',
  Shift: 'settings.key.shift',
  Delete: 'settings.key.delete',
  Insert: 'settings.key.insert',
  Enter: 'settings.key.enter',
};

/** A chord such as `Ctrl+Shift+R` with its keys named in the chosen language. */
function chordWords(t: Translate, chord: string): string {
  return chord
    .split('+')
    .map((key) => {
      const id = KEY_WORDS[key];
      return id === undefined ? key : t(id);
    })
    .join('+');
}

/**
 * A whole number setting typed into a box: saved as soon as what is typed is valid, otherwise the
 * box says what it takes and nothing is saved.
 */
function NumberSetting(props: SectionProps & { readonly name: keyof typeof NUMBER_SETTINGS }) {
  const t = useT();
  const { label, hint, range, max } = NUMBER_SETTINGS[props.name];
  const saved = props.settings[props.name] ?? 0;
  const [draft, setDraft] = useState(String(saved));
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    setDraft((current) => (Number(current) === saved && current.trim() !== '' ? current : String(saved)));
  }, [saved]);
  return (
    <Field label={t(label)} hint={t(hint)} error={error}>
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
              setError(t(range, { max }));
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
  const t = useT();
  const { settings, update } = props;
  return (
    <div className="settings-fields">
      <NumberSetting name="checkIntervalMinutes" {...props} />
      <ToggleSetting label={t('settings.checkAtStartup')} value={settings.checkAtStartup} onSave={(checkAtStartup) => void update({ checkAtStartup })} />
      <ToggleSetting label={t('settings.sendImmediately')} value={settings.sendImmediately} onSave={(sendImmediately) => void update({ sendImmediately })} />
      <NumberSetting name="undoSendSeconds" {...props} />
      <ToggleSetting
        label={t('settings.markReadShown')}
        value={settings.markReadAfterSeconds !== null}
        onSave={(on) => void update({ markReadAfterSeconds: on ? 0 : null })}
      />
      {settings.markReadAfterSeconds !== null && <NumberSetting name="markReadAfterSeconds" {...props} />}
      <NumberSetting name="junkRetentionDays" {...props} />
      <ToggleSetting
        label={t('settings.collectAddresses')}
        value={settings.collectAddresses}
        onSave={(collectAddresses) => void update({ collectAddresses })}
      />
    </div>
  );
}

/** Light, dark or as the system. */
export function AppearanceSection(props: SectionProps) {
  const t = useT();
  return (
    <div className="settings-fields">
      <AppearancePicker value={props.settings.appearance} onChange={(appearance) => void props.update({ appearance })} />
      <ToggleSetting label={t('settings.darkReading')} value={props.settings.darkReading} onSave={(darkReading) => void props.update({ darkReading })} />
    </div>
  );
}

/** The keyboard preset and its shortcuts. */
export function KeyboardSection(props: SectionProps) {
  const t = useT();
  const alternatives = new Intl.ListFormat(useFormattingLocale(), { type: 'disjunction' });
  return (
    <div className="settings-fields">
      <Field label={t('settings.shortcutPreset')} hint={t('settings.shortcutPresetHint')}>
        {(control) => (
          <select
            {...control}
            value={props.settings.keyboardPreset}
            onChange={(event) => void props.update({ keyboardPreset: event.target.value === 'thunderbird' ? 'thunderbird' : 'outlook' })}
          >
            {(['outlook', 'thunderbird'] as const).map((preset) => (
              <option key={preset} value={preset}>
                {PRESET_NAMES[preset]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <table className="settings-shortcuts">
        <caption>{t('settings.shortcuts')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('settings.keys')}</th>
            <th scope="col">{t('settings.command')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUT_TABLES[props.settings.keyboardPreset].map((shortcut) => (
            <tr key={shortcut.keys.join(' ')}>
              <td>
                <kbd>{alternatives.format(shortcut.keys.map((chord) => chordWords(t, chord)))}</kbd>
              </td>
              <td>{t(shortcut.command)}</td>
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

const PERMISSION_WORDS: Readonly<Record<NotificationPermission, MessageId>> = {
  granted: 'settings.permissionGranted',
  denied: 'settings.permissionDenied',
  default: 'settings.permissionDefault',
};

/** New-mail notifications; in a browser, also the browser's permission for them. */
export function NotificationsSection(props: SectionProps) {
  const t = useT();
  const [permission, setPermission] = useState<NotificationPermission | null>(browserPermission);
  return (
    <div className="settings-fields">
      <ToggleSetting
        label={t('settings.notifyNewMail')}
        value={props.settings.notifications}
        onSave={(notifications) => void props.update({ notifications })}
      />
      {permission !== null && (
        <div className="settings-permission">
          <p role="status">{t(PERMISSION_WORDS[permission])}</p>
          {permission === 'default' && (
            <button type="button" onClick={() => void Notification.requestPermission().then(setPermission)}>
              {t('settings.allowNotifications')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
