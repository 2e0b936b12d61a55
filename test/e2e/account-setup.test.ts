import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { assertAccessible } from './support/accessibility';
import { MAIL_E2E_TIMEOUT_MS, startMailEnvironment, WINDOW_SIZES, type MailEnvironment } from './support/mail-environment';
import { fillManualServers } from './support/setup-form';
import { E2E_LOCALE, ui, uiPattern } from './support/words';
import { formattingLocale } from '../../shared/i18n/catalogs';

/**
 * Account setup, first run and Settings in a real browser against the real Postfix and Dovecot, with
 * the keychain on a private Secret Service. Discovery is not exercised here: for example.test it
 * would ask the system's DNS resolver, which is not on this machine, so the user goes straight to
 * "Set up manually" as they would when their provider is unknown.
 */

const ADDRESS = 'alice@example.test';

let env: MailEnvironment;

before(async () => {
  env = await startMailEnvironment();
});

after(async () => {
  await env?.stop();
});

/** Both test servers as the certificate prompt lists them ("127.0.0.1:995 and 127.0.0.1:587" in English). */
function bothServers(): string {
  return new Intl.ListFormat(formattingLocale(E2E_LOCALE), { type: 'conjunction' }).format([
    `127.0.0.1:${env.postfix.dovecot.tlsPort}`,
    `127.0.0.1:${env.postfix.submissionPort}`,
  ]);
}

/** Screenshots of the page at every window size, back at the small size afterwards. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const size of WINDOW_SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await env.screenshot(page, `account-setup-${name}-${size.name}`);
  }
  await page.setViewportSize({ width: WINDOW_SIZES[0].width, height: WINDOW_SIZES[0].height });
}

/** Fills the first page of account setup. */
async function fillFirstPage(page: Page, password: string): Promise<void> {
  await page.getByRole('heading', { name: ui('setup.addTitle') }).waitFor();
  await page.getByLabel(ui('setup.yourName')).fill('Alice Example');
  await page.getByLabel(ui('setup.address')).fill(ADDRESS);
  await page.getByLabel(ui('password.label'), { exact: true }).fill(password);
}

/** The rows of a doctor step's table as the window shows them (opened first): name → value and meaning. */
async function stepRows(results: Locator, title: string): Promise<Map<string, string>> {
  const step = results.getByRole('listitem').filter({ hasText: title });
  await step.getByText(ui('common.details'), { exact: true }).click();
  const names = await step.getByRole('term').allInnerTexts();
  const values = await step.getByRole('definition').allInnerTexts();
  assert.ok(names.length > 0 && names.length === values.length, `${title}: ${names.length} names, ${values.length} values`);
  return new Map(names.map((name, index) => [name.trim(), (values[index] ?? '').trim()]));
}

/** The text of the error tied to a control by aria-describedby. */
async function describedError(page: Page, label: string): Promise<string> {
  const control = page.getByLabel(label, { exact: true });
  await page.waitForFunction((name) => {
    const input = [...document.querySelectorAll('input')].find((element) => element.labels?.[0]?.textContent === name);
    return input?.getAttribute('aria-invalid') === 'true';
  }, label);
  const ids = (await control.getAttribute('aria-describedby')) ?? '';
  const texts = await Promise.all(
    ids
      .split(' ')
      .filter(Boolean)
      .map((id) => page.locator(`[id="${id}"]`).innerText()),
  );
  return texts.join(' ');
}

