/**
 * `mailbag receive` end to end: accounts saved through the account service (passwords in a fake
 * keychain), fake POP3 servers on 127.0.0.1, the real Send/Receive workers, then the summary, the
 * store and the exit code: 0 all received, 4 busy, 3 one failed, 1 all failed, Ctrl-C cancels.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CommandContext } from '../../../electron/cli/command';
import { createReceiveCommand, type InterruptSource } from '../../../electron/cli/commands/receive';
import { searchCommand } from '../../../electron/cli/commands/search';
import { runCli } from '../../../electron/cli/run';
import { createCore } from '../../../electron/main/core';
import { silentLogger } from '../../../electron/services/logger';
import { memoryKeychain } from '../../fakes/memory-keychain';
import { FakePop3Server } from '../../fakes/pop3-server';
import { answerWith, stallAfterOk } from '../../fakes/pop3/faults';
import { refuseMailWhile, startFakeSmtpServer } from '../../fakes/smtp-server';
import { captureOutput, loopbackAccount, NO_KEYCHAIN_ENV, runCommand } from '../../support/cli';
import { testMessage } from '../../unit/jobs/receive/support';

/** How often a test looks again for what it waits for. */
const POLL_MS = 20;
const USER = 'ann';
const PASSWORD = 'pop-secret';
const ROOT = path.resolve(__dirname, '..', '..', '..');
/** Bound on the `mailbag` process of the SIGINT test. */
const PROCESS_TIMEOUT_MS = 30_000;

/** Ctrl-C under the test's control. */
function testInterrupts(): { source: InterruptSource; press: () => void } {
  let listener: (() => void) | undefined;
  return {
    source: (next) => {
      listener = next;
      return () => (listener = undefined);
    },
    press: () => listener?.(),
  };
}

/** The command line's output, with a standard input that ends after `input` (or stays open without it). */
function capture(input?: string) {
  return captureOutput({ stdin: input === undefined ? {} : { text: input } });
}

async function maildrop(first: number, count: number): Promise<FakePop3Server> {
  const messages = [];
  for (let index = first; index < first + count; index += 1) messages.push({ uid: `uid-${index}`, body: testMessage(index) });
  return FakePop3Server.start({ users: { [USER]: PASSWORD }, messages });
}

