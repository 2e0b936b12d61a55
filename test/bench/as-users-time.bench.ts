/**
 * Send/Receive timed the way a user times it, next to mpop, in the same run, against the same real
 * Dovecot on 127.0.0.1 (plaintext POP3, mail kept on the server), in both scenarios: 2,000 messages of
 * typical sizes (~180 MB) and 10,000 small ones (~73 MB). Per repetition, from an empty destination:
 *   - the server's ceiling: every message retrieved pipelined over a plain socket and discarded
 *     (server-ceiling.ts), which no client can beat on the same connection;
 *   - mpop delivering into a maildir (its process, start to exit);
 *   - "Listed": `mailbag receive` as a whole process (node start included) until it exits, when every
 *     message is durable and listed with sender, subject, date, size and attachment flag (checked
 *     afterwards, untimed, in the database); it runs with MAILBAG_PROFILE_PHASES=1, so it also says
 *     when each of its steps was reached (ms since its start), printed as a phase breakdown;
 *   - "Searchable": that, plus `mailbag search` as a second process, which first brings the full-text
 *     index up to date; every new message must then be found (checked afterwards, untimed);
 *   - "Checked again": mpop and `mailbag receive` run once more on what they just received, with
 *     nothing new on the server (what every later Send/Receive of a mailbox kept on the server is):
 *     signing in, listing every message and finding each one known;
 *   - the receive engine alone, inside this process (`receiveAccount`): the earlier measure, kept as a
 *     second table.
 * Then, once: `mailbag list --limit 50` on a profile of 100,000 messages (process start included), each
 * run followed by Node alone (`node -e ""`) for the part of the start-up that is Node's own.
 * Medians are printed as tables with the ratio to mpop (the ceiling's too: when it is above a goal's
 * ratio, no client reaches that goal on this machine), then the processor time of the same runs (GNU
 * time for the command-line processes, where installed), and as JSON lines. Nothing is asserted.
 *
 *   npm run build && node --import tsx test/bench/as-users-time.bench.ts
 *   MAILBAG_BENCH_SCALE=0.1 MAILBAG_BENCH_REPETITIONS=1 node --import tsx test/bench/as-users-time.bench.ts
 *   MAILBAG_BENCH_SCENARIOS=small MAILBAG_BENCH_LIST_PROFILE=0 …   (one scenario, no 100,000-message profile)
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { receiveAccount } from '../../electron/jobs/receive/receive-account';
import { openDatabase } from '../../electron/storage/database';
import { openMessageStore, RAW_DIRECTORY_NAME } from '../../electron/storage/message-store';
import { startDovecot, type DovecotServer } from '../servers/dovecot';
import { TEST_MAIL_SIZES, TYPICAL_MAIL_SIZES, type SizeBand } from '../servers/maildir';
import { runMpop } from '../servers/mpop';
import { buildListProfile } from './list-profile';
import { measureServerCeiling } from './server-ceiling';
import { PHASE_MARK_PREFIX, PROFILE_PHASES_VARIABLE } from '../../electron/jobs/phase-marks';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'out', 'electron', 'cli.cjs');
/** Multiplies both scenarios' message counts (0.1 for a quick run while developing). */
const SCALE = Number(process.env['MAILBAG_BENCH_SCALE'] ?? 1);
const REPETITIONS = Number(process.env['MAILBAG_BENCH_REPETITIONS'] ?? 3);
const SCENARIO_FILTER = process.env['MAILBAG_BENCH_SCENARIOS'];
const LIST_PROFILE_MESSAGES = Number(process.env['MAILBAG_BENCH_LIST_PROFILE'] ?? 100_000);
const LIST_RUNS = 5;
const SEED = 2028;
const MEGABYTE = 1024 * 1024;
const ACCOUNT = 'Bench';
/** Every generated message is addressed to the test user, so this finds them all once indexed. */
const QUERY = 'example';
/** No keychain in a benchmark: the password comes on standard input; no D-Bus is contacted. */
const ENV = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/mailbag-bench-bus' };

interface Scenario {
  readonly name: 'mixed' | 'small';
  readonly label: string;
  readonly count: number;
  readonly sizes: readonly SizeBand[];
}

