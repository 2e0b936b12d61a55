import { useCallback, useEffect, useRef, useState } from 'react';
import type { DoctorReport, DoctorStep } from '../../../shared/doctor';
import type { ErrorData } from '../../../shared/errors';
import { bridge } from '../../bridge';
import { useLocale } from '../../state/locale';

/** What testAccount takes, less the run id this hook chooses. */
export type DoctorRequest = Omit<Parameters<typeof bridge.testAccount>[0], 'runId' | 'locale'>;

/** A fresh id that ties a request's progress events to it. */
export function newRunId(): string {
  return typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** The doctor's state for a view: the steps as they finish, the final report, or the error. */
export interface DoctorRun {
  readonly steps: readonly DoctorStep[];
  readonly report: DoctorReport | null;
  readonly running: boolean;
  readonly error: ErrorData | null;
  /** Runs the doctor, showing each step as it finishes; resolves with the report (null on error). */
  run(request: DoctorRequest): Promise<DoctorReport | null>;
  reset(): void;
}

/**
 * Runs "Test account settings": subscribes to doctorStep events of its own run id only, so steps of
 * an earlier or another window's run never mix in.
 */
export function useDoctor(): DoctorRun {
  const [steps, setSteps] = useState<readonly DoctorStep[]>([]);
  const [report, setReport] = useState<DoctorReport | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ErrorData | null>(null);
  const current = useRef<string | null>(null);
  const mounted = useRef(true);
  const locale = useLocale();

  useEffect(() => {
    mounted.current = true;
    const unsubscribe = bridge.on('doctorStep', (event) => {
      if (event.runId === null || event.runId !== current.current) return;
      setSteps((previous) => [...previous.filter((step) => step.id !== event.step.id), event.step]);
    });
    return () => {
      mounted.current = false;
      current.current = null;
      unsubscribe();
    };
  }, []);

  const run = useCallback(
    async (request: DoctorRequest): Promise<DoctorReport | null> => {
      const runId = newRunId();
      current.current = runId;
      setSteps([]);
      setReport(null);
      setError(null);
      setRunning(true);
      // Main words the steps in the window's language.
      const result = await bridge.testAccount({ ...request, runId, locale });
      if (!mounted.current || current.current !== runId) return null;
      setRunning(false);
      if (!result.ok) {
        setError(result.error);
        return null;
      }
      setSteps(result.value.steps);
      setReport(result.value);
      return result.value;
    },
    [locale],
  );

  const reset = useCallback(() => {
    current.current = null;
    setSteps([]);
    setReport(null);
    setError(null);
    setRunning(false);
  }, []);

  return { steps, report, running, error, run, reset };
}
