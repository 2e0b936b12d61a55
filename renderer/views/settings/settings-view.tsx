import { useRef, useState, type KeyboardEvent } from 'react';
import type { Settings, SettingsPatch } from '../../../shared/settings';
import type { NewRulePrefill, SettingsSection } from '../../state/navigation';
import { useNavigation } from '../../state/navigation';
import { useT } from '../../state/locale';
import type { MessageId } from '../../../shared/i18n/messages-en';
import { AccountsSection } from './accounts-section';
import { LanguageSection } from './language-section';
import { blankRule } from './rule-form';
import { RemoteContentSection } from './remote-content-section';
import { RulesSection } from './rules-section';
import { DesktopSection } from './desktop-section';
import { SpellingSettings } from './spelling-settings';
import { AppearanceSection, GeneralSection, KeyboardSection, NotificationsSection } from './preference-sections';
import './settings.css';

/** The sections in the order the side list shows them, each with its name's message id. */
export const SETTINGS_SECTIONS: readonly { readonly id: SettingsSection; readonly label: MessageId }[] = [
  { id: 'accounts', label: 'settings.accounts' },
  { id: 'general', label: 'settings.general' },
  { id: 'appearance', label: 'settings.appearance' },
  { id: 'language', label: 'language.title' },
  { id: 'keyboard', label: 'settings.keyboard' },
  { id: 'notifications', label: 'settings.notifications' },
  { id: 'desktop', label: 'settings.desktop' },
  { id: 'rules', label: 'settings.rules' },
  { id: 'remote-content', label: 'settings.remoteContent' },
];

/** The Settings page: a side list of sections (arrow keys move between them) and the chosen one. */
export function SettingsView(props: {
  readonly section?: SettingsSection;
  /** Opens the rule editor on a new rule with this condition (the Rules section). */
  readonly newRule?: NewRulePrefill;
  readonly settings: Settings;
  readonly update: (patch: SettingsPatch) => Promise<void>;
}) {
  const navigation = useNavigation();
  const t = useT();
  const [section, setSection] = useState<SettingsSection>(props.section ?? 'accounts');
  const tabs = useRef(new Map<SettingsSection, HTMLButtonElement>());
  const current = SETTINGS_SECTIONS.find((item) => item.id === section) ?? SETTINGS_SECTIONS[0];

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = SETTINGS_SECTIONS.findIndex((item) => item.id === section);
    const last = SETTINGS_SECTIONS.length - 1;
    const target =
      event.key === 'ArrowDown'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowUp'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined;
    if (target === undefined) return;
    event.preventDefault();
    const next = SETTINGS_SECTIONS[target];
    if (next === undefined) return;
    setSection(next.id);
    tabs.current.get(next.id)?.focus();
  };

  const sectionProps = { settings: props.settings, update: props.update };
  return (
    <main className="settings" aria-labelledby="settings-title">
      <header className="settings-header">
        <h1 id="settings-title">{t('toolbar.settings')}</h1>
        <button type="button" onClick={() => navigation.show({ kind: 'mail' })}>
          {t('contacts.backToMail')}
        </button>
      </header>
      <div className="settings-body">
        <div className="settings-tabs" role="tablist" aria-label={t('settings.sections')} aria-orientation="vertical" onKeyDown={onKeyDown}>
          {SETTINGS_SECTIONS.map((item) => (
            <button
              key={item.id}
              ref={(element) => {
                if (element === null) tabs.current.delete(item.id);
                else tabs.current.set(item.id, element);
              }}
              type="button"
              role="tab"
              id={`settings-tab-${item.id}`}
              aria-selected={item.id === section}
              aria-controls={`settings-panel-${item.id}`}
              tabIndex={item.id === section ? 0 : -1}
              onClick={() => setSection(item.id)}
            >
              {t(item.label)}
            </button>
          ))}
        </div>
        {current !== undefined && (
          <section className="settings-panel" role="tabpanel" id={`settings-panel-${current.id}`} aria-labelledby={`settings-tab-${current.id}`}>
            <h2>{t(current.label)}</h2>
            {current.id === 'accounts' && <AccountsSection />}
            {current.id === 'general' && (
              <>
                <GeneralSection {...sectionProps} />
                <SpellingSettings {...sectionProps} />
              </>
            )}
            {current.id === 'appearance' && <AppearanceSection {...sectionProps} />}
            {current.id === 'language' && <LanguageSection {...sectionProps} />}
            {current.id === 'keyboard' && <KeyboardSection {...sectionProps} />}
            {current.id === 'notifications' && <NotificationsSection {...sectionProps} />}
            {current.id === 'desktop' && <DesktopSection {...sectionProps} />}
            {current.id === 'remote-content' && <RemoteContentSection {...sectionProps} />}
            {current.id === 'rules' && <RulesSection {...(props.newRule === undefined ? {} : { prefill: blankRule(props.newRule) })} />}
          </section>
        )}
      </div>
    </main>
  );
}
