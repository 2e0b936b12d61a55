/**
 * Runs the account doctor the way its tests need it: settings for one incoming server, short bounds,
 * the steps by id and in the order they streamed, and a check that no form of a password is in a text.
 */
import assert from 'node:assert/strict';
import { accountSettingsSchema, type AccountSettings } from '../../../../shared/accounts';
import type { DoctorStep, DoctorStepId } from '../../../../shared/doctor';
import { runDoctor, type DoctorRequest } from '../../../../electron/services/doctor';
import { sampleSettings } from '../../../fakes/account-settings';

/** Short bounds: every server in these tests answers at once on 127.0.0.1. */
export const DOCTOR_TIMEOUT_MS = 5_000;

/** Settings whose incoming server is `host:port` (with an extra CA or a pinned certificate). */
export function incoming(
  host: string,
  port: number,
  security: 'tls' | 'starttls' | 'none',
  username: string,
  extra: { caPem?: string; pin?: string } = {},
): AccountSettings {
  return accountSettingsSchema.parse(
    sampleSettings({
      incoming: {
        host,
        port,
        security,
        username,
        auth: 'auto',
        ...(extra.caPem === undefined ? {} : { caPem: extra.caPem }),
        ...(extra.pin === undefined ? {} : { pinnedCertificate: { host, port, fingerprint256: extra.pin } }),
      },
      allowInsecure: security === 'none',
    }),
  );
}

/** Runs the doctor on `request` and collects its report. */
export async function doctor(
  request: Omit<DoctorRequest, 'onStep' | 'timeoutMs'>,
): Promise<{ steps: Map<DoctorStepId, DoctorStep>; streamed: DoctorStepId[]; ok: boolean; transcript: string }> {
  const streamed: DoctorStepId[] = [];
  const report = await runDoctor({ scope: 'incoming', ...request, timeoutMs: DOCTOR_TIMEOUT_MS, onStep: (step) => streamed.push(step.id) });
  return { steps: new Map(report.steps.map((step) => [step.id, step])), streamed, ok: report.ok, transcript: report.transcript.join('\n') };
}

/** Each step's status by id. */
export function status(steps: Map<DoctorStepId, DoctorStep>): Record<string, string> {
  return Object.fromEntries([...steps].map(([id, step]) => [id, step.status]));
}

/** Fails when `text` holds the password, its base64 or its hex form. */
export function assertNoPassword(text: string, password: string): void {
  for (const form of [password, Buffer.from(password).toString('base64'), Buffer.from(password).toString('hex')]) {
    assert.ok(!text.includes(form), `the transcript holds the password (${form.slice(0, 6)}…)`);
  }
}
