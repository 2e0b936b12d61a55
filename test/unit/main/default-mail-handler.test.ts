import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { offerDefaultMailHandler, MAILTO_SCHEME, type ConsentQuestion } from '../../../electron/main/default-mail-handler';
import { createTranslator } from '../../../shared/i18n/catalogs';
import { createFakeElectron } from '../../fakes/electron';

/** Runs the start-up check against the fake electron module, the dialog answering `answer`. */
async function runCheck(options: {
  packaged?: boolean;
  checkAtStartup?: boolean;
  answer?: { response: number; checkboxChecked?: boolean };
  alreadyDefault?: boolean;
}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mailbag-default-'));
  try {
    const fake = createFakeElectron(dir);
    const { app, dialog } = fake.electron;
    if (options.alreadyDefault === true) app.setAsDefaultProtocolClient(MAILTO_SCHEME);
    const before = fake.protocolClients.length;
    if (options.answer !== undefined) dialog.answers.push(options.answer);
    const saved: boolean[] = [];
    const registered = await offerDefaultMailHandler({
      isPackaged: options.packaged ?? true,
      checkAtStartup: options.checkAtStartup ?? true,
      isDefault: () => app.isDefaultProtocolClient(MAILTO_SCHEME),
      setDefault: () => app.setAsDefaultProtocolClient(MAILTO_SCHEME),
      ask: (question) => dialog.showMessageBox(question),
      setCheckAtStartup: async (check) => void saved.push(check),
      t: createTranslator('en').t,
    });
    return { registered, registrations: fake.protocolClients.slice(before), questions: dialog.shown as ConsentQuestion[], saved };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the installed app asks before it becomes the mail program, with an "Always check at startup" box', async () => {
  const run = await runCheck({ answer: { response: 0, checkboxChecked: true } });
  assert.equal(run.questions.length, 1);
  const [question] = run.questions;
  assert.equal(question?.message, 'Make Mailbag your default mail program?');
  assert.deepEqual(question?.buttons, ['Make default', 'Not now']);
  assert.equal(question?.checkboxLabel, 'Always check at startup');
  assert.equal(question?.checkboxChecked, true);
  assert.equal(question?.cancelId, 1);
  assert.deepEqual(run.registrations, ['mailto'], 'consent registers it');
  assert.equal(run.registered, true);
  assert.deepEqual(run.saved, [], 'the check stays on');
});

test('"Not now" leaves the system’s mail program alone; a cleared box stops the question', async () => {
  const notNow = await runCheck({ answer: { response: 1, checkboxChecked: true } });
  assert.equal(notNow.questions.length, 1);
  assert.deepEqual(notNow.registrations, [], 'no registration without consent');
  assert.deepEqual(notNow.saved, []);
  const never = await runCheck({ answer: { response: 1, checkboxChecked: false } });
  assert.deepEqual(never.registrations, []);
  assert.deepEqual(never.saved, [false], 'the check is turned off');
  const yesOnce = await runCheck({ answer: { response: 0, checkboxChecked: false } });
  assert.deepEqual(yesOnce.registrations, ['mailto']);
  assert.deepEqual(yesOnce.saved, [false]);
});

test('no question when the check is off, Mailbag already is the handler, or it runs from the source tree', async () => {
  for (const options of [{ checkAtStartup: false }, { alreadyDefault: true }, { packaged: false }]) {
    const run = await runCheck(options);
    assert.deepEqual(run.questions, [], JSON.stringify(options));
    assert.deepEqual(run.registrations, [], JSON.stringify(options));
    assert.equal(run.registered, false);
  }
});

test('the question speaks the chosen language', async () => {
  const asked: ConsentQuestion[] = [];
  await offerDefaultMailHandler({
    isPackaged: true,
    checkAtStartup: true,
    isDefault: () => false,
    setDefault: () => true,
    ask: async (question) => (asked.push(question), { response: 1 }),
    setCheckAtStartup: async () => undefined,
    t: createTranslator('de').t,
  });
  assert.deepEqual(asked[0]?.buttons, ['Als Standard festlegen', 'Jetzt nicht']);
});
