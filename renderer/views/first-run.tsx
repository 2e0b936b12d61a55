import type { Settings } from '../../shared/settings';
import { AppearancePicker } from '../components/appearance-picker';

/**
 * The first thing a new user sees: what Mailbag does with their mail, and the way in to adding the
 * first account.
 */
export function FirstRun(props: {
  readonly settings: Settings;
  readonly onAppearance: (value: Settings['appearance']) => void;
  readonly onContinue: () => void;
}) {
  return (
    <main className="first-run" aria-labelledby="first-run-title">
      <section className="first-run-card">
        <img className="first-run-logo" src="/icon.png" alt="" width={96} height={96} />
        <h1 id="first-run-title">Add your first account</h1>
        <p>
          Mailbag collects your mail from a POP3 server when you press <strong>Send/Receive</strong>, keeps it on this computer so you can read it offline, and
          sends your replies through your provider’s SMTP server.
        </p>
        <p className="muted">
          You will need your e-mail address and password. Mailbag finds the server settings for most providers; you can also type them in from your provider’s
          instructions.
        </p>
        <div className="first-run-actions">
          <button type="button" className="primary" onClick={props.onContinue}>
            Continue
          </button>
          <AppearancePicker value={props.settings.appearance} onChange={props.onAppearance} />
        </div>
      </section>
    </main>
  );
}
