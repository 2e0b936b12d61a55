/**
 * The account doctor's public entry: `runDoctor` checks an account's servers step by step.
 */
export { runDoctor, type DoctorRequest } from './run-doctor';
export { type HostLookup } from './network-checks';
