import { ToggleSetting, type SectionProps } from './preference-sections';

/** The desktop app's place on the computer: the tray icon, starting minimised, starting at login. */
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
    </div>
  );
}
