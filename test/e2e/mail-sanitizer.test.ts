/**
 * The message sanitizer (DOMPurify with Mailbag's configuration and hooks) needs a real DOM, so it is
 * bundled and run in Chromium, the engine that shows mail.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import type { SanitizedMessage } from '../../renderer/mail-html/message-html';
import { launchChromium } from './support/browser';

let browser: Browser;
let page: Page;

before(async () => {
  const bundle = await build({
    entryPoints: [path.resolve(__dirname, '../../renderer/mail-html/message-html.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'mailSanitizer',
    platform: 'browser',
    write: false,
  });
  browser = await launchChromium();
  page = await browser.newPage();
  await page.setContent('<!doctype html><html><body></body></html>');
  await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' });
  // Plain script, so the test's own compiled helpers never have to cross into the page.
  await page.addScriptTag({
    content: `window.sanitizeForTest = (html, allowRemote) => mailSanitizer.sanitizeMessageHtml(html, {
      allowRemote, resolveContentId: (id) => (id === 'logo@x' ? 'data:image/png;base64,iVBORw0KGgo=' : null) });
    window.frameForTest = (html, allowRemote) => mailSanitizer.messageFrameDocument(window.sanitizeForTest(html, allowRemote), allowRemote);`,
  });
});

after(async () => {
  await browser?.close();
});

async function sanitize(html: string, allowRemote = false): Promise<SanitizedMessage> {
  return page.evaluate<SanitizedMessage>(`window.sanitizeForTest(${JSON.stringify(html)}, ${String(allowRemote)})`);
}

test('scripts, event handlers, javascript: links, forms, frames, objects and SVG are removed', async () => {
  const result = await sanitize(`
    <script>document.title='pwned'</script>
    <img src="data:image/png;base64,AAAA" onerror="alert(1)" onload="alert(2)">
    <a href="javascript:alert(1)">js</a><a href=" jAvAsCrIpT:alert(1)">js2</a><a href="data:text/html,x">data</a>
    <form action="http://127.0.0.1:9/post" method="post"><input name="q"><button formaction="http://127.0.0.1:9/">Go</button></form>
    <iframe src="http://127.0.0.1:9/frame"></iframe><object data="http://127.0.0.1:9/o"></object><embed src="http://127.0.0.1:9/e">
    <svg><script>alert(1)</script><foreignObject><iframe src="http://127.0.0.1:9/"></iframe></foreignObject><image href="http://127.0.0.1:9/i"/></svg>
    <math><mtext><script>alert(1)</script></mtext></math>
    <div onclick="alert(1)" style="color: red">kept text</div>`);
  assert.doesNotMatch(
    result.body,
    /<script|onerror|onload|onclick|javascript:|<form|<input|<button|<iframe|<object|<embed|<svg|<math|foreignObject|127\.0\.0\.1|data:text/i,
  );
  assert.match(result.body, /kept text/);
  assert.match(result.body, /style="color: red"/);
});

test('meta refresh, base and stylesheet links never survive; style elements are cleaned and kept', async () => {
  const result = await sanitize(`<html><head><meta http-equiv="refresh" content="0;url=http://127.0.0.1:9/r"><base href="http://127.0.0.1:9/">
    <link rel="stylesheet" href="http://127.0.0.1:9/s.css"><style>@import url(http://127.0.0.1:9/i.css); p { color: rgb(1, 2, 3); background: url(http://127.0.0.1:9/bg.png) }</style></head>
    <body bgcolor="#eee"><p>hello</p></body></html>`);
  assert.doesNotMatch(result.styles + result.body, /<meta|<base|<link|@import|127\.0\.0\.1/);
  assert.match(result.styles, /p \{ color: rgb\(1, 2, 3\); background: none \}/);
  assert.match(result.body, /^<body bgcolor="#eee">/);
  assert.equal(result.blockedRemote, 2);
});

test('remote images, srcset and background attributes are removed and counted until allowed, then kept', async () => {
  const html = `<img src="http://127.0.0.1:9/a.png"><img srcset="http://127.0.0.1:9/b.png 1x, //127.0.0.1:9/c.png 2x"><table background="https://127.0.0.1:9/t.png"><tr><td>x</td></tr></table>`;
  const blocked = await sanitize(html);
  assert.doesNotMatch(blocked.body, /127\.0\.0\.1/);
  assert.equal(blocked.blockedRemote, 3);
  const allowed = await sanitize(html, true);
  assert.match(allowed.body, /src="http:\/\/127\.0\.0\.1:9\/a\.png"/);
  assert.match(allowed.body, /srcset="http:\/\/127\.0\.0\.1:9\/b\.png 1x, https:\/\/127\.0\.0\.1:9\/c\.png 2x"/);
  assert.match(allowed.body, /background="https:\/\/127\.0\.0\.1:9\/t\.png"/);
  assert.equal(allowed.blockedRemote, 0);
});

test('cid: images become data: URLs from the store; unknown parts and relative sources go', async () => {
  const result = await sanitize('<img src="cid:Logo@X" alt="logo"><img src="cid:missing@x"><img src="images/local.png"><img src="file:///etc/passwd">');
  assert.match(result.body, /<img src="data:image\/png;base64,iVBORw0KGgo=" alt="logo">/);
  assert.equal((result.body.match(/src=/g) ?? []).length, 1);
});

test('links open in a new window without referrer or opener, and only http, https and mailto', async () => {
  const result = await sanitize(
    '<a href="https://example.test/x">ok</a><a href="mailto:a@example.test">mail</a><a href="/relative">rel</a><a href="http://u:p@example.test/">creds</a>',
  );
  assert.match(result.body, /<a href="https:\/\/example\.test\/x" target="_blank" rel="noopener noreferrer">ok<\/a>/);
  assert.match(result.body, /<a href="mailto:a@example\.test" target="_blank" rel="noopener noreferrer">mail<\/a>/);
  assert.match(result.body, /<a>rel<\/a><a>creds<\/a>/);
});

test('the frame document starts with its own strict policy; remote images only when allowed', async () => {
  const documents = await page.evaluate<string[]>(`[window.frameForTest('<p>x</p>', false), window.frameForTest('<p>x</p>', true)]`);
  assert.match(
    documents[0] ?? '',
    /^<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; form-action 'none'; base-uri 'none'">/,
  );
  assert.match(documents[1] ?? '', /img-src data: http: https:;/);
});

/** Hostile markup of every kind the sanitizer removes or rewrites, closed and balanced, to repeat. */
const HOSTILE_SNIPPET =
  '<p onclick="alert(1)" style="color:red;background:url(http://127.0.0.1:9/p.png)">text <img src="cid:logo@x" onerror="alert(2)" alt="l">' +
  '<a href="javascript:alert(3)">js</a> <a href="https://example.test/x">ok</a><img src="http://127.0.0.1:9/i.png"></p>' +
  '<script>alert(4)</script><svg><a href="http://127.0.0.1:9/s">svg</a></svg><form action="http://127.0.0.1:9/f"><input name="q"><span>in form</span></form>' +
  '<style>p{background:url(http://127.0.0.1:9/s.png)}</style><noscript><p title="</noscript><img src=x onerror=alert(5)>"></p></noscript>' +
  '<!-- a comment --><table background="cid:logo@x"><tbody><tr><td>cell</td></tr></tbody></table><div id="x" name="y">named</div>';

