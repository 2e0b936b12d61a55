/**
 * The built command line's entry file (out/electron/cli.cjs): it runs the command line's bundle
 * (cli-main.cjs, beside it) from V8's code cache (code-cache.ts). The bundle's cache is written as the
 * process exits, so it holds the functions the run compiled, not only the top level; a cache written by
 * a run that ran no command (`--version`, `--help`) is written again by the next run that does, as the
 * bundle loads a command and the services it opens only to run it, and a cache written by a command
 * that wired no services on first use (`list`) is written again by the first that does.
 */
import path from 'node:path';
import { markPhase } from '../jobs/phase-marks';
import { runWithCodeCache } from './code-cache';

/** File name of the command line's bundle, beside this launcher. */
const BUNDLE_FILE = 'cli-main.cjs';

markPhase('node started');
runWithCodeCache(path.join(__dirname, BUNDLE_FILE), 'at-exit');
