import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { checkSessionBus } from '../../../../electron/services/credentials/session-bus';

const directory = mkdtempSync(path.join(os.tmpdir(), 'mailbag-session-bus-'));

async function listen(name: string, onConnection: (socket: net.Socket) => void): Promise<{ address: string; close: () => void }> {
  const socketPath = path.join(directory, name);
  const server = net.createServer(onConnection);
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return { address: `unix:path=${socketPath},guid=0123`, close: () => server.close() };
}

test('a bus that answers AUTH with REJECTED is reachable', async () => {
  const received: string[] = [];
  const bus = await listen('answering', (socket) => {
    socket.on('data', (chunk) => {
      received.push(chunk.toString('latin1'));
      socket.write('REJECTED EXTERNAL\r\n');
    });
  });
  try {
    assert.deepEqual(await checkSessionBus(bus.address), { state: 'answered' });
    assert.equal(received.join(''), '\0AUTH\r\n');
  } finally {
    bus.close();
  }
});

test('a silent bus, a missing socket and a wrong answer are failures with a reason', async () => {
  const silent = await listen('silent', () => {});
  const wrong = await listen('wrong', (socket) => socket.end('HELLO\r\n'));
  try {
    const quiet = await checkSessionBus(silent.address, 100);
    assert.equal(quiet.state, 'failed');
    assert.match(quiet.state === 'failed' ? quiet.reason : '', /did not answer within 100 ms/);
    assert.equal((await checkSessionBus(`unix:path=${path.join(directory, 'absent')}`)).state, 'failed');
    assert.equal((await checkSessionBus(wrong.address)).state, 'failed');
  } finally {
    silent.close();
    wrong.close();
  }
});

test('addresses that are not unix sockets are left to libsecret', async () => {
  assert.deepEqual(await checkSessionBus(undefined), { state: 'unknown' });
  assert.deepEqual(await checkSessionBus('tcp:host=127.0.0.1,port=1'), { state: 'unknown' });
});
