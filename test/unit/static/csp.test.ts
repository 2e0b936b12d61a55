import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { appContentSecurityPolicy } from '../../../electron/static/csp';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
}

test('the app policy runs only its own scripts and lets nothing frame it', () => {
  const policy = directives(appContentSecurityPolicy());
  assert.deepEqual(policy.get('script-src'), ["'self'"]);
  assert.deepEqual(policy.get('default-src'), ["'none'"]);
  assert.deepEqual(policy.get('object-src'), ["'none'"]);
  assert.deepEqual(policy.get('frame-ancestors'), ["'none'"]);
  assert.deepEqual(policy.get('form-action'), ["'none'"]);
  assert.deepEqual(policy.get('base-uri'), ["'none'"]);
  assert.doesNotMatch(appContentSecurityPolicy(), /unsafe-eval/);
});

test('message frames inherit the policy: inline styles and http/https images are the only widenings', () => {
  const policy = directives(appContentSecurityPolicy());
  assert.deepEqual(policy.get('style-src'), ["'self'", "'unsafe-inline'"]);
  assert.deepEqual(policy.get('img-src'), ["'self'", 'data:', 'blob:', 'http:', 'https:']);
  assert.deepEqual(policy.get('font-src'), ["'self'"], 'remote fonts never load');
  assert.deepEqual(policy.get('connect-src'), ["'self'"], 'nothing may be fetched from elsewhere');
});

test('the browser bridge adds only its own WebSocket to connect-src', () => {
  const policy = directives(appContentSecurityPolicy(['ws://127.0.0.1:4000']));
  assert.deepEqual(policy.get('connect-src'), ["'self'", 'ws://127.0.0.1:4000']);
});

test('the page’s own meta policy allows no more than the header, and as much for message frames', () => {
  const html = readFileSync(path.resolve(__dirname, '../../../renderer/index.html'), 'utf8');
  const content = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
  assert.ok(content !== undefined, 'index.html carries a Content-Security-Policy meta element');
  const meta = directives(content);
  const header = directives(appContentSecurityPolicy());
  for (const name of ['default-src', 'script-src', 'style-src', 'img-src', 'font-src', 'object-src', 'base-uri', 'form-action']) {
    assert.deepEqual(meta.get(name), header.get(name), name);
  }
});