const ALL_SCENARIOS: readonly Scenario[] = [
  { name: 'mixed', label: 'mixed sizes', count: Math.max(1, Math.round(2_000 * SCALE)), sizes: TYPICAL_MAIL_SIZES },
  { name: 'small', label: 'small', count: Math.max(1, Math.round(10_000 * SCALE)), sizes: TEST_MAIL_SIZES.slice(0, 1) },
];
const SCENARIOS = ALL_SCENARIOS.filter((scenario) => SCENARIO_FILTER === undefined || SCENARIO_FILTER.split(',').includes(scenario.name));

interface Timings {
  ceiling: number[];
  mpop: number[];
  listed: number[];
  searchable: number[];
  /** The same again with nothing new: mpop, and `mailbag receive` (wall and processor time). */
  mpopAgain: number[];
  again: number[];
  againCpu: number[];
  engine: number[];
  /** Processor time of `mailbag receive`, and of it plus `mailbag search` (empty without GNU time). */
  listedCpu: number[];
  searchableCpu: number[];
  /** Processor time of this process while the engine ran alone. */
  engineCpu: number[];
  /** Per `mailbag receive` run: each step it marked, with its milliseconds since the process started. */
  phases: Array<ReadonlyMap<string, number>>;
}

/**
 * GNU time, when installed, reports each command's processor time (user + system, all its threads):
 * on a machine others load, wall time stretches but processor time barely does, so it is printed too.
 */
const GNU_TIME = '/usr/bin/time';

/** User + system milliseconds GNU time wrote to `file`, or undefined when it wrote none. */
async function cpuMsFrom(file: string): Promise<number | undefined> {
  const fields = (await readFile(file, 'utf8').catch(() => '')).trim().split(/\s+/).slice(-2).map(Number);
  const [user, system] = fields;
  return user === undefined || system === undefined || Number.isNaN(user) || Number.isNaN(system) ? undefined : Math.round((user + system) * 1000);
}

/**
 * Runs the built command line; resolves with its wall time (process start to exit) and, where GNU time
 * is installed, its processor time. `accepted` are the exit codes taken as success.
 */
function mailbag(
  args: readonly string[],
  input = '',
  accepted: readonly number[] = [0],
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<{ ms: number; cpuMs: number | undefined; out: string; err: string }> {
  return node([CLI, ...args], input, accepted, extraEnv);
}

/** Runs Node with `args` in the benchmark's environment, timed as `mailbag` is. */
async function node(
  args: readonly string[],
  input = '',
  accepted: readonly number[] = [0],
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<{ ms: number; cpuMs: number | undefined; out: string; err: string }> {
  const timeFile = existsSync(GNU_TIME) ? path.join(os.tmpdir(), `mailbag-bench-time-${process.pid}`) : undefined;
  const command = timeFile === undefined ? [process.execPath, ...args] : [GNU_TIME, '-f', '%U %S', '-o', timeFile, process.execPath, ...args];
  const started = performance.now();
  const child = spawn(command[0] ?? process.execPath, command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], env: { ...ENV, ...extraEnv } });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  child.stdin.end(input);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  const ms = performance.now() - started;
  if (code === null || !accepted.includes(code)) throw new Error(`node ${args.join(' ')} exited with ${String(code)}: ${err.trim()}`);
  const cpuMs = timeFile === undefined ? undefined : await cpuMsFrom(timeFile);
  if (timeFile !== undefined) await rm(timeFile, { force: true });
  return { ms, cpuMs, out, err };
}

async function freshDirectory(work: string, name: string): Promise<string> {
  const directory = path.join(work, name);
  await rm(directory, { recursive: true, force: true });
  await mkdir(directory, { recursive: true });
  spawnSync('sync');
  return directory;
}

async function addAccount(server: DovecotServer, profile: string): Promise<void> {
  await mailbag(
    [
      '--profile',
      profile,
      'account',
      'add',
      '--name',
      ACCOUNT,
      '--email',
      `${server.user}@example.net`,
      '--pop3',
      `${server.host}:${server.port}`,
      '--pop3-security',
      'none',
      '--allow-insecure',
      '--pop3-user',
      server.user,
      '--smtp',
      `${server.host}:1`,
      '--smtp-security',
      'none',
      '--leave-on-server',
      'forever',
      '--password-stdin',
    ],
    `${server.password}\n`,
    // The outgoing server is a closed port (nothing is sent), so the account is saved with its
    // sending unchecked: exit code 3 (partly done), which is all a receive benchmark needs.
    [0, 3],
  );
}

