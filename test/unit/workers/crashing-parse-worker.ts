/**
 * The parse worker for tests, except that it dies on its first request while
 * MAILBAG_TEST_PARSE_CRASH is 1 when it starts (a worker thread gets a copy of the environment):
 * the real worker takes the request, and this listener, called after it, ends the thread before the
 * answer is sent.
 */
import { parentPort } from 'node:worker_threads';
import '../../../electron/workers/parse-worker';

if (process.env.MAILBAG_TEST_PARSE_CRASH === '1') parentPort?.once('message', () => process.exit(3));