test('a wrong password is said next to the password field, and nothing is saved', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await env.openPage(WINDOW_SIZES[0]);
  await page.getByRole('heading', { name: ui('firstRun.title') }).waitFor();
  await assertAccessible(page, 'first run');
  await shoot(page, 'first-run');

  await page.getByRole('button', { name: ui('common.continue') }).click();
  await fillFirstPage(page, 'not-the-password');
  await assertAccessible(page, 'account setup, first page');
  await shoot(page, 'first-page');

  await page.getByRole('button', { name: ui('setup.manual') }).click();
  await fillManualServers(page, env.postfix, 'Alice');
  // This time the user gives the servers' CA, so the certificate is trusted without a prompt.
  await page.getByLabel(ui('setup.extraCa')).fill(env.postfix.caPem);
  await assertAccessible(page, 'account setup, manual settings');
  await shoot(page, 'manual');

  await page.getByRole('button', { name: ui('setup.save') }).click();
  const error = await describedError(page, ui('password.label'));
  assert.match(error, uiPattern('settings.error.AUTH_FAILED'));
  await shoot(page, 'wrong-password');

  const accounts = await env.client.call('listAccounts', undefined);
  assert.ok(accounts.ok);
  assert.deepEqual(accounts.value, [], 'nothing is saved after a refused password');
  assert.equal(await page.getByRole('dialog').count(), 0, 'a refused password is not a certificate problem');
  assert.deepEqual(problems, []);
  await page.close();
});

test('first run to a working account: manual settings, trust the certificates, test, save, mail window', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await env.openPage(WINDOW_SIZES[0]);
  await page.getByRole('button', { name: ui('common.continue') }).click();
  await fillFirstPage(page, env.postfix.password);
  await page.getByRole('button', { name: ui('setup.manual') }).click();
  await fillManualServers(page, env.postfix, 'Alice');
  assert.equal(await page.getByLabel(ui('setup.yourName')).inputValue(), 'Alice Example', 'the first page’s answers carry over');

  await page.getByRole('button', { name: ui('setup.test') }).click();
  // The test CA is not trusted: the certificate is offered with its fingerprint, once for both servers that present it.
  const prompts: string[] = [];
  for (let round = 0; round < 1; round += 1) {
    const dialog = page.getByRole('dialog', { name: ui('setup.certTitle') });
    await dialog.waitFor();
    const text = await dialog.innerText();
    assert.match(text, new RegExp(`${uiPattern('setup.fact.fingerprint').source}\\s+([0-9A-F]{2}:){31}[0-9A-F]{2}`));
    const trust = dialog.getByRole('button', { name: ui('setup.certTrust', { servers: bothServers() }) });
    const name = (await trust.innerText()).trim();
    prompts.push(name);
    if (round === 0) {
      await assertAccessible(page, 'certificate prompt');
      await shoot(page, 'certificate');
    }
    await trust.click();
    await page.waitForFunction((previous) => ![...document.querySelectorAll('dialog[open] button')].some((button) => button.textContent === previous), name);
  }
  assert.deepEqual(prompts, [ui('setup.certTrust', { servers: bothServers() })]);

  // With both pinned the doctor runs again by itself and every check passes.
  const results = page.getByRole('region', { name: ui('setup.testResults') });
  await results
    .getByRole('status')
    .filter({ hasText: ui('setup.allPassed') })
    .waitFor();
  const steps = await results
    .getByRole('list', { name: ui('setup.checks') })
    .getByRole('listitem')
    .allInnerTexts();
  for (const title of [ui('doctor.title.pop3Tls'), ui('doctor.title.pop3Login'), ui('doctor.title.smtpTls')]) {
    const step = steps.find((text) => text.includes(title));
    assert.ok(step !== undefined && step.includes(ui('setup.status.ok')), `${title}: ${step ?? 'missing'}`);
  }
  // The steps' tables speak the window's language too: the capabilities with what they mean, the
  // certificate's rows and the outgoing server's, worded by main for this window.
  const capabilities = await stepRows(results, ui('doctor.title.pop3Capabilities'));
  assert.ok(capabilities.get('UIDL')?.startsWith(ui('doctor.fact.yes')), `UIDL: ${capabilities.get('UIDL') ?? 'missing'}`);
  assert.ok(capabilities.get('UIDL')?.includes(ui('doctor.cap.uidlMeaning')), `UIDL: ${capabilities.get('UIDL') ?? 'missing'}`);
  assert.ok(capabilities.get('TOP')?.includes(ui('doctor.cap.topMeaning')), `TOP: ${capabilities.get('TOP') ?? 'missing'}`);
  assert.equal(capabilities.get('STLS'), ui('doctor.cap.stlsNotNeeded'));
  const certificate = await stepRows(results, ui('doctor.title.pop3Tls'));
  assert.equal(certificate.get(ui('setup.fact.nameMatches')), ui('doctor.fact.yes'), [...certificate].join('\n'));
  const outgoing = await stepRows(results, ui('doctor.title.smtpSession'));
  assert.match(outgoing.get(ui('doctor.fact.encryption')) ?? '', /^TLSv1\.[23]$/, [...outgoing].join('\n'));
  assert.ok(outgoing.get(ui('doctor.fact.sizeLimit'))?.includes(ui('doctor.smtp.sizeMeaning')), [...outgoing].join('\n'));
  await results.locator('.doctor-transcript > summary').click();
  const transcript = await results.getByLabel(ui('setup.transcript'), { exact: true }).innerText();
  assert.match(transcript, /\+OK/);
  assert.ok(!transcript.includes(env.postfix.password), 'the transcript never shows the password');
  await assertAccessible(page, 'doctor results');
  await shoot(page, 'doctor');

  await page.getByRole('button', { name: ui('setup.save') }).click();
  const tree = page.getByRole('tree', { name: ui('folder.pane') });
  await tree
    .getByRole('treeitem', { name: /^Alice/ })
    .first()
    .waitFor();
  await shoot(page, 'mail-window');

  const accounts = await env.client.call('listAccounts', undefined);
  assert.ok(accounts.ok);
  assert.equal(accounts.value.length, 1);
  const settings = accounts.value[0]?.settings;
  assert.equal(settings?.name, 'Alice');
  assert.equal(settings?.displayName, 'Alice Example');
  assert.equal(settings?.incoming.pinnedCertificate?.port, env.postfix.dovecot.tlsPort);
  assert.equal(settings?.outgoing.pinnedCertificate?.port, env.postfix.submissionPort);
  assert.deepEqual(settings?.policy.leaveOnServer, { mode: 'days', days: 14 }, 'unanswered, mail stays on the server for 14 days');
  assert.deepEqual(problems, []);
  await page.close();
});

