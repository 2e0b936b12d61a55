import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ENCRYPTED_CREDENTIALS_FILE_NAME } from '../../../../electron/services/credentials/encrypted-file';
import { createFakeSafeStorage } from '../../../fakes/safe-storage';
import { startSecretService, type SecretService } from '../../../servers/secret-service';
import type { ScenarioInput, ScenarioOutput, ScenarioStep } from './keychain-scenario';

/** Bound on one child process (tsx start-up plus a handful of keychain calls). */
const SCENARIO_TIMEOUT_MS = 30_000;
/** A short keychain timeout for the scenario with a bus that never answers. */
const SHORT_KEYCHAIN_TIMEOUT_MS = 300;
const SCENARIO_SCRIPT = path.join(__dirname, 'keychain-scenario.ts');
const PASSWORD = 'Tr0ub4dor&3-pop3-secret';
const SMTP_PASSWORD = 'another-smtp-secret-42';
const WRONG_PASSWORD = 'mistyped-password-99';

let secretService: SecretService;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-credentials-'));

before(async () => {
  secretService = await startSecretService();
});
after(async () => {
  await secretService?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

function profile(): string {
  return mkdtempSync(path.join(scratch, 'profile-'));
}

/** Runs steps in a fresh child process whose session bus is `busAddress`. */
function runScenario(busAddress: string, input: ScenarioInput): Promise<ScenarioOutput> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', SCENARIO_SCRIPT], {
      env: { ...secretService.env, DBUS_SESSION_BUS_ADDRESS: busAddress },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The scenario did not finish within ${SCENARIO_TIMEOUT_MS} ms: ${stderr}`));
    }, SCENARIO_TIMEOUT_MS);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0) reject(new Error(`The scenario exited with ${String(code)}: ${stderr}`));
      else resolve(JSON.parse(stdout) as ScenarioOutput);
    });
    child.stdin.end(JSON.stringify(input));
  });
}

/** Every file under `directory`, read as bytes. */
function filesUnder(directory: string): { file: string; bytes: Buffer }[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' }).flatMap((name) => {
    const file = path.join(directory, name);
    return statSync(file).isFile() ? [{ file, bytes: readFileSync(file) }] : [];
  });
}

/** Fails if any file under `directory` holds `secret` as text, base64 or hex. */
function assertNowhereOnDisk(directory: string, secret: string): void {
  const forms = [Buffer.from(secret, 'utf8'), Buffer.from(Buffer.from(secret).toString('base64')), Buffer.from(Buffer.from(secret).toString('hex'))];
  for (const { file, bytes } of filesUnder(directory)) {
    for (const form of forms) assert.equal(bytes.includes(form), false, `${file} contains the password`);
  }
}

const unreachableBus = (): string => `unix:path=${path.join(scratch, 'no-bus-here')}`;

test('with a Secret Service, passwords round-trip through the real keychain and nothing reaches the profile', async () => {
  const profileDir = profile();
  const first = await runScenario(secretService.address, {
    profileDir,
    steps: [
      { op: 'status' },
      { op: 'save', account: 'acc1', protocol: 'pop3', password: PASSWORD, loginSucceeds: true },
      { op: 'save', account: 'acc1', protocol: 'smtp', password: SMTP_PASSWORD, loginSucceeds: true },
      { op: 'get', account: 'acc1', protocol: 'pop3' },
    ],
  });
  assert.deepEqual(first.results, [
    { status: { backend: 'keychain', persistent: true } },
    { status: { backend: 'keychain', persistent: true } },
    { status: { backend: 'keychain', persistent: true } },
    { password: PASSWORD },
  ]);
  // A new process (a restart) reads them back from the keychain, then deletes one.
  const second = await runScenario(secretService.address, {
    profileDir,
    steps: [
      { op: 'get', account: 'acc1', protocol: 'pop3' },
      { op: 'get', account: 'acc1', protocol: 'smtp' },
      { op: 'remove', account: 'acc1', protocol: 'pop3' },
      { op: 'get', account: 'acc1', protocol: 'pop3' },
      { op: 'get', account: 'acc1', protocol: 'smtp' },
    ],
  });
  assert.deepEqual(second.results, [{ password: PASSWORD }, { password: SMTP_PASSWORD }, 'done', { password: null }, { password: SMTP_PASSWORD }]);
  assert.deepEqual(readdirSync(profileDir), [], 'the keychain backend writes nothing into the profile');
  for (const line of [...first.logs, ...second.logs]) assert.ok(!line.includes(PASSWORD) && !line.includes(SMTP_PASSWORD));
});

test('a password is stored only after a login with it succeeded; a failed login keeps the old one', async () => {
  const profileDir = profile();
  const output = await runScenario(secretService.address, {
    profileDir,
    steps: [
      { op: 'save', account: 'acc2', protocol: 'pop3', password: WRONG_PASSWORD, loginSucceeds: false },
      { op: 'get', account: 'acc2', protocol: 'pop3' },
      { op: 'save', account: 'acc2', protocol: 'pop3', password: PASSWORD, loginSucceeds: true },
      { op: 'save', account: 'acc2', protocol: 'pop3', password: WRONG_PASSWORD, loginSucceeds: false },
      { op: 'get', account: 'acc2', protocol: 'pop3' },
      { op: 'removeAccount', account: 'acc2' },
      { op: 'get', account: 'acc2', protocol: 'pop3' },
    ],
  });
  assert.deepEqual(output.results, [
    { error: 'AUTH_FAILED' },
    { password: null },
    { status: { backend: 'keychain', persistent: true } },
    { error: 'AUTH_FAILED' },
    { password: PASSWORD },
    'done',
    { password: null },
  ]);
});

test('without a reachable keychain, passwords go to the safeStorage-encrypted file, never as plaintext', async () => {
  const profileDir = profile();
  const safeStorage = createFakeSafeStorage();
  const steps: ScenarioStep[] = [
    { op: 'status' },
    { op: 'save', account: 'acc3', protocol: 'pop3', password: PASSWORD, loginSucceeds: true },
    { op: 'get', account: 'acc3', protocol: 'pop3' },
  ];
  const output = await runScenario(unreachableBus(), { profileDir, safeStorageKeyHex: safeStorage.keyHex, steps });
  assert.deepEqual(output.results, [
    { status: { backend: 'encrypted-file', persistent: true } },
    { status: { backend: 'encrypted-file', persistent: true } },
    { password: PASSWORD },
  ]);
  assert.deepEqual(readdirSync(profileDir), [ENCRYPTED_CREDENTIALS_FILE_NAME]);
  assertNowhereOnDisk(profileDir, PASSWORD);
  assert.ok(
    output.logs.some((line) => line.includes('keychain is not available')),
    'the fallback is logged',
  );
  for (const line of output.logs) assert.ok(!line.includes(PASSWORD));

  // Next session the keychain is back: the password moves from the file into the keychain.
  const moved = await runScenario(secretService.address, {
    profileDir,
    safeStorageKeyHex: safeStorage.keyHex,
    steps: [{ op: 'get', account: 'acc3', protocol: 'pop3' }, { op: 'status' }],
  });
  assert.deepEqual(moved.results, [{ password: PASSWORD }, { status: { backend: 'keychain', persistent: true } }]);
  const afterMove = await runScenario(secretService.address, { profileDir, steps: [{ op: 'get', account: 'acc3', protocol: 'pop3' }] });
  assert.deepEqual(afterMove.results, [{ password: PASSWORD }], 'found in the keychain without the file’s key');
  assert.doesNotMatch(readFileSync(path.join(profileDir, ENCRYPTED_CREDENTIALS_FILE_NAME), 'utf8'), /acc3/);
});

test('with neither keychain nor safeStorage, the password is kept for the session only and that is reported', async () => {
  const profileDir = profile();
  const output = await runScenario(unreachableBus(), {
    profileDir,
    steps: [
      { op: 'save', account: 'acc4', protocol: 'smtp', password: PASSWORD, loginSucceeds: true },
      { op: 'get', account: 'acc4', protocol: 'smtp' },
      { op: 'status' },
    ],
  });
  const sessionOnly = {
    backend: 'session',
    persistent: false,
    warning: { code: 'KEYCHAIN_UNAVAILABLE', message: 'The system keychain is not available, so the password is kept for this session only.' },
  };
  assert.deepEqual(output.results, [{ status: sessionOnly }, { password: PASSWORD }, { status: sessionOnly }]);
  assert.deepEqual(readdirSync(profileDir), []);
  const restarted = await runScenario(unreachableBus(), { profileDir, steps: [{ op: 'get', account: 'acc4', protocol: 'smtp' }] });
  assert.deepEqual(restarted.results, [{ password: null }], 'a session-only password is gone after a restart');
});

test('a session bus that never answers is given up after a short check instead of hanging the process', async () => {
  // A socket that accepts the connection and never says a word, like a stopped session bus.
  const socketPath = path.join(scratch, 'silent-bus');
  const silent = net.createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(socketPath, resolve));
  try {
    const started = Date.now();
    const output = await runScenario(`unix:path=${socketPath}`, {
      profileDir: profile(),
      keychainTimeoutMs: SHORT_KEYCHAIN_TIMEOUT_MS,
      steps: [
        { op: 'save', account: 'acc5', protocol: 'pop3', password: PASSWORD, loginSucceeds: true },
        { op: 'get', account: 'acc5', protocol: 'pop3' },
      ],
    });
    assert.equal((output.results[0] as { status: { backend: string } }).status.backend, 'session');
    assert.deepEqual(output.results[1], { password: PASSWORD });
    assert.ok(Date.now() - started < SCENARIO_TIMEOUT_MS);
    assert.ok(
      output.logs.some((line) => line.includes('did not answer')),
      output.logs.join('\n'),
    );
  } finally {
    silent.close();
  }
});

test('after every scenario, no password is anywhere in the profiles or the keyring files', () => {
  for (const secret of [PASSWORD, SMTP_PASSWORD, WRONG_PASSWORD]) {
    assertNowhereOnDisk(scratch, secret);
    assertNowhereOnDisk(secretService.keyringDir, secret);
  }
  assert.ok(
    filesUnder(secretService.keyringDir).some(({ file }) => file.endsWith('.keyring')),
    'the keyring was really written',
  );
});

test('the leak check itself finds a password written as text, base64 or hex', () => {
  const decoy = mkdtempSync(path.join(os.tmpdir(), 'mailbag-leak-check-'));
  try {
    for (const [name, content] of [
      ['plain', `x${PASSWORD}x`],
      ['base64', Buffer.from(PASSWORD).toString('base64')],
      ['hex', Buffer.from(PASSWORD).toString('hex')],
    ] as const) {
      mkdirSync(path.join(decoy, name));
      writeFileSync(path.join(decoy, name, 'file'), content);
      assert.throws(() => assertNowhereOnDisk(path.join(decoy, name), PASSWORD), /contains the password/);
    }
  } finally {
    rmSync(decoy, { recursive: true, force: true });
  }
});
