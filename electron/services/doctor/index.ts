/**
 * The account doctor's public entry: `runDoctor` checks an account's servers step by step.
 */
export { DOCTOR_TIMEOUT_MS, runDoctor, type DoctorRequest } from './run-doctor';
export { systemLookup, type HostLookup } from './network-checks';
export { ROUND_TRIP_POLL_MS, ROUND_TRIP_SUBJECT, ROUND_TRIP_WAIT_MS } from './round-trip';