test('a part of thousands of elements, sanitized a slice at a time, comes out exactly as each piece of it alone', async () => {
  const copies = 400;
  const piece = await sanitize(HOSTILE_SNIPPET);
  assert.match(piece.content, /cell/);
  for (const [open, close] of [
    ['<div class="wrap">', '</div>'],
    ['<table><tbody><tr><td>', '</td></tr></tbody></table>'],
  ] as const) {
    const many = await sanitize(`${open}${HOSTILE_SNIPPET.repeat(copies)}${close}`);
    const expected = `${open}${piece.content.repeat(copies)}${close}`;
    const differsAt = [...expected].findIndex((character, index) => many.content[index] !== character);
    assert.ok(many.content === expected, `differs at ${differsAt}: ${many.content.slice(Math.max(0, differsAt - 200), differsAt + 200)}`);
    assert.equal(many.styles, piece.styles.repeat(copies));
    assert.equal(many.blockedRemote, piece.blockedRemote * copies);
    assert.doesNotMatch(many.body + many.styles, /<script|onerror|onclick|javascript:|<svg|<form|<input|127\.0\.0\.1/i);
  }
});

test('a part of thousands of elements is sanitized in many small steps, and its body attributes too', async () => {
  const html = `<html><head><style>a{color:red}</style></head><body bgcolor="#eee" onload="alert(1)" 1x="y" background="cid:logo@x"><div>${'<span><img src="cid:logo@x"></span>'.repeat(2_500)}</div></body></html>`;
  const { steps, result } = await page.evaluate<{ steps: number; result: SanitizedMessage }>(`(() => {
    const run = mailSanitizer.sanitizeMessageHtmlSteps(${JSON.stringify(html)}, { allowRemote: false, resolveContentId: () => 'data:image/png;base64,iVBORw0KGgo=' });
    let steps = 0;
    for (;;) { const step = run.next(); if (step.done) return { steps, result: step.value }; steps += 1; }
  })()`);
  assert.ok(steps >= 5_000 / 100, `${steps} steps`);
  assert.match(result.body, /^<body bgcolor="#eee" background="data:image\/png;base64,iVBORw0KGgo=">/);
  assert.equal((result.content.match(/<span><img src="data:image\/png;base64,iVBORw0KGgo="><\/span>/g) ?? []).length, 2_500);
  assert.equal(result.styles, '<style>a{color:red}</style>');
});

test('a part parsed a piece at a time reads as one string: no character pair or line end is broken where pieces meet', async () => {
  // Eleven characters a piece: the 32 KB pieces end at every offset within one, a surrogate pair and a CR LF among them.
  const piece = '<p>😀\r\n</p>';
  const copies = 20_000;
  const result = await sanitize(piece.repeat(copies));
  assert.equal(result.content, '<p>😀\n</p>'.repeat(copies));
});