// Each test is bounded by the runner's timeout per test: one bound on the whole suite (ten runs of the
// workers) cancelled its last tests on a loaded machine.
describe('mailbag receive', () => {
  let scratch: string;
  const servers: FakePop3Server[] = [];

  before(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-receive-'));
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  /** A profile with one account per server, saved (and signed in) through the account service. */
  async function profileWith(accounts: ReadonlyArray<{ name: string; server: FakePop3Server; smtpPort?: number; includeInSendReceive?: boolean }>) {
    const profile = mkdtempSync(path.join(scratch, 'profile-'));
    const keychain = memoryKeychain();
    const ids = new Map<string, string>();
    const core = await createCore({ profileDir: profile, logger: silentLogger, keychain });
    try {
      for (const { name, server, smtpPort, includeInSendReceive } of accounts) {
        const settings = loopbackAccount({
          name,
          address: `${name.toLowerCase()}@example.com`,
          user: USER,
          pop3: server,
          ...(smtpPort === undefined ? {} : { smtpPort }),
          policy: { includeInSendReceive: includeInSendReceive ?? true },
        });
        const { account } = await core.accounts.save({ settings, pop3Password: PASSWORD });
        ids.set(name, account.id);
      }
    } finally {
      await core.close();
    }
    const run = async (args: string[], options: { json?: boolean; interrupts?: InterruptSource; input?: string } = {}) => {
      const io = capture(options.input);
      const context: CommandContext = {
        streams: io.streams,
        json: options.json === true,
        profileDir: profile,
        // The command's own choices (one account on its own thread) apply, as in the real command line.
        openCore: (options = {}) => createCore({ profileDir: profile, logger: silentLogger, keychain, ...options }),
      };
      const code = await createReceiveCommand(options.interrupts ?? (() => () => undefined)).run(args, context);
      return { code, out: io.out(), err: io.err() };
    };
    const inspect = async <T>(look: (core: Awaited<ReturnType<typeof createCore>>) => T | Promise<T>): Promise<T> => {
      const core = await createCore({ profileDir: profile, logger: silentLogger, keychain });
      try {
        return await look(core);
      } finally {
        await core.close();
      }
    };
    const idOf = (name: string): string => ids.get(name) ?? assert.fail(`no account ${name}`);
    return { profile, run, inspect, idOf };
  }

  async function servers2(counts: readonly [number, number]): Promise<[FakePop3Server, FakePop3Server]> {
    const home = await maildrop(1, counts[0]);
    const work = await maildrop(100, counts[1]);
    servers.push(home, work);
    return [home, work];
  }

  test('every account at once: summary per account, mail stored and indexed, servers emptied, exit 0', async () => {
    const [home, work] = await servers2([3, 2]);
    const { run, inspect } = await profileWith([
      { name: 'Home', server: home },
      { name: 'Work', server: work },
    ]);
    const result = await run([]);
    assert.equal(result.code, 0, result.out + result.err);
    assert.match(result.out, /^Home: 3 new; deleted on the server: 3 after download$/m);
    assert.match(result.out, /^Work: 2 new; deleted on the server: 2 after download$/m);
    assert.match(result.err, /^Home: connecting$/m);
    assert.match(result.err, /^Home: downloading 3\/3 \(100%\)$/m, 'plain progress lines without a terminal');
    assert.equal(home.messages.length + work.messages.length, 0);
    const subjects = await inspect((core) =>
      core.accounts.list().flatMap((account) => {
        const inbox = core.store.listFolders(account.id).find((folder) => folder.role === 'inbox');
        return inbox === undefined ? [] : core.store.listMessages(inbox.id).messages.map((message) => message.subject);
      }),
    );
    assert.deepEqual(subjects.sort(), ['Message 1', 'Message 100', 'Message 101', 'Message 2', 'Message 3'], 'indexed after receiving');

    const again = await run(['--account', 'Home']);
    assert.equal(again.code, 0);
    assert.equal(again.out, 'Home: no new mail\n');
  });

  test('receive ends once mail is listed; the next search indexes whatever is pending and finds every message', async () => {
    const [home] = await servers2([4, 0]);
    const { run, inspect, profile, idOf } = await profileWith([{ name: 'Home', server: home }]);
    assert.equal((await run(['--account', 'Home'])).code, 0);
    const listed = await inspect((core) => {
      const inbox = core.store.listFolders(core.accounts.list()[0]?.id ?? '').find((folder) => folder.role === 'inbox');
      return core.store.listMessages(inbox?.id ?? -1).messages.map((message) => [message.subject, message.from?.address]);
    });
    assert.deepEqual(
      listed.sort(),
      [1, 2, 3, 4].map((index) => [`Message ${index}`, `sender${index}@example.org`]),
      'listed with their columns',
    );
    const writer = await createCore({ profileDir: profile, logger: silentLogger, keychain: memoryKeychain() });
    try {
      await writer.store.addMessage({ accountId: idOf('Home'), folder: 'inbox' }, testMessage(99));
    } finally {
      await writer.close();
    }
    // A message stored but never indexed, as after a crash: the search catches up with it too.
    const openCore = () => createCore({ profileDir: profile, logger: silentLogger, keychain: memoryKeychain() });
    const searched = await runCommand(searchCommand, ['of', 'message', '--limit', '50'], { json: true, profileDir: profile, openCore });
    assert.equal(searched.code, 0, searched.err);
    const found = (JSON.parse(searched.out) as { messages: Array<{ subject: string }> }).messages.map((message) => message.subject).sort();
    assert.deepEqual(found, ['Message 1', 'Message 2', 'Message 3', 'Message 4', 'Message 99']);
  });

  test('--json: JSON lines of progress, then one summary document', async () => {
    const [home, work] = await servers2([2, 1]);
    const { run } = await profileWith([
      { name: 'Home', server: home },
      { name: 'Work', server: work },
    ]);
    const result = await run([], { json: true });
    assert.equal(result.code, 0, result.err);
    const lines = result.out
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            type: string;
            account?: string;
            phase?: string;
            accounts?: Array<{ name: string; status: string; summary: { newMessages: number } }>;
            exitCode?: number;
          },
      );
    assert.ok(lines.slice(0, -1).every((line) => line.type === 'progress'));
    assert.ok(lines.some((line) => line.account === 'Work' && line.phase === 'downloading'));
    const summary = lines.at(-1);
    assert.equal(summary?.type, 'summary');
    assert.equal(summary?.exitCode, 0);
    assert.deepEqual(summary?.accounts?.map((account) => [account.name, account.status, account.summary.newMessages]).sort(), [
      ['Home', 'completed', 2],
      ['Work', 'completed', 1],
    ]);
  });

  test('a busy mailbox ([IN-USE]) is "retry at HH:MM" and exit 4', async () => {
    const [home, work] = await servers2([2, 2]);
    const { run } = await profileWith([
      { name: 'Home', server: home },
      { name: 'Work', server: work },
    ]);
    answerWith(home, 'PASS', '-ERR [IN-USE] Mailbox is locked by another session');
    answerWith(home, 'AUTH', '-ERR [IN-USE] Mailbox is locked by another session');
    const result = await run(['--account', 'Home']);
    assert.equal(result.code, 4, result.out + result.err);
    // The time in the locale's short form (English here); a retry that falls on the next day (a run
    // just before midnight) carries its date too.
    assert.match(result.out, /^Home: busy — another program is checking this mailbox; retry at (?:\d+\/\d+\/\d+, )?\d{1,2}:\d\d [AP]M$/m);
    assert.equal(home.messages.length, 2);
  });

  test('one account received, one failed: both summaries, the error on stderr, exit 3; all failed: exit 1', async () => {
    const [home, work] = await servers2([2, 2]);
    const { run } = await profileWith([
      { name: 'Home', server: home },
      { name: 'Work', server: work },
    ]);
    answerWith(work, 'PASS', '-ERR [AUTH] Invalid login');
    answerWith(work, 'AUTH', '-ERR [AUTH] Invalid login');
    const result = await run([]);
    assert.equal(result.code, 3, result.out + result.err);
    assert.match(result.out, /^Home: 2 new; deleted on the server: 2 after download$/m);
    assert.match(result.out, /^Work: failed — AUTH_FAILED: /m);
    assert.match(result.err, /^mailbag: AUTH_FAILED: Work: /m);
    assert.equal(work.messages.length, 2);

    const failedOnly = await run(['--account', 'Work']);
    assert.equal(failedOnly.code, 1);
  });

  test('no saved password: PASSWORD_NEEDED in plain words; --password-stdin supplies it', async () => {
    const [home] = await servers2([1, 0]);
    const { run, profile } = await profileWith([{ name: 'Home', server: home }]);
    // runCli's core uses the system keychain, which is unreachable here: no saved password.
    const io = capture();
    const needed = await runCli(['--profile', profile, 'receive'], io.streams, NO_KEYCHAIN_ENV);
    assert.equal(needed, 1);
    assert.match(io.err(), /^mailbag: PASSWORD_NEEDED: Home: Mailbag has no saved password for “Home”/m);

    const piped = capture(`${PASSWORD}\n`);
    const code = await runCli(['--profile', profile, 'receive', '--account', 'Home', '--password-stdin'], piped.streams, NO_KEYCHAIN_ENV);
    assert.equal(code, 0, piped.err());
    assert.equal(piped.out(), 'Home: 1 new; deleted on the server: 1 after download\n');
    assert.ok(!piped.out().includes(PASSWORD) && !piped.err().includes(PASSWORD));
    assert.equal((await run(['--account', 'Home'])).out, 'Home: no new mail\n');
  });

  test('receive sends a message waiting out its retry delay at once: a Send/Receive asked for ignores the backoff', async () => {
    const home = await maildrop(1, 0);
    servers.push(home);
    let refuse = true;
    const smtp = await startFakeSmtpServer({
      auth: { user: USER, password: PASSWORD },
      handlers: { MAIL: refuseMailWhile(() => refuse) },
    });
    try {
      const { run, inspect, idOf } = await profileWith([{ name: 'Home', server: home, smtpPort: smtp.port }]);
      const entry = await inspect(async (core) => {
        const queued = await core.outbox.queue(idOf('Home'), { to: [{ address: 'bob@example.test' }], subject: 'Backoff', text: 'Hi.\n' });
        await core.outbox.flush({ accountId: idOf('Home') });
        return core.outbox.get(queued.id);
      });
      assert.equal(entry.state, 'retrying', entry.reason ?? '');
      assert.ok((entry.nextAttemptAt ?? 0) > Date.now() + 30_000, 'the next automatic try is about a minute away');
      refuse = false;
      const result = await run(['--account', 'Home']);
      assert.equal(result.code, 0, result.out + result.err);
      assert.equal(smtp.transactions.length, 1, 'sent now, not at the retry time');
      assert.equal((await inspect((core) => core.outbox.get(entry.id))).state, 'sent');
    } finally {
      await smtp.close();
    }
  });

  test('receive sends the Outbox only of the accounts taking part; --account sends the named one', async () => {
    const [home, work] = await servers2([0, 0]);
    const smtp = await startFakeSmtpServer({ auth: { user: USER, password: PASSWORD } });
    try {
      const { run, inspect, idOf } = await profileWith([
        { name: 'Home', server: home, smtpPort: smtp.port },
        { name: 'Work', server: work, smtpPort: smtp.port, includeInSendReceive: false },
      ]);
      const [homeEntry, workEntry] = await inspect(async (core) => [
        await core.outbox.queue(idOf('Home'), { to: [{ address: 'bob@example.test' }], subject: 'From home', text: 'Hi.\n' }),
        await core.outbox.queue(idOf('Work'), { to: [{ address: 'bob@example.test' }], subject: 'From work', text: 'Hi.\n' }),
      ]);
      const all = await run([]);
      assert.equal(all.code, 0, all.out + all.err);
      assert.deepEqual(
        smtp.transactions.map((transaction) => transaction.from),
        ['home@example.com'],
        'only the Outbox of the account taking part is sent',
      );
      assert.equal((await inspect((core) => core.outbox.get(homeEntry.id))).state, 'sent');
      assert.equal((await inspect((core) => core.outbox.get(workEntry.id))).state, 'queued', 'an account left out of Send/Receive keeps its Outbox');

      const named = await run(['--account', 'Work']);
      assert.equal(named.code, 0, named.out + named.err);
      assert.deepEqual(
        smtp.transactions.map((transaction) => transaction.from),
        ['home@example.com', 'work@example.com'],
      );
      assert.equal((await inspect((core) => core.outbox.get(workEntry.id))).state, 'sent', 'naming the account sends its Outbox');
    } finally {
      await smtp.close();
    }
  });

  test('SIGINT to a real mailbag process: cancelled, summary printed, exit 1', async () => {
    const [home] = await servers2([2, 0]);
    const { profile } = await profileWith([{ name: 'Home', server: home }]);
    stallAfterOk(home, 'RETR');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/cli/main.ts', '--profile', profile, 'receive', '--account', 'Home', '--password-stdin'],
      {
        cwd: ROOT,
        env: { ...process.env, ...NO_KEYCHAIN_ENV },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      // One Ctrl-C: a second one ends the process at once, by design.
      if (!interrupted && /Home: downloading/.test(stderr)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.stdin.end(`${PASSWORD}\n`);
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`mailbag receive did not end: ${stderr}`));
      }, PROCESS_TIMEOUT_MS);
      child.once('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    assert.equal(code, 1, stdout + stderr);
    assert.match(stderr, /Cancelling Send\/Receive/);
    assert.equal(stdout, 'Home: cancelled\n');
    assert.equal(home.messages.length, 2);
  });

  test('MAILBAG_PROFILE_PHASES=1: a real mailbag process says when it reached each step, in order, all on its own thread for one account; without it, nothing', async () => {
    const [home] = await servers2([3, 0]);
    const { profile } = await profileWith([{ name: 'Home', server: home }]);
    const receive = (env: NodeJS.ProcessEnv) =>
      new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', 'electron/cli/main.ts', '--profile', profile, 'receive', '--account', 'Home', '--password-stdin'],
          { cwd: ROOT, env: { ...process.env, ...NO_KEYCHAIN_ENV, ...env }, stdio: ['pipe', 'ignore', 'pipe'] },
        );
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`mailbag receive did not end: ${stderr}`));
        }, PROCESS_TIMEOUT_MS);
        child.once('exit', (code) => {
          clearTimeout(timer);
          resolve({ code, stderr });
        });
        child.stdin.end(`${PASSWORD}\n`);
      });
    const profiled = await receive({ MAILBAG_PROFILE_PHASES: '1' });
    assert.equal(profiled.code, 0, profiled.stderr);
    const marks = [...profiled.stderr.matchAll(/^mailbag-phase (\d+\.\d) (main|worker) (.+)$/gm)].map((match) => ({
      ms: Number(match[1]),
      thread: match[2],
      step: match[3] ?? '',
    }));
    // One account is received on the command's own thread: no worker is started for it.
    assert.deepEqual(
      marks.filter((mark) => mark.thread !== 'main').map((mark) => mark.step),
      [],
    );
    const steps = marks.map((mark) => mark.step);
    const expected = ['modules loaded', 'store opened', 'password ready', 'receive connecting', 'receive downloading', 'first message bytes'];
    const later = ['batch committed 3/3', 'signed off', 'received', 'closed', 'exit'];
    let position = -1;
    for (const step of [...expected, ...later]) {
      const found = steps.indexOf(step, position + 1);
      assert.ok(found > position, `${step} after the steps before it: ${steps.join(', ')}`);
      position = found;
    }
    // One clock for every thread: the steps' times only grow, in the order the run reached them.
    const inOrder = ['modules loaded', 'receive connecting', 'batch committed 3/3', 'exit'].map((step) => marks.find((mark) => mark.step === step)?.ms ?? NaN);
    assert.deepEqual(
      inOrder,
      [...inOrder].sort((left, right) => left - right),
    );
    assert.equal(steps.at(-1), 'exit');
    const plain = await receive({});
    assert.equal(plain.code, 0, plain.stderr);
    assert.doesNotMatch(plain.stderr, /mailbag-phase/);
  });

  test('Ctrl-C cancels a run that hangs, prints the summary and exits 1', async () => {
    const [home] = await servers2([2, 0]);
    const { run } = await profileWith([{ name: 'Home', server: home }]);
    stallAfterOk(home, 'RETR');
    const interrupts = testInterrupts();
    const started = Date.now();
    const running = run([], { interrupts: interrupts.source });
    // Ctrl-C once the run hangs in the middle of a download (the server answered RETR and stalls).
    while (!home.connections.some((connection) => connection.received.some((line) => /^RETR /i.test(line))))
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    interrupts.press();
    const result = await running;
    assert.equal(result.code, 1, result.out + result.err);
    assert.match(result.err, /Cancelling Send\/Receive/);
    assert.match(result.out, /^Home: cancelled$/m);
    assert.ok(Date.now() - started < 20_000, 'cancelled promptly');
    assert.equal(home.messages.length, 2, 'nothing deleted on the server');
  });
});