/** Checks, untimed, what the timed commands promised: every message listed with its columns, or also indexed. */
function check(profile: string, count: number, what: 'listed' | 'searchable'): void {
  const database = openDatabase(path.join(profile, 'mailbag.sqlite'));
  try {
    const listed = (
      database
        .prepare(
          `select count(*) as n from messages m join folders f on f.id = m.folder_id
       where f.role = 'inbox' and m.subject is not null and m.from_address is not null and m.date is not null and m.size > 0`,
        )
        .get() as { n: number }
    ).n;
    if (listed !== count) throw new Error(`${listed} of ${count} messages listed with their columns`);
    if (what === 'searchable') {
      const found = (database.prepare('select count(*) as n from message_search where message_search match ?').get(QUERY) as { n: number }).n;
      if (found !== count) throw new Error(`search finds ${found} of ${count} messages`);
    }
  } finally {
    database.close();
  }
}

async function runCli(server: DovecotServer, work: string, scenario: Scenario, timings: Timings): Promise<void> {
  const profile = await freshDirectory(work, 'mailbag-cli');
  await addAccount(server, profile);
  spawnSync('sync');
  const receive = await mailbag(['--profile', profile, 'receive', '--account', ACCOUNT, '--password-stdin'], `${server.password}\n`, [0], {
    [PROFILE_PHASES_VARIABLE]: '1',
  });
  timings.phases.push(phaseMarks(receive.err, receive.ms));
  check(profile, scenario.count, 'listed');
  const search = await mailbag(['--profile', profile, 'search', QUERY, '--limit', '1']);
  check(profile, scenario.count, 'searchable');
  const again = await mailbag(['--profile', profile, 'receive', '--account', ACCOUNT, '--password-stdin', '--json'], `${server.password}\n`);
  const newMail = againNewMessages(again.out);
  if (newMail !== 0) throw new Error(`the check again received ${newMail} messages`);
  check(profile, scenario.count, 'searchable');
  timings.listed.push(receive.ms);
  timings.searchable.push(receive.ms + search.ms);
  timings.again.push(again.ms);
  if (again.cpuMs !== undefined) timings.againCpu.push(again.cpuMs);
  if (receive.cpuMs !== undefined && search.cpuMs !== undefined) {
    timings.listedCpu.push(receive.cpuMs);
    timings.searchableCpu.push(receive.cpuMs + search.cpuMs);
  }
}

/** New messages in the summary `mailbag receive --json` ends with (its last line). */
function againNewMessages(out: string): number {
  const summary = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { accounts?: Array<{ status?: string; summary?: { newMessages?: number } }> };
  const account = summary.accounts?.[0];
  if (summary.accounts?.length !== 1 || account?.status !== 'completed') throw new Error(`unexpected receive summary: ${out.slice(-300)}`);
  return account.summary?.newMessages ?? Number.NaN;
}

async function runEngine(server: DovecotServer, work: string, scenario: Scenario): Promise<{ ms: number; cpuMs: number }> {
  const directory = await freshDirectory(work, 'mailbag-engine');
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const database = openDatabase(path.join(directory, 'mailbag.sqlite'));
  database.prepare("insert into accounts (id, name, email, created_at) values ('bench', 'Bench', 'bench@example.com', 1)").run();
  const store = await openMessageStore({ database, rawDirectory: path.join(directory, RAW_DIRECTORY_NAME) });
  store.ensureDefaultFolders('bench');
  try {
    const outcome = await receiveAccount({
      accountId: 'bench',
      store,
      connection: { host: server.host, port: server.port, security: 'none', allowInsecureAuth: true },
      credentials: { username: server.user, password: server.password },
      policy: { leaveOnServer: { mode: 'forever' }, headersOnly: false, sizeLimitBytes: null },
    });
    if (outcome.status !== 'completed' || outcome.summary.newMessages !== scenario.count) throw new Error(`engine: ${JSON.stringify(outcome)}`);
  } finally {
    await store.close();
    database.close();
  }
  const cpu = process.cpuUsage(cpuBefore);
  return { ms: performance.now() - started, cpuMs: Math.round((cpu.user + cpu.system) / 1000) };
}

