import { useState } from 'react';
import { DOCTOR_STEP_IDS, doctorFactName, type DoctorStatus, type DoctorStep } from '../../../shared/doctor';
import { MAX_TRANSCRIPT_LINE_CHARS, serverTextForDisplay } from '../../../shared/terminal-text';
import { SYMBOLS } from '../../components/symbols';
import type { MessageId } from '../../../shared/i18n/messages-en';
import { useT } from '../../state/locale';
import { errorWords } from '../settings/error-words';
import type { DoctorRun } from './use-doctor';

const STATUS_WORDS: Readonly<Record<DoctorStatus, MessageId>> = {
  ok: 'setup.status.ok',
  warning: 'setup.status.warning',
  failed: 'setup.status.failed',
  skipped: 'setup.status.skipped',
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
  const t = useT();
  const { steps, report, running, error } = props.doctor;
  const [copied, setCopied] = useState<string | null>(null);
  if (!running && report === null && error === null && steps.length === 0) return null;
  const failed = steps.filter((step) => step.status === 'failed').length;
  const summary = running
    ? t('setup.testing', { count: steps.length })
    : error !== null
      ? t('setup.testCouldNotRun', { reason: errorWords(t, error) })
      : report?.ok === true
        ? t('setup.allPassed')
        : t('setup.checksFailed', { count: failed });
  const transcript = report?.transcript.map((line) => serverTextForDisplay(line, MAX_TRANSCRIPT_LINE_CHARS)).join('\n') ?? '';
  const copy = () => {
    navigator.clipboard.writeText(transcript).then(
      () => setCopied(t('setup.copied')),
      () => setCopied(t('setup.copyNotAllowed')),
    );
  };
  return (
    <section className="doctor" aria-label={props.title ?? t('setup.testResults')} aria-busy={running}>
      <h3 className="doctor-title">{props.title ?? t('setup.testResults')}</h3>
      <p role="status" className={`doctor-summary${report?.ok === false || error !== null ? ' doctor-summary-failed' : ''}`}>
        {summary}
      </p>
      <ol className="doctor-steps" aria-label={t('setup.checks')}>
        {ordered(steps).map((step) => (
          <li key={step.id} className={`doctor-step doctor-${step.status}`}>
            <span className="doctor-mark" aria-hidden="true">
              {STATUS_MARKS[step.status]}
            </span>
            <div className="doctor-step-text">
              <div>
                <strong>
                  <bdi>{step.title}</bdi>
                </strong>
                {SYMBOLS.space}
                <span className="doctor-status">{t(STATUS_WORDS[step.status])}</span>
              </div>
              <div>
                <bdi>{serverTextForDisplay(step.summary)}</bdi>
              </div>
              {step.advice !== undefined && (
                <div className="doctor-advice">
                  <bdi>{step.advice}</bdi>
                </div>
              )}
              {step.facts.length > 0 && (
                <details className="doctor-facts">
                  <summary>{t('common.details')}</summary>
                  <dl>
                    {step.facts.map((fact) => (
                      <div key={fact.name}>
                        <dt>
                          <bdi>{doctorFactName(t, fact.name)}</bdi>
                        </dt>
                        <dd>
                          <bdi>{serverTextForDisplay(fact.value)}</bdi>
                          {fact.meaning !== undefined && (
                            <>
                              {SYMBOLS.lineSeparator}
                              <bdi>{fact.meaning}</bdi>
                            </>
                          )}
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
          <summary>{t('setup.transcriptSummary', { count: report.transcript.length })}</summary>
          <div className="doctor-transcript-actions">
            <button type="button" onClick={copy}>
              {t('setup.copyTranscript')}
            </button>
            {copied !== null && <span role="status">{copied}</span>}
          </div>
          <pre className="transcript" tabIndex={0} aria-label={t('setup.transcript')} dir="ltr">
            {transcript}
          </pre>
        </details>
      )}
    </section>
  );
}
