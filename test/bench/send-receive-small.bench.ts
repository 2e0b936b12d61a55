/**
 * The 10,000-small-messages case of the Send/Receive benchmark (see send-receive.bench.ts), so that
 * `npm run bench` measures both sizes against mpop in every run.
 */
process.env['MAILBAG_BENCH_MESSAGES'] ??= '10000';
process.env['MAILBAG_BENCH_SMALL'] = '1';
void import('./send-receive.bench');
