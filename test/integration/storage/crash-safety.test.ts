import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { readPopJournal } from '../../../electron/storage/pop-journal';
import { crashMessage } from './crash-messages';
import { ACCOUNT, openTestStore, temporaryProfile } from '../../unit/storage/store-fixture';

const WRITER = path.join(__dirname, 'crash-writer.ts');
const MESSAGES = 200;
const BATCH = 16;
const ROUNDS = 4;
/** Longest the killed writer may run after `ready` before SIGKILL. */
const MAX_KILL_DELAY_MS = 250;

interface Run {
  readonly committed: string[];
  readonly killed: boolean;
}

function runWriter(profile: string, killAfterMs: number | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, profile, String(MESSAGES), String(BATCH)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const committed: string[] = [];
    let output = '';
    let errors = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      output += text;
      let newline;
      while ((newline = output.indexOf('\n')) >= 0) {
        const line = output.slice(0, newline);
        output = output.slice(newline + 1);
        if (line === 'ready' && killAfterMs !== null) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        if (line.startsWith('committed ')) committed.push(...line.slice('committed '.length).split(' '));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve({ committed, killed: true });
      else if (code === 0) resolve({ committed, killed: false });
      else reject(new Error(`writer failed (${code}): ${errors}`));
    });
  });
}

/** A tiny deterministic generator, so a failing round can be replayed. */
function delays(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48_271) % 2_147_483_647;
    return state % MAX_KILL_DELAY_MS;
  };
}

async function assertConsistent(profile: string, mustContain: readonly string[]): Promise<number> {
  const { database, store } = await openTestStore(profile);
  try {
    assert.equal(database.pragma('integrity_check', { simple: true }), 'ok');
    const journal = readPopJournal(database, ACCOUNT);
    for (const uidl of mustContain) assert.ok(journal.has(uidl), `${uidl} was reported committed`);
    const rows = database.prepare('select id from messages').all() as Array<{ id: number }>;
    assert.equal(rows.length, journal.size, 'one message per journaled UIDL');
    const seen = new Set<number>();
    for (const [uidl, entry] of journal) {
      assert.equal(entry.state, 'downloaded');
      assert.ok(entry.messageId !== null && !seen.has(entry.messageId), `${uidl} has its own message`);
      seen.add(entry.messageId);
      assert.ok((await store.readRawMessage(entry.messageId)).equals(crashMessage(uidl)), `${uidl} is byte-equal`);
    }
    assert.deepEqual((await store.checkRawFiles()).missing, []);
    const referencedPacks = (database.prepare('select file_name from raw_packs').all() as Array<{ file_name: string }>).map((row) => row.file_name).sort();
    const referencedLarge = (database.prepare('select raw_file from messages where raw_file is not null').all() as Array<{ raw_file: string }>)
      .map((row) => row.raw_file)
      .sort();
    assert.deepEqual(readdirSync(path.join(profile, 'messages', 'packs')).sort(), referencedPacks, 'no orphaned packs after reopening');
    assert.deepEqual(
      readdirSync(path.join(profile, 'messages', 'large'))
        .map((name) => `large/${name}`)
        .sort(),
      referencedLarge,
      'no orphaned large files',
    );
    return journal.size;
  } finally {
    database.close();
  }
}

test('a writer killed at random moments loses nothing, duplicates nothing and leaves no orphaned data', { timeout: 120_000 }, async () => {
  const next = delays(20_261_122);
  let interrupted = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const profile = temporaryProfile();
    const killed = await runWriter(profile, next());
    await assertConsistent(profile, killed.committed);
    if (killed.killed && killed.committed.length < MESSAGES) interrupted += 1;
    const resumed = await runWriter(profile, null);
    assert.equal(resumed.killed, false);
    assert.equal(await assertConsistent(profile, [...killed.committed, ...resumed.committed]), MESSAGES, `round ${round}: every message exactly once`);
  }
  assert.ok(interrupted > 0, 'at least one writer was killed before it finished');
});
