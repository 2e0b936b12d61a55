import { markPhase, phaseMarksEnabled } from '../jobs/phase-marks';
import { runCli } from './run';

if (phaseMarksEnabled()) process.once('exit', () => markPhase('exit'));

/** Standard input is opened only by a command that reads it (Node builds process.stdin on first use). */
const streams = {
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
};

runCli(process.argv.slice(2), streams).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`mailbag: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
