import type { ReactNode } from 'react';
import type { Settings } from '../../shared/settings';
import { AppearancePicker } from '../components/appearance-picker';
import { Message, useT } from '../state/locale';

/** The bold parts of a message (the button names it mentions). */
const strong = (chunks: ReactNode[]) => <strong>{chunks}</strong>;

/**
 * The first thing a new user sees: what Mailbag does with their mail, and the way in to adding the
 * first account.
 */
export function FirstRun(props: {
  readonly settings: Settings;
  readonly onAppearance: (value: Settings['appearance']) => void;
  readonly onContinue: () => void;
}) {
  const t = useT();
  return (
    <main className="first-run" aria-labelledby="first-run-title">
      <section className="first-run-card">
        <img className="first-run-logo" src="/icon.png" alt="" width={96} height={96} />
        <h1 id="first-run-title">{t('firstRun.title')}</h1>
        <p>
          <Message id="firstRun.what" values={{ strong }} />
        </p>
        <p className="muted">{t('firstRun.need')}</p>
        <div className="first-run-actions">
          <button type="button" className="primary" onClick={props.onContinue}>
            {t('common.continue')}
          </button>
          <AppearancePicker value={props.settings.appearance} onChange={props.onAppearance} />
        </div>
      </section>
    </main>
  );
}
