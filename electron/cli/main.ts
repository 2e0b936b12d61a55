import { markPhase, phaseMarksEnabled } from '../jobs/phase-marks';
import { runCli } from './run';

if (phaseMarksEnabled()) process.once('exit', () => markPhase('exit'));

/**
 * Once the command is done and everything it wrote has reached its reader (the event loop is empty),
 * the process ends at once: Node's own teardown after that point frees the heap piece by piece, which
 * took tens of milliseconds after a receive. Handlers of 'exit' still run (the code cache is written
 * there); the core was closed by the command itself.
 */
process.once('beforeExit', (code) => process.exit(code));

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
