/**
 * Certificates the way a person meets them: the first account asks once for the certificate both of
 * its servers present, with "Valid until" in the reader's own date words and a fingerprint that never
 * breaks inside a byte; a second account on the same servers is not asked again — the certificate is
 * offered as already trusted, and every check passes.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import { assertAccessible } from './support/accessibility';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, WINDOW_SIZES, type MailEnvironment } from './support/mail-environment';
import { fillManualServers } from './support/setup-form';
import { E2E_LOCALE, ui, uiPattern } from './support/words';
import { formattingLocale } from '../../shared/i18n/catalogs';

const UI_TIMEOUT_MS = 30_000;
let env: MailEnvironment;

before(async () => {
  env = await startMailEnvironment();
});

after(async () => {
  await env?.stop();
});

/** Both test servers as account setup lists them ("127.0.0.1:995 and 127.0.0.1:587" in English). */
function bothServers(): string {
  return new Intl.ListFormat(formattingLocale(E2E_LOCALE), { type: 'conjunction' }).format([
    `127.0.0.1:${env.postfix.dovecot.tlsPort}`,
    `127.0.0.1:${env.postfix.submissionPort}`,
  ]);
}

/** Opens account setup and fills the manual settings of the test servers (no CA given: the certificate is untrusted). */
async function setUpManually(page: Page, person: { name: string; address: string; accountName: string }): Promise<void> {
  const { postfix } = env;
  await page.getByLabel(ui('setup.yourName')).fill(person.name);
  await page.getByLabel(ui('setup.address')).fill(person.address);
  await page.getByLabel(ui('password.label'), { exact: true }).fill(postfix.password);
  await page.getByRole('button', { name: ui('setup.manual') }).click();
  await fillManualServers(page, postfix, person.accountName);
}

/**
 * Pairs of fingerprint characters (bytes) whose two characters sit on different lines. Evaluated as
 * source text: the test runner's helpers for named functions do not exist in the page.
 */
function bytesSplitAcrossLines(page: Page): Promise<number> {
  return page.evaluate<number>(`(() => {
    const code = document.querySelector('dialog[open] .fingerprint');
    if (code === null) return -1;
    const tops = [];
    const walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      for (let offset = 0; offset < node.data.length; offset += 1) {
        if (!/[0-9A-F]/.test(node.data.charAt(offset))) continue;
        const range = document.createRange();
        range.setStart(node, offset);
        range.setEnd(node, offset + 1);
        tops.push(Math.round(range.getBoundingClientRect().top));
      }
    }
    let split = 0;
    for (let index = 0; index + 1 < tops.length; index += 2) if (tops[index] !== tops[index + 1]) split += 1;
    return tops.length === 64 ? split : -tops.length;
  })()`);
}

