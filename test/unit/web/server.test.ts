import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request } from 'node:http';
import { WebSocket } from 'ws';
import { DEFAULT_SETTINGS, settingsSchema } from '../../../shared/settings';
import type { WireMessage } from '../../../shared/ipc/wire';
import { createRegistry } from '../../../electron/ipc/registry';
import { createEventHub } from '../../../electron/services/events';
import { silentLogger } from '../../../electron/services/logger';
import { startWebBridge, type WebBridge } from '../../../electron/web/server';
import { unusedAccountHandlers, unusedMailHandlers } from '../../fakes/unused-handlers';

const TOKEN = 'test-token-0123456789';
const events = createEventHub();
let bridge: WebBridge;
let origin: string;

before(async () => {
  const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'mailbag-renderer-'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Mailbag</title>');
  mkdirSync(path.join(rendererDir, 'assets'));
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(path.dirname(rendererDir), 'outside-secret.txt'), 'secret');
  const registry = createRegistry({
    getAppInfo: () => {
      throw new Error('unused');
    },
    getSettings: () => DEFAULT_SETTINGS,
    updateSettings: (patch) => {
      const next = settingsSchema.parse({ ...DEFAULT_SETTINGS, ...patch });
      events.emit('settingsChanged', next);
      return next;
    },
    openExternalLink: ({ url }) => ({ opened: false, url }),
    ...unusedAccountHandlers,
    ...unusedMailHandlers,
  });
  bridge = await startWebBridge({ registry, events, rendererDir, logger: silentLogger, token: TOKEN });
  origin = `http://127.0.0.1:${bridge.port}`;
});

after(() => bridge.close());

/** A raw HTTP GET with full control of headers (fetch would refuse to set Host). */
function get(pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: bridge.port, path: pathname, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(url: string, headers: Record<string, string> = { origin }): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
    socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
  });
}

/** Everything a socket receives, in order, with a way to wait for the n-th message. */
function inbox(socket: WebSocket): { messages: WireMessage[]; waitFor(count: number): Promise<WireMessage[]> } {
  const messages: WireMessage[] = [];
  const waiters: (() => void)[] = [];
  socket.on('message', (data) => {
    messages.push(JSON.parse(String(data)) as WireMessage);
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    messages,
    async waitFor(count) {
      while (messages.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
      return messages.slice(0, count);
    },
  };
}

test('it listens on loopback only and prints a URL with the token', () => {
  assert.equal(bridge.url, `http://127.0.0.1:${bridge.port}/?token=${TOKEN}`);
});

test('the page needs the token; with it, the page comes with the CSP and a session cookie for assets', async () => {
  assert.equal((await get('/')).status, 403);
  assert.equal((await get('/?token=wrong')).status, 403);
  const page = await get(`/?token=${TOKEN}`);
  assert.equal(page.status, 200);
  assert.match(String(page.headers['content-security-policy']), /script-src 'self';/);
  assert.match(String(page.headers['content-security-policy']), /frame-ancestors 'none'/);
  const cookie = String(page.headers['set-cookie']).split(';')[0] ?? '';
  assert.match(cookie, /^mailbag-session-\d+=/);
  assert.equal((await get('/assets/app.js')).status, 403, 'assets need the session cookie');
  const asset = await get('/assets/app.js', { cookie });
  assert.equal(asset.status, 200);
  assert.equal(asset.headers['content-type'], 'text/javascript; charset=utf-8');
});

test('paths cannot escape the renderer folder', async () => {
  const page = await get(`/?token=${TOKEN}`);
  const cookie = String(page.headers['set-cookie']).split(';')[0] ?? '';
  for (const attempt of ['/../outside-secret.txt', '/%2e%2e/outside-secret.txt', '/assets/..%2f..%2foutside-secret.txt', '/assets/%00']) {
    const response = await get(attempt, { cookie });
    assert.equal(response.status, 404, attempt);
    assert.doesNotMatch(response.body, /secret/);
  }
});

test('a foreign Host header is refused (DNS rebinding)', async () => {
  assert.equal((await get(`/?token=${TOKEN}`, { host: `attacker.example:${bridge.port}` })).status, 421);
});

test('the socket needs the token and this server’s Origin', async () => {
  const url = `ws://127.0.0.1:${bridge.port}/ws?token=${TOKEN}`;
  await assert.rejects(connect(`ws://127.0.0.1:${bridge.port}/ws`), /403/);
  await assert.rejects(connect(`ws://127.0.0.1:${bridge.port}/ws?token=nope`), /403/);
  await assert.rejects(connect(url, { origin: 'http://evil.example' }), /403/);
  await assert.rejects(connect(url, {}), /403/);
  const socket = await connect(url);
  socket.close();
});

test('requests travel through the registry and events reach every client', async () => {
  const url = `ws://127.0.0.1:${bridge.port}/ws?token=${TOKEN}`;
  const first = await connect(url);
  const second = await connect(url);
  const firstInbox = inbox(first);
  const secondInbox = inbox(second);
  first.send(JSON.stringify({ id: 7, operation: 'updateSettings', input: { appearance: 'light' } }));
  const messages = await firstInbox.waitFor(2);
  const result = messages.find((message) => message.kind === 'result');
  assert.deepEqual(result, { kind: 'result', id: 7, result: { ok: true, value: { ...DEFAULT_SETTINGS, appearance: 'light' } } });
  const [event] = await secondInbox.waitFor(1);
  assert.deepEqual(event, { kind: 'event', name: 'settingsChanged', payload: { ...DEFAULT_SETTINGS, appearance: 'light' } });

  first.send(JSON.stringify({ id: 8, operation: 'updateSettings', input: { appearance: 42 } }));
  const invalidResult = (await firstInbox.waitFor(3))[2];
  assert.equal(invalidResult?.kind === 'result' && !invalidResult.result.ok && invalidResult.result.error.code, 'VALIDATION');
  first.close();
  second.close();
});

test('malformed frames close the socket instead of reaching a handler', async () => {
  const socket = await connect(`ws://127.0.0.1:${bridge.port}/ws?token=${TOKEN}`);
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  socket.send('{"id": "one", "operation": 5}');
  assert.equal(await closed, 1007);
});
