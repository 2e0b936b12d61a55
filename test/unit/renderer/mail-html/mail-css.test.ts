import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanMailCss, type MailResourcePolicy } from '../../../../renderer/mail-html/mail-css';
import { classifyMailUrl, contentIdOfUrl, referencedContentIds } from '../../../../renderer/mail-html/mail-urls';

const blocked: MailResourcePolicy = { allowRemote: false, resolveContentId: (id) => (id === 'logo@x' ? 'data:image/png;base64,AAAA' : null) };
const allowed: MailResourcePolicy = { ...blocked, allowRemote: true };

test('image URLs are classified: data images, cid parts, remote (protocol-relative too), anything else', () => {
  assert.equal(classifyMailUrl('data:image/png;base64,AAAA'), 'data-image');
  assert.equal(classifyMailUrl('data:text/html,<script>'), 'other');
  assert.equal(classifyMailUrl('cid:logo@x'), 'cid');
  assert.equal(classifyMailUrl('http://127.0.0.1/a.png'), 'remote');
  assert.equal(classifyMailUrl(' HTTPS://x/a.png'), 'remote');
  assert.equal(classifyMailUrl('//x.test/a.png'), 'remote');
  assert.equal(classifyMailUrl('\\\\x.test/a.png'), 'remote');
  assert.equal(classifyMailUrl('java\tscript:alert(1)'), 'other');
  assert.equal(classifyMailUrl('images/a.png'), 'other');
});

test('cid: URLs name Content-IDs without brackets, percent-decoded, in any case', () => {
  assert.equal(contentIdOfUrl('cid:Logo%40X'), 'logo@x');
  assert.deepEqual([...referencedContentIds('<img src="cid:a@b"><td background=\'CID:c%40d\'>')], ['a@b', 'c@d']);
});

test('@import, web fonts and remote url() are removed until allowed, and counted', () => {
  const css =
    '@import url(http://127.0.0.1:9/a.css); @import "http://127.0.0.1:9/b.css"; @font-face { font-family: x; src: url(http://127.0.0.1:9/f.woff) } body { background: url("http://127.0.0.1:9/bg.png") #fff }';
  const clean = cleanMailCss(css, blocked);
  assert.doesNotMatch(clean.css, /127\.0\.0\.1|@import|@font-face/);
  assert.match(clean.css, /background: none #fff/);
  assert.equal(clean.blockedRemote, 3);
  const open = cleanMailCss(css, allowed);
  assert.match(open.css, /url\("http:\/\/127\.0\.0\.1:9\/bg\.png"\)/);
  assert.doesNotMatch(open.css, /@import|@font-face|a\.css|f\.woff/, 'stylesheets and fonts never load, even when allowed');
});

test('escapes, comments and other fetching functions cannot smuggle a URL past the cleaner', () => {
  for (const css of [
    'a { background: \\75rl(http://127.0.0.1:9/x) }',
    'a { background: u/**/rl(http://127.0.0.1:9/x) }',
    'a { background-image: image-set("http://127.0.0.1:9/x" 1x) }',
    'a { background-image: -webkit-image-set(url(http://127.0.0.1:9/x) 1x) }',
    'a { width: expression(alert(1)) }',
    'a { background: url(http://127.0.0.1:9/x',
  ]) {
    const clean = cleanMailCss(css, blocked);
    assert.doesNotMatch(clean.css, /url\(\s*["']?(?:https?:)?\/\//i, css);
    assert.doesNotMatch(clean.css, /image-set\(|expression\(/i, css);
  }
});

test('cid: references become the part’s data: URL; unknown parts and relative URLs become none', () => {
  assert.equal(cleanMailCss('td { background: url(cid:Logo@X) }', blocked).css, 'td { background: url("data:image/png;base64,AAAA") }');
  assert.equal(cleanMailCss('td { background: url(cid:other@x) }', blocked).css, 'td { background: none }');
  assert.equal(cleanMailCss('td { background: url(/etc/passwd) }', blocked).css, 'td { background: none }');
});

test('a style element cannot be closed from inside its text', () => {
  assert.doesNotMatch(cleanMailCss('a{} </style><script>alert(1)</script>', blocked).css, /</);
});