test(
  'the first account asks once for the certificate of both servers: dates in the reader’s words, fingerprint broken only between bytes',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    const { page, problems } = await env.openPage(WINDOW_SIZES[0]);
    await page.getByRole('button', { name: ui('common.continue') }).click();
    await setUpManually(page, { name: 'Alice Example', address: 'alice@example.test', accountName: 'Alice' });
    await page.getByRole('button', { name: ui('setup.test') }).click();

    const dialog = page.getByRole('dialog', { name: ui('setup.certTitle') });
    await dialog.waitFor({ timeout: UI_TIMEOUT_MS });
    const validUntil = (
      await dialog
        .locator('dt', { hasText: ui('setup.fact.validUntil') })
        .locator('xpath=following-sibling::dd')
        .innerText()
    ).trim();
    assert.doesNotMatch(validUntil, /^\d{4}-\d{2}-\d{2}T/, 'not a raw ISO string');
    // The facts main judged are in the reader's language: why the chain is not trusted, whether the name matches.
    const factValue = async (id: 'setup.fact.chainTrusted' | 'setup.fact.nameMatches') =>
      (
        await dialog
          .locator('dt', { hasText: ui(id) })
          .locator('xpath=following-sibling::dd')
          .innerText()
      ).trim();
    const notSigned = ui('tls.reason', { reason: 'unknownAuthority', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    assert.equal(await factValue('setup.fact.chainTrusted'), ui('doctor.fact.noBecause', { reason: notSigned }));
    assert.equal(await factValue('setup.fact.nameMatches'), ui('doctor.fact.yes'));
    assert.match(await dialog.innerText(), uiPattern('doctor.cert.untrusted'));
    // The year in the language's own digits (Arabic writes ٢٠٢٧).
    assert.match(validUntil, /(^|\D)(20\d\d|٢٠[٠-٩]{2})(\D|$)/);
    const lines = await page.evaluate(() => {
      const code = document.querySelector('dialog[open] .fingerprint');
      return code === null ? 0 : Math.round(code.getBoundingClientRect().height / parseFloat(getComputedStyle(code).lineHeight || '16'));
    });
    assert.ok(lines >= 2, `the fingerprint wraps in this dialog (${lines} lines)`);
    assert.equal(await bytesSplitAcrossLines(page), 0, 'no byte of the fingerprint is split across lines');
    assert.match(await dialog.innerText(), new RegExp(`${uiPattern('setup.fact.fingerprint').source}\\s+([0-9A-F]{2}:){31}[0-9A-F]{2}`));
    await assertAccessible(page, 'certificate prompt');
    await env.screenshot(page, 'certificate-one-question');

    await dialog.getByRole('button', { name: ui('setup.certTrust', { servers: bothServers() }) }).click();
    const results = page.getByRole('region', { name: ui('setup.testResults') });
    await results
      .getByRole('status')
      .filter({ hasText: ui('setup.allPassed') })
      .waitFor({ timeout: UI_TIMEOUT_MS });
    assert.equal(await page.getByRole('dialog').count(), 0, 'one question was enough for both servers');
    await page.getByRole('button', { name: ui('setup.save') }).click();
    await page
      .getByRole('tree', { name: ui('folder.pane') })
      .getByRole('treeitem', { name: /^Alice/ })
      .first()
      .waitFor({ timeout: UI_TIMEOUT_MS });
    assert.deepEqual(problems, []);
    await page.close();
  },
);

test('a second account on the same servers is not asked again: the certificate is offered as already trusted', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await env.openPage(WINDOW_SIZES[0]);
  await page.getByRole('tree', { name: ui('folder.pane') }).waitFor({ timeout: UI_TIMEOUT_MS });
  await page.getByRole('button', { name: ui('folder.addAccount') }).click();
  await setUpManually(page, { name: 'Bob Example', address: 'bob@example.test', accountName: 'Bob' });
  await page.getByRole('button', { name: ui('setup.test') }).click();
  const notice = page.getByRole('status').filter({ hasText: ui('setup.alreadyTrusted', { servers: bothServers() }) });
  await notice.waitFor({ timeout: UI_TIMEOUT_MS });
  const results = page.getByRole('region', { name: ui('setup.testResults') });
  await results
    .getByRole('status')
    .filter({ hasText: ui('setup.allPassed') })
    .waitFor({ timeout: UI_TIMEOUT_MS });
  assert.equal(await page.getByRole('dialog').count(), 0, 'no certificate question');
  await assertAccessible(page, 'account setup with a certificate trusted before');
  await env.screenshot(page, 'certificate-already-trusted');

  await page.getByRole('button', { name: ui('setup.save') }).click();
  await page
    .getByRole('tree', { name: ui('folder.pane') })
    .getByRole('treeitem', { name: /^Bob/ })
    .first()
    .waitFor({ timeout: UI_TIMEOUT_MS });
  const accounts = await env.client.call('listAccounts', undefined);
  assert.ok(accounts.ok);
  const [alice, bob] = ['Alice', 'Bob'].map((name) => accounts.value.find((account) => account.name === name)?.settings);
  assert.ok(alice !== undefined && alice !== null && bob !== undefined && bob !== null);
  assert.deepEqual(bob.incoming.pinnedCertificate, alice.incoming.pinnedCertificate);
  assert.deepEqual(bob.outgoing.pinnedCertificate, alice.outgoing.pinnedCertificate);
  assert.deepEqual(problems, []);
  await page.close();
});

test(
  'a server that presents another certificate than the one trusted: the status line says so in the reader’s language',
  { timeout: MAIL_E2E_TIMEOUT_MS },
  async () => {
    const accounts = await env.client.call('listAccounts', undefined);
    assert.ok(accounts.ok);
    const alice = accounts.value.find((account) => account.name === 'Alice');
    const settings = alice?.settings;
    assert.ok(alice !== undefined && settings !== undefined && settings !== null && settings.incoming.pinnedCertificate !== undefined);
    // The trusted certificate is replaced by another one (here: the pin names other bytes than the server presents).
    const pinned = settings.incoming.pinnedCertificate;
    const other = `${pinned.fingerprint256.slice(0, -1)}${pinned.fingerprint256.endsWith('0') ? '1' : '0'}`;
    const changed = { ...settings, incoming: { ...settings.incoming, pinnedCertificate: { ...pinned, fingerprint256: other } } };
    const saved = await env.client.call('saveAccount', { id: alice.id, settings: changed });
    assert.ok(saved.ok, saved.ok ? '' : saved.error.message);

    const { page, problems } = await env.openPage(WINDOW_SIZES[0]);
    await page.getByRole('tree', { name: ui('folder.pane') }).waitFor({ timeout: UI_TIMEOUT_MS });
    await page
      .getByRole('tree', { name: ui('folder.pane') })
      .getByRole('treeitem', { name: /^Alice/ })
      .first()
      .click();
    await page.locator('body').press('F9');
    const status = page
      .getByRole('status')
      .filter({ hasText: ui('status.accountProblem', { account: 'Alice', problem: ui('tls.changed') }) })
      .filter({ hasText: ui('status.certificateNextStep') });
    await status.waitFor({ timeout: UI_TIMEOUT_MS });
    if (E2E_LOCALE !== 'en') assert.doesNotMatch(await status.innerText(), /different certificate/, 'not main’s English');
    await env.screenshot(page, 'certificate-changed-status');
    assert.deepEqual(problems, []);
    await page.close();
  },
);