/** A line `mailbag receive` writes for each step with MAILBAG_PROFILE_PHASES=1: ms since its start, thread, step. */
const PHASE_LINE = new RegExp(`^${PHASE_MARK_PREFIX} ([\\d.]+) (main|worker) (.+)$`);
/** Steps marked once per batch: of these only the first and the last are kept. */
const PER_BATCH_STEPS = new Set(['batch downloaded', 'batch committed']);

/**
 * The steps `mailbag receive` marked on its standard error, by name, in milliseconds since it started;
 * `wall` is the whole process as timed here (spawn to exit).
 */
function phaseMarks(stderr: string, wall: number): ReadonlyMap<string, number> {
  const marks = new Map<string, number>();
  for (const line of stderr.split('\n')) {
    const match = PHASE_LINE.exec(line);
    if (match === null) continue;
    const ms = Number(match[1]);
    const step = (match[3] ?? '').replace(/ \d+\/\d+$/, '');
    const name = `${match[2] ?? ''}: ${step}`;
    if (PER_BATCH_STEPS.has(step)) {
      if (!marks.has(`${name} (first)`)) marks.set(`${name} (first)`, ms);
      marks.set(`${name} (last)`, ms);
    } else if (!marks.has(name)) marks.set(name, ms);
  }
  marks.set('process ended (as timed by the benchmark)', wall);
  return marks;
}

/** Step name → median milliseconds over the runs, in the order of the medians. */
function medianPhases(runs: ReadonlyArray<ReadonlyMap<string, number>>): Array<[string, number]> {
  const names = new Set(runs.flatMap((run) => [...run.keys()]));
  const medians = [...names].map((name): [string, number] => [name, median(runs.flatMap((run) => run.get(name) ?? []))]);
  return medians.sort((left, right) => left[1] - right[1]);
}

