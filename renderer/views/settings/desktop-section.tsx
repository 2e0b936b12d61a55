import { useEffect, useState } from 'react';
import type { DefaultMailHandlerState } from '../../../shared/ipc/contract';
import { isUpdateFeedUrl } from '../../../shared/settings';
import { bridge } from '../../bridge';
import { Field } from '../../components/field';
import { useT } from '../../state/locale';
import { ToggleSetting, type SectionProps } from './preference-sections';

/**
 * The update feed typed into a box: saved with Save when it is an https address (empty turns automatic
 * updates off); otherwise the box says what it takes and nothing is saved.
 */
function UpdateFeedSetting(props: SectionProps) {
  const t = useT();
  const saved = props.settings.updateFeedUrl ?? '';
  const [draft, setDraft] = useState(saved);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => setDraft(saved), [saved]);
  const save = (): void => {
    const text = draft.trim();
    if (text !== '' && !isUpdateFeedUrl(text)) {
      setError(t('desktop.feedInvalid'));
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
      <Field label={t('desktop.feed')} hint={t('desktop.feedHint')} error={error}>
        {(control) => <input {...control} type="url" inputMode="url" spellCheck={false} value={draft} onChange={(event) => setDraft(event.target.value)} />}
      </Field>
      <button type="submit">{t('desktop.saveFeed')}</button>
    </form>
  );
}

/** Says whether Mailbag is the system's mail program and makes it one at a click (the installed app only). */
function DefaultMailHandlerSetting() {
  const t = useT();
  const [state, setState] = useState<DefaultMailHandlerState | null>(null);
  useEffect(() => {
    void bridge.getDefaultMailHandler().then((result) => {
      if (result.ok) setState(result.value);
    });
  }, []);
  const make = (): void => {
    void bridge.makeDefaultMailHandler().then((result) => {
      if (result.ok) setState(result.value);
    });
  };
  if (state === null) return null;
  const status = !state.available ? t('desktop.defaultMailUnavailable') : state.isDefault ? t('desktop.defaultMailIs') : t('desktop.defaultMailIsNot');
  return (
    <div className="settings-inline-form">
      <button type="button" disabled={!state.available || state.isDefault} onClick={make}>
        {t('desktop.makeDefaultMail')}
      </button>
      <p className="field-hint" role="status">
        {status}
      </p>
    </div>
  );
}

/** The desktop app's place on the computer: the tray icon, starting minimised or at login, updates. */
export function DesktopSection(props: SectionProps) {
  const { settings, update } = props;
  const t = useT();
  return (
    <div className="settings-fields">
      {window.mailbag === undefined && <p className="field-hint">{t('desktop.browserNote')}</p>}
      <ToggleSetting label={t('desktop.trayIcon')} value={settings.trayIcon} onSave={(trayIcon) => void update({ trayIcon })} />
      <ToggleSetting label={t('desktop.startMinimised')} value={settings.startMinimised} onSave={(startMinimised) => void update({ startMinimised })} />
      <ToggleSetting label={t('desktop.startAtLogin')} value={settings.startAtLogin} onSave={(startAtLogin) => void update({ startAtLogin })} />
      <ToggleSetting
        label={t('desktop.checkDefaultMail')}
        value={settings.checkDefaultMailHandler}
        onSave={(checkDefaultMailHandler) => void update({ checkDefaultMailHandler })}
      />
      <DefaultMailHandlerSetting />
      <UpdateFeedSetting {...props} />
    </div>
  );
}