test('Settings: changes persist after a reload; Test runs the doctor; Remove says what is deleted', { timeout: MAIL_E2E_TIMEOUT_MS }, async () => {
  const { page, problems } = await env.openPage(WINDOW_SIZES[0]);
  await page
    .getByRole('toolbar', { name: ui('toolbar.label') })
    .getByRole('button', { name: ui('toolbar.settings') })
    .click();
  await page.getByRole('heading', { name: ui('toolbar.settings') }).waitFor();
  await page
    .getByRole('list', { name: ui('settings.accounts') })
    .getByText('alice@example.test')
    .waitFor();
  await assertAccessible(page, 'settings, accounts');
  await shoot(page, 'settings-accounts');

  await page.getByRole('tab', { name: ui('settings.general') }).click();
  await page.getByLabel(ui('settings.checkEvery')).fill('25');
  await page.getByLabel(ui('settings.checkAtStartup')).uncheck();
  await page.getByLabel(ui('settings.sendImmediately')).uncheck();
  await page.getByLabel(ui('settings.undoSend')).fill('40');
  assert.match(await describedError(page, ui('settings.undoSend')), uiPattern('settings.rangeSeconds', { max: 30 }));
  await page.getByLabel(ui('settings.undoSend')).fill('12');
  await assertAccessible(page, 'settings, general');
  await shoot(page, 'settings-general');
  await page.getByRole('tab', { name: ui('settings.notifications') }).click();
  await page.getByLabel(ui('settings.notifyNewMail')).uncheck();
  await page.getByRole('button', { name: ui('settings.allowNotifications') }).waitFor();
  await shoot(page, 'settings-notifications');
  await page.getByRole('tab', { name: ui('settings.keyboard') }).click();
  const shortcuts = await page.getByRole('table', { name: ui('settings.shortcuts') }).innerText();
  const ctrl = ui('settings.key.ctrl');
  const shift = ui('settings.key.shift');
  for (const keys of ['F9', `${ctrl}+N`, `${ctrl}+R`, `${ctrl}+${shift}+R`, `${ctrl}+F`, ui('settings.key.delete'), ui('settings.shortcut.deleteSelected')])
    assert.ok(shortcuts.includes(keys), keys);
  const either = new Intl.ListFormat(formattingLocale(E2E_LOCALE), { type: 'disjunction' }).format([`${ctrl}+E`, '/']);
  assert.ok(shortcuts.includes(either), either);
  await assertAccessible(page, 'settings, keyboard');
  await shoot(page, 'settings-keyboard');

  const expected = { checkIntervalMinutes: 25, checkAtStartup: false, sendImmediately: false, undoSendSeconds: 12, notifications: false };
  const saved = await env.client.call('getSettings', undefined);
  assert.ok(saved.ok);
  assert.deepEqual(
    {
      checkIntervalMinutes: saved.value.checkIntervalMinutes,
      checkAtStartup: saved.value.checkAtStartup,
      sendImmediately: saved.value.sendImmediately,
      undoSendSeconds: saved.value.undoSendSeconds,
      notifications: saved.value.notifications,
    },
    expected,
  );

  await page.reload();
  await page
    .getByRole('toolbar', { name: ui('toolbar.label') })
    .getByRole('button', { name: ui('toolbar.settings') })
    .click();
  await page.getByRole('tab', { name: ui('settings.general') }).click();
  assert.equal(await page.getByLabel(ui('settings.checkEvery')).inputValue(), '25');
  assert.equal(await page.getByLabel(ui('settings.checkAtStartup')).isChecked(), false);
  assert.equal(await page.getByLabel(ui('settings.sendImmediately')).isChecked(), false);
  assert.equal(await page.getByLabel(ui('settings.undoSend')).inputValue(), '12');
  await page.getByRole('tab', { name: ui('settings.notifications') }).click();
  assert.equal(await page.getByLabel(ui('settings.notifyNewMail')).isChecked(), false);

  // The doctor for the saved account, with its saved password.
  await page.getByRole('tab', { name: ui('settings.accounts') }).click();
  await page.getByRole('button', { name: ui('settings.testNamed', { name: 'Alice' }) }).click();
  const doctor = page.getByRole('dialog', { name: ui('settings.doctorTitle', { name: 'Alice' }) });
  await doctor
    .getByRole('status')
    .filter({ hasText: ui('setup.allPassed') })
    .waitFor();
  await assertAccessible(page, 'doctor view');
  await shoot(page, 'settings-doctor');
  await doctor.getByRole('button', { name: ui('common.close') }).click();
  await doctor.waitFor({ state: 'detached' });

  // Edit opens the saved settings in account setup; the saved password stays unless a new one is typed.
  await page.getByRole('button', { name: ui('settings.editNamed', { name: 'Alice' }) }).click();
  await page.getByRole('heading', { name: ui('setup.editTitle') }).waitFor();
  assert.equal(await page.getByLabel(ui('setup.accountName')).inputValue(), 'Alice');
  assert.equal(await page.getByLabel(ui('setup.incomingPort')).inputValue(), String(env.postfix.dovecot.tlsPort));
  assert.equal(await page.getByLabel(ui('password.label'), { exact: true }).inputValue(), '');
  await page.getByRole('button', { name: ui('setup.stopTrusting', { server: `127.0.0.1:${env.postfix.dovecot.tlsPort}` }) }).waitFor();
  await page.getByRole('button', { name: ui('setup.stopTrusting', { server: `127.0.0.1:${env.postfix.submissionPort}` }) }).waitFor();
  await assertAccessible(page, 'account setup, editing');
  await shoot(page, 'edit');
  // The other choices of the form, discarded by Cancel: a separate outgoing sign-in asks for its own
  // user name and password (an empty password keeps the saved one), and only the incoming user name
  // is offered to a password manager.
  await page.getByLabel(ui('setup.signInMethod')).selectOption('USER');
  assert.equal(await page.getByLabel(ui('setup.signInMethod')).inputValue(), 'USER');
  await page.getByLabel(ui('setup.outgoingSignIn')).selectOption('separate');
  await page.getByLabel(ui('setup.outgoingUser')).fill('relay-user');
  assert.equal(await page.getByLabel(ui('setup.outgoingUser')).inputValue(), 'relay-user');
  assert.equal(await page.getByLabel(ui('setup.outgoingUser')).getAttribute('autocomplete'), null);
  assert.equal(await page.getByLabel(ui('setup.incomingUser')).getAttribute('autocomplete'), 'username');
  assert.equal(await page.getByText(ui('setup.keepPassword')).count(), 2, 'both passwords say an empty one keeps the saved one');
  await page.getByLabel(ui('setup.sizeLimit')).fill('2048');
  assert.equal(await page.getByLabel(ui('setup.sizeLimit')).inputValue(), '2048');
  await page.getByRole('button', { name: ui('common.cancel') }).click();
  await page.getByRole('heading', { name: ui('toolbar.settings') }).waitFor();

  // An outgoing server that needs no sign-in is a choice of its own, kept with the account.
  await page.getByRole('button', { name: ui('settings.editNamed', { name: 'Alice' }) }).click();
  await page.getByRole('heading', { name: ui('setup.editTitle') }).waitFor();
  await page.getByLabel(ui('setup.outgoingSignIn')).selectOption('none');
  assert.equal(await page.getByLabel(ui('setup.outgoingPassword')).count(), 0, 'no outgoing password is asked for');
  await shoot(page, 'edit-no-outgoing-sign-in');
  const openSettings = async (): Promise<void> => {
    await page
      .getByRole('toolbar', { name: ui('toolbar.label') })
      .getByRole('button', { name: ui('toolbar.settings') })
      .click();
    await page.getByRole('heading', { name: ui('toolbar.settings') }).waitFor();
  };
  // Saving an edit goes back to the mail window.
  await page.getByRole('button', { name: ui('setup.save') }).click();
  await openSettings();
  const edited = await env.client.call('listAccounts', undefined);
  assert.ok(edited.ok);
  assert.equal(edited.value[0]?.settings?.outgoing.credentials, 'none');
  await page.getByRole('button', { name: ui('settings.editNamed', { name: 'Alice' }) }).click();
  await page.getByRole('heading', { name: ui('setup.editTitle') }).waitFor();
  assert.equal(await page.getByLabel(ui('setup.outgoingSignIn')).inputValue(), 'none');
  await page.getByLabel(ui('setup.outgoingSignIn')).selectOption('same');
  await page.getByRole('button', { name: ui('setup.save') }).click();
  await openSettings();

  // One message stored here, so removing the account says it goes too.
  await env.deliver(`From: Bob <bob@example.test>\r\nTo: ${ADDRESS}\r\nSubject: Stored here\r\nMessage-ID: <stored-here@example.test>\r\n\r\nHello.\r\n`, {
    from: 'bob@example.test',
    to: [ADDRESS],
  });
  const started = await env.client.call('startSendReceive', undefined);
  assert.ok(started.ok && started.value.started.length === 1, JSON.stringify(started));
  let stored = 0;
  for (const deadline = Date.now() + 30_000; stored === 0 && Date.now() < deadline;) {
    const list = await env.client.call('listAccounts', undefined);
    stored = list.ok ? (list.value[0]?.messageCount ?? 0) : 0;
    if (stored === 0) await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.ok(stored > 0, 'Send/Receive stored the message');

  await page.reload();
  await page
    .getByRole('toolbar', { name: ui('toolbar.label') })
    .getByRole('button', { name: ui('toolbar.settings') })
    .click();
  await page.getByRole('button', { name: ui('settings.removeNamed', { name: 'Alice' }) }).click();
  const confirm = page.getByRole('alertdialog', { name: ui('settings.removeTitle', { name: 'Alice' }) });
  await confirm.getByText(ui('settings.removeMail', { count: stored })).waitFor();
  await assertAccessible(page, 'remove confirmation');
  await shoot(page, 'settings-remove');
  await confirm.getByRole('button', { name: ui('settings.removeAccount') }).click();
  await page.getByText(ui('settings.noAccounts')).waitFor();
  const after = await env.client.call('listAccounts', undefined);
  assert.ok(after.ok);
  assert.deepEqual(after.value, []);
  assert.deepEqual(problems, []);
  await page.close();
});
