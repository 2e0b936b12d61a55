/**
 * Crash safety of Send/Receive: a child process receiving a 500-message mailbox (delete after
 * download) is killed with SIGKILL at a random moment, by seed; then Send/Receive runs again to the
 * end. Afterwards the store holds exactly the original messages, byte-equal, each once; the server
 * is empty; every deletion is audited once; SQLite's integrity check passes; no orphaned raw data.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { after, describe, test } from 'node:test';
import { FakePop3Server } from '../../../fakes/pop3-server';
import { receiveAccount } from '../../../../electron/jobs/receive/receive-account';
import { listServerDeletions } from '../../../../electron/storage/pop-journal';
import { ACCOUNT, openTestStore, temporaryProfile } from '../../../unit/storage/store-fixture';
import { assertStoreHolds, DELETE_AFTER_DOWNLOAD, PASSWORD, testMessage, USER } from '../../../unit/jobs/receive/support';
import { seededRandom } from '../../../support/seeded-random';

/** Seeds to run (each: a fresh mailbox, one kill, one recovery run). Tunable for longer soaks. */
const SEEDS = Number(process.env.MAILBAG_CRASH_SEEDS ?? '20');
const MESSAGE_COUNT = 500;
/** Messages above the store's large-message threshold, so both raw layouts are exercised. */
const LARGE_EVERY = 125;
const LARGE_BYTES = 1_300_000;
const CHILD = path.join(__dirname, 'crash-child.ts');
const BUSY_ATTEMPTS = 50;
const BUSY_PAUSE_MS = 100;
const PHASES = ['downloading', 'deleting', 'finishing'] as const;
/** Longest wait between the chosen point of progress and the kill. */
const KILL_DELAY_MS = 30;

function mailbox(seed: number): Map<string, Buffer> {
  const originals = new Map<string, Buffer>();
  for (let index = 1; index <= MESSAGE_COUNT; index += 1) {
    const bytes =
      index % LARGE_EVERY === 0
        ? Buffer.concat([testMessage(seed * 1000 + index, 2), Buffer.alloc(LARGE_BYTES, 'x'), Buffer.from('\r\n')])
        : testMessage(seed * 1000 + index, 2 + (index % 17));
    originals.set(`s${seed}-${index}`, bytes);
  }
  return originals;
}

/**
 * Runs the child and kills it a random few milliseconds after a chosen point of its progress: either
 * once a random number of messages are done (anywhere in the download), or once it entered a chosen
 * phase (so the short windows around DELE and QUIT are hit). The point is picked by progress, not by
 * time, so a faster or slower machine still kills the run where the seed says.
 */
function runAndKill(profile: string, port: number, next: () => number): Promise<string> {
  const usePhase = next() < 0.5;
  const phase = PHASES[Math.floor(next() * PHASES.length)] ?? 'downloading';
  const target = Math.floor(next() * MESSAGE_COUNT);
  const delay = Math.floor(next() * KILL_DELAY_MS);
  const moment = usePhase ? `${phase}+${delay}ms` : `${target} done+${delay}ms`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, profile, String(port), ACCOUNT], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    let timer: NodeJS.Timeout | undefined;
    const killLater = (): void => {
      timer ??= setTimeout(() => child.kill('SIGKILL'), delay);
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output += chunk;
      const lines = output.split('\n');
      output = lines.pop() ?? '';
      for (const line of lines) {
        const progress = /^phase (\S+) (\d+)$/.exec(line);
        if (progress === null) continue;
        if (usePhase ? progress[1] === phase : Number(progress[2]) >= target) killLater();
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer !== undefined) clearTimeout(timer);
      resolve(signal === 'SIGKILL' ? `killed (${moment})` : `exited ${String(code)}`);
    });
  });
}

describe('Send/Receive survives SIGKILL at any moment', () => {
  const servers: FakePop3Server[] = [];
  after(() => Promise.all(servers.map((server) => server.close())));

  test(`${SEEDS} seeds × ${MESSAGE_COUNT} messages: killed, restarted, nothing lost or duplicated`, { timeout: 170_000 }, async (context) => {
    const moments: string[] = [];
    for (let seed = 1; seed <= SEEDS; seed += 1) {
      const originals = mailbox(seed);
      const server = await FakePop3Server.start({ users: { [USER]: PASSWORD }, messages: [...originals].map(([uid, body]) => ({ uid, body })) });
      servers.push(server);
      const profile = temporaryProfile();
      try {
        const first = await openTestStore(profile);
        first.store.ensureDefaultFolders(ACCOUNT);
        await first.store.close();
        first.database.close();

        moments.push(await runAndKill(profile, server.port, seededRandom(seed)));

        const { database, store } = await openTestStore(profile);
        try {
          const receive = (): ReturnType<typeof receiveAccount> =>
            receiveAccount({
              accountId: ACCOUNT,
              store,
              connection: { host: server.host, port: server.port, security: 'none', allowInsecureAuth: true },
              credentials: { username: USER, password: PASSWORD },
              policy: DELETE_AFTER_DOWNLOAD,
            });
          let outcome = await receive();
          // The server may not have noticed the killed session's socket yet: it still holds the lock.
          for (let attempt = 0; outcome.status === 'busy' && attempt < BUSY_ATTEMPTS; attempt += 1) {
            await delay(BUSY_PAUSE_MS);
            outcome = await receive();
          }
          assert.equal(outcome.status, 'completed', `seed ${seed}: ${JSON.stringify(outcome)}`);
          assert.equal(server.messages.length, 0, `seed ${seed}: the server is empty`);
          await assertStoreHolds(store, database, [...originals.values()]);
          const audit = listServerDeletions(database, ACCOUNT, MESSAGE_COUNT * 2);
          assert.equal(new Set(audit.map((record) => record.uidl)).size, MESSAGE_COUNT, `seed ${seed}: every deletion audited`);
          assert.equal(audit.length, MESSAGE_COUNT, `seed ${seed}: each deletion audited once`);
          assert.deepEqual((await store.checkRawFiles()).missing, []);
          assert.deepEqual((await store.collectGarbage()).removedFiles, [], `seed ${seed}: no orphaned raw files after reopening`);
          assert.equal(database.prepare("select count(*) from pop_journal where state <> 'deleted'").pluck().get(), 0);
        } finally {
          await store.close();
          database.close();
        }
      } finally {
        rmSync(profile, { recursive: true, force: true });
        await server.close();
      }
    }
    context.diagnostic(`moments: ${moments.join(', ')}`);
    assert.ok(moments.filter((moment) => moment.startsWith('killed')).length >= SEEDS / 2, `most runs were killed: ${moments.join(', ')}`);
  });
});
