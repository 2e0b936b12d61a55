import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { DurableMessageFile, messageFileName } from '../../../electron/workers/pop3-message-file';

const directories: string[] = [];
after(async () => {
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
});

async function folder(): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'mailbag-message-file-'));
  directories.push(directory);
  return directory;
}

test('file names are a hash of the unique-id, safe for any file system', () => {
  assert.match(messageFileName('a/b\\c:d*?'), /^[0-9a-f]{64}\.eml$/);
  assert.notEqual(messageFileName('a'), messageFileName('b'));
});

test('the message appears under its name only when finished', async () => {
  const directory = await folder();
  const file = new DurableMessageFile(path.join(directory, 'm.eml'));
  file.write(Buffer.from('Subject: x\r\n\r\n'));
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.deepEqual(await readdir(directory), ['m.eml.part']);
  file.end(Buffer.from('body\r\n'));
  await once(file, 'finish');
  assert.deepEqual(await readdir(directory), ['m.eml']);
  assert.equal(await readFile(path.join(directory, 'm.eml'), 'utf8'), 'Subject: x\r\n\r\nbody\r\n');
  assert.equal(file.bytesWritten, 20);
});

test('a destroyed message leaves nothing behind', async () => {
  const directory = await folder();
  const file = new DurableMessageFile(path.join(directory, 'm.eml'));
  file.write(Buffer.from('partial'));
  await new Promise((resolve) => setTimeout(resolve, 20));
  file.destroy();
  await once(file, 'close');
  assert.deepEqual(await readdir(directory), []);
});