/** mpop into a fresh maildir, then once more into the same one (nothing new): both wall times. */
async function runMpopTwice(server: DovecotServer, work: string, scenario: Scenario): Promise<{ first: number; again: number }> {
  const directory = await freshDirectory(work, 'mpop');
  const options = { host: server.host, port: server.port, user: server.user, password: server.password, security: 'plain', directory } as const;
  const first = await runMpop(options);
  if (first.deliveredCount !== scenario.count) throw new Error(`mpop delivered ${first.deliveredCount} of ${scenario.count}`);
  const again = await runMpop({ ...options, onlyNew: true });
  if (again.deliveredCount !== scenario.count) throw new Error(`mpop's check again left ${again.deliveredCount} of ${scenario.count}`);
  return { first: first.durationMs, again: again.durationMs };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

async function runScenario(scenario: Scenario): Promise<{ scenario: Scenario; bytes: number; timings: Timings }> {
  const server = await startDovecot();
  const work = await mkdtemp(path.join(os.tmpdir(), 'mailbag-bench-user-'));
  try {
    const messages = await server.generateMessages({ count: scenario.count, seed: SEED, sizes: scenario.sizes });
    const bytes = messages.reduce((sum, message) => sum + message.pop3Size, 0);
    console.log(`${scenario.label}: ${scenario.count} messages, ${(bytes / MEGABYTE).toFixed(1)} MiB; ${REPETITIONS} repetition(s) after a warm-up.`);
    const empty = (): Timings => ({
      ceiling: [],
      mpop: [],
      listed: [],
      searchable: [],
      mpopAgain: [],
      again: [],
      againCpu: [],
      engine: [],
      listedCpu: [],
      searchableCpu: [],
      engineCpu: [],
      phases: [],
    });
    const timings = empty();
    const warmUp = empty();
    for (let repetition = 0; repetition <= REPETITIONS; repetition += 1) {
      const into = repetition === 0 ? warmUp : timings;
      const ceiling = await measureServerCeiling(server, scenario.count);
      if (ceiling.messages !== scenario.count) throw new Error(`the ceiling run retrieved ${ceiling.messages} of ${scenario.count}`);
      into.ceiling.push(ceiling.ms);
      const mpop = await runMpopTwice(server, work, scenario);
      into.mpop.push(mpop.first);
      into.mpopAgain.push(mpop.again);
      await runCli(server, work, scenario, into);
      const engine = await runEngine(server, work, scenario);
      into.engine.push(engine.ms);
      into.engineCpu.push(engine.cpuMs);
    }
    return { scenario, bytes, timings };
  } finally {
    await rm(work, { recursive: true, force: true });
    await server.stop();
  }
}

/** Start-up of the command line on a large profile, and of Node itself in the same environment. */
interface ListStartup {
  /** `mailbag list --limit 50`: wall and processor time. */
  readonly ms: number;
  readonly cpuMs: number | undefined;
  /** Node alone (`node -e ""`), timed between the list runs: the part of the start-up that is Node's own. */
  readonly nodeMs: number;
  readonly nodeCpuMs: number | undefined;
}

/**
 * `mailbag list --limit 50` on a large profile, process start included (medians of a few runs): wall
 * time and, where GNU time is installed, processor time; each run is followed by a run of Node alone,
 * so the table shows what Node's own start costs on this machine (environment variables such as
 * NODE_EXTRA_CA_CERTS make every Node process read files before it runs any code).
 */
async function timeListStartup(): Promise<ListStartup | undefined> {
  if (LIST_PROFILE_MESSAGES <= 0) return undefined;
  const profile = await mkdtemp(path.join(os.tmpdir(), 'mailbag-bench-list-'));
  try {
    await buildListProfile(profile, LIST_PROFILE_MESSAGES);
    const times: number[] = [];
    const cpuTimes: number[] = [];
    const nodeTimes: number[] = [];
    const nodeCpuTimes: number[] = [];
    for (let run = 0; run <= LIST_RUNS; run += 1) {
      const { ms, cpuMs, out } = await mailbag(['--profile', profile, 'list', '--limit', '50']);
      // The total is written in the language's digit grouping (100,000): compared without separators.
      const total = out.replace(/(\d)[,.\u00a0\u202f](?=\d{3})/g, '$1');
      if (!total.includes(`of ${LIST_PROFILE_MESSAGES}`)) throw new Error(`unexpected list output: ${out.slice(-200)}`);
      const alone = await node(['-e', '']);
      if (run === 0) continue;
      times.push(ms);
      nodeTimes.push(alone.ms);
      if (cpuMs !== undefined) cpuTimes.push(cpuMs);
      if (alone.cpuMs !== undefined) nodeCpuTimes.push(alone.cpuMs);
    }
    const medianOrNothing = (values: readonly number[]): number | undefined => (values.length === 0 ? undefined : median(values));
    return { ms: median(times), cpuMs: medianOrNothing(cpuTimes), nodeMs: median(nodeTimes), nodeCpuMs: medianOrNothing(nodeCpuTimes) };
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error('The command line is not built: run `npm run build` first.');
  console.log(
    `Load: ${os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' ')} on ${os.cpus().length} cores.`,
  );
  const results = [];
  for (const scenario of SCENARIOS) results.push(await runScenario(scenario));
  const list = await timeListStartup();

  console.log('\nAs users time it (whole processes; medians)\n');
  console.log(
    '| scenario | server ceiling ms | × mpop | mpop ms | Listed ms | × mpop (goal ≤ 0.6) | Searchable ms | × mpop (goal ≤ 1.0) |\n| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const { scenario, timings } of results) {
    const ceiling = median(timings.ceiling);
    const mpop = median(timings.mpop);
    const listed = median(timings.listed);
    const searchable = median(timings.searchable);
    console.log(
      `| ${scenario.count} ${scenario.label} | ${ceiling.toFixed(0)} | ${(ceiling / mpop).toFixed(2)} | ${mpop.toFixed(0)} | ${listed.toFixed(0)} | ${(listed / mpop).toFixed(2)} | ${searchable.toFixed(0)} | ${(searchable / mpop).toFixed(2)} |`,
    );
  }
  console.log('\nChecked again, nothing new: the same mailbox once more, every message already here (whole processes; medians)\n');
  console.log('| scenario | mpop ms | `mailbag receive` ms | × mpop | processor time ms |\n| --- | --- | --- | --- | --- |');
  for (const { scenario, timings } of results) {
    const mpop = median(timings.mpopAgain);
    const again = median(timings.again);
    const cpu = timings.againCpu.length === 0 ? 'n/a' : median(timings.againCpu).toFixed(0);
    console.log(`| ${scenario.count} ${scenario.label} | ${mpop.toFixed(0)} | ${again.toFixed(0)} | ${(again / mpop).toFixed(2)} | ${cpu} |`);
  }
  for (const { scenario, timings } of results) {
    console.log(`\n\`mailbag receive\`, ${scenario.count} ${scenario.label}: when each step was reached (ms since the process started; medians)\n`);
    console.log('| step | ms |\n| --- | --- |');
    for (const [name, ms] of medianPhases(timings.phases)) console.log(`| ${name} | ${ms.toFixed(0)} |`);
  }
  console.log('\nReceive engine alone, in-process (medians)\n');
  console.log('| scenario | mpop ms | engine ms | × mpop |\n| --- | --- | --- | --- |');
  for (const { scenario, timings } of results) {
    const mpop = median(timings.mpop);
    const engine = median(timings.engine);
    console.log(`| ${scenario.count} ${scenario.label} | ${mpop.toFixed(0)} | ${engine.toFixed(0)} | ${(engine / mpop).toFixed(2)} |`);
  }
  console.log('\nProcessor time, user + system of every thread (medians; load from others barely stretches it)\n');
  console.log('| scenario | Listed CPU ms | Searchable CPU ms | engine CPU ms |\n| --- | --- | --- | --- |');
  for (const { scenario, timings } of results) {
    const cpu = (values: readonly number[]): string => (values.length === 0 ? 'n/a' : median(values).toFixed(0));
    console.log(`| ${scenario.count} ${scenario.label} | ${cpu(timings.listedCpu)} | ${cpu(timings.searchableCpu)} | ${cpu(timings.engineCpu)} |`);
  }
  if (list !== undefined)
    console.log(
      `\nStartup: \`mailbag list --limit 50\` on ${LIST_PROFILE_MESSAGES} messages: ${list.ms.toFixed(0)} ms (goal < 300 ms)` +
        `${list.cpuMs === undefined ? '' : `, processor time ${list.cpuMs.toFixed(0)} ms`}, medians of ${LIST_RUNS}. ` +
        `Node alone (\`node -e ""\`, same environment) in between: ${list.nodeMs.toFixed(0)} ms` +
        `${list.nodeCpuMs === undefined ? '' : `, processor time ${list.nodeCpuMs.toFixed(0)} ms`}.`,
    );
  console.log(
    JSON.stringify({
      benchmark: 'as-users-time',
      scale: SCALE,
      load: os.loadavg(),
      scenarios: results.map(({ scenario, bytes, timings }) => {
        const mpop = median(timings.mpop);
        return {
          scenario: scenario.name,
          messages: scenario.count,
          bytes,
          ceilingMs: Math.round(median(timings.ceiling)),
          ceilingRatio: Number((median(timings.ceiling) / mpop).toFixed(3)),
          mpopMs: Math.round(mpop),
          listedMs: Math.round(median(timings.listed)),
          listedRatio: Number((median(timings.listed) / mpop).toFixed(3)),
          searchableMs: Math.round(median(timings.searchable)),
          searchableRatio: Number((median(timings.searchable) / mpop).toFixed(3)),
          mpopAgainMs: Math.round(median(timings.mpopAgain)),
          againMs: Math.round(median(timings.again)),
          againRatio: Number((median(timings.again) / median(timings.mpopAgain)).toFixed(3)),
          againCpuMs: timings.againCpu.length === 0 ? null : Math.round(median(timings.againCpu)),
          engineMs: Math.round(median(timings.engine)),
          listedCpuMs: timings.listedCpu.length === 0 ? null : Math.round(median(timings.listedCpu)),
          searchableCpuMs: timings.searchableCpu.length === 0 ? null : Math.round(median(timings.searchableCpu)),
          engineCpuMs: Math.round(median(timings.engineCpu)),
          engineRatio: Number((median(timings.engine) / mpop).toFixed(3)),
          phasesMs: Object.fromEntries(medianPhases(timings.phases).map(([name, ms]) => [name, Math.round(ms)])),
        };
      }),
      listStartupMs: list === undefined ? null : Math.round(list.ms),
      listStartupCpuMs: list?.cpuMs === undefined ? null : Math.round(list.cpuMs),
      nodeStartupMs: list === undefined ? null : Math.round(list.nodeMs),
      nodeStartupCpuMs: list?.nodeCpuMs === undefined ? null : Math.round(list.nodeCpuMs),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
