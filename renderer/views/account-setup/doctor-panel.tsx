import { useState } from 'react';
import { DOCTOR_STEP_IDS, type DoctorStatus, type DoctorStep } from '../../../shared/doctor';
import { MAX_TRANSCRIPT_LINE_CHARS, serverTextForDisplay } from '../../../shared/terminal-text';
import type { DoctorRun } from './use-doctor';

const STATUS_WORDS: Readonly<Record<DoctorStatus, string>> = {
  ok: 'Passed',
  warning: 'Warning',
  failed: 'Failed',
  skipped: 'Skipped',
};

const STATUS_MARKS: Readonly<Record<DoctorStatus, string>> = { ok: '✓', warning: '!', failed: '✗', skipped: '–' };

/** Steps in the doctor's own order, whatever order their events arrived in. */
function ordered(steps: readonly DoctorStep[]): DoctorStep[] {
  return [...steps].sort((a, b) => DOCTOR_STEP_IDS.indexOf(a.id) - DOCTOR_STEP_IDS.indexOf(b.id));
}

/**
 * The account doctor's findings: each step with its outcome as it finishes, what to do about the
 * failed ones, and the transcript (passwords already redacted by main) to copy for a help desk.
 */
export function DoctorPanel(props: { readonly doctor: DoctorRun; readonly title?: string }) {
  const { steps, report, running, error } = props.doctor;
  const [copied, setCopied] = useState<string | null>(null);
  if (!running && report === null && error === null && steps.length === 0) return null;
  const failed = steps.filter((step) => step.status === 'failed').length;
  const summary = running
    ? `Testing… ${steps.length} ${steps.length === 1 ? 'step' : 'steps'} done.`
    : error !== null
      ? `The test could not run: ${error.message}`
      : report?.ok === true
        ? 'All checks passed.'
        : `${failed} ${failed === 1 ? 'check' : 'checks'} failed.`;
  const transcript = report?.transcript.map((line) => serverTextForDisplay(line, MAX_TRANSCRIPT_LINE_CHARS)).join('\n') ?? '';
  const copy = () => {
    navigator.clipboard.writeText(transcript).then(
      () => setCopied('Transcript copied.'),
      () => setCopied('Copying is not allowed here; select the text and copy it instead.'),
    );
  };
  return (
    <section className="doctor" aria-label={props.title ?? 'Test results'} aria-busy={running}>
      <h3 className="doctor-title">{props.title ?? 'Test results'}</h3>
      <p role="status" className={`doctor-summary${report?.ok === false || error !== null ? ' doctor-summary-failed' : ''}`}>
        {summary}
      </p>
      <ol className="doctor-steps" aria-label="Checks">
        {ordered(steps).map((step) => (
          <li key={step.id} className={`doctor-step doctor-${step.status}`}>
            <span className="doctor-mark" aria-hidden="true">
              {STATUS_MARKS[step.status]}
            </span>
            <div className="doctor-step-text">
              <div>
                <strong>{step.title}</strong> <span className="doctor-status">{STATUS_WORDS[step.status]}</span>
              </div>
              <div>{serverTextForDisplay(step.summary)}</div>
              {step.advice !== undefined && <div className="doctor-advice">{step.advice}</div>}
              {step.facts.length > 0 && (
                <details className="doctor-facts">
                  <summary>Details</summary>
                  <dl>
                    {step.facts.map((fact) => (
                      <div key={fact.name}>
                        <dt>{fact.name}</dt>
                        <dd>
                          {serverTextForDisplay(fact.value)}
                          {fact.meaning === undefined ? '' : ` — ${fact.meaning}`}
                        </dd>
                      </div>
                    ))}
                  </dl>
                </details>
              )}
            </div>
          </li>
        ))}
      </ol>
      {report !== null && (
        <details className="doctor-transcript">
          <summary>Transcript ({report.transcript.length} lines, passwords hidden)</summary>
          <div className="doctor-transcript-actions">
            <button type="button" onClick={copy}>
              Copy transcript
            </button>
            {copied !== null && <span role="status">{copied}</span>}
          </div>
          <pre className="transcript" tabIndex={0} aria-label="Transcript">
            {transcript}
          </pre>
        </details>
      )}
    </section>
  );
}
