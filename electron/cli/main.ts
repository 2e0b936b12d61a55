import { markPhase, phaseMarksEnabled } from '../jobs/phase-marks';
import { runCli } from './run';

if (phaseMarksEnabled()) process.once('exit', () => markPhase('exit'));

runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`mailbag: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
