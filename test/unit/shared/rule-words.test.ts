import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeLeaveOnServer } from '../../../shared/accounts';
import { createTranslator } from '../../../shared/i18n/catalogs';
import { describeRuleRun } from '../../../shared/rule-ops';
import { describeRuleAction, describeRuleActions, ruleActionWords, ruleConditionMistake } from '../../../shared/rules';
import { checkForm, emptyForm, withAddressDefaults } from '../../../renderer/views/account-setup/setup-form';

const de = createTranslator('de').t;
const ar = createTranslator('ar').t;

test('rule actions read in English by default (the command line) and in the chosen language in the window', () => {
  assert.equal(describeRuleAction({ kind: 'move', folder: 'Lists' }), 'move to Lists');
  assert.equal(describeRuleActions({ actions: [{ kind: 'move', folder: 'Lists' }, { kind: 'mark-read' }], stop: true }), 'move to Lists, mark read, stop');
  assert.equal(ruleActionWords(de, { kind: 'tag', tag: 'todo' }), 'Schlagwort Zu erledigen');
  assert.equal(
    describeRuleActions({ actions: [{ kind: 'forward', to: 'carol@example.test', template: '' }, { kind: 'flag' }], stop: true }, ar),
    'إعادة التوجيه إلى carol@example.test، وضع علامة، التوقف',
  );
});

test('a rule run says what would happen and what happened, with each language’s plurals', () => {
  const entry = { action: { kind: 'move', folder: 'Lists' }, count: 3 } as const;
  assert.equal(describeRuleRun(entry, true), '3 messages would be moved to Lists.');
  assert.equal(describeRuleRun({ ...entry, count: 1 }, false), '1 message was moved to Lists.');
  assert.equal(describeRuleRun(entry, false, de), '3 Nachrichten wurden nach Lists verschoben.');
  assert.equal(describeRuleRun({ ...entry, count: 2 }, true, ar), 'ستُنقل رسالتان إلى Lists.');
});

test('the leave-on-server policy and the setup form’s problems speak the chosen language', () => {
  assert.equal(describeLeaveOnServer({ mode: 'days', days: 7 }), 'kept on the server for 7 days');
  assert.equal(describeLeaveOnServer({ mode: 'days', days: 7 }, de), '7 Tage auf dem Server behalten');
  const form = withAddressDefaults({ ...emptyForm(), displayName: 'Alice', address: 'alice', password: '' });
  const check = checkForm(de, { ...form, incoming: { ...form.incoming, port: 'x' } }, { passwordRequired: true });
  assert.equal(check.ok, false);
  assert.ok(!check.ok);
  assert.equal(check.errors.address, 'Das ist keine vollständige E-Mail-Adresse.');
  assert.equal(check.errors['incoming.port'], 'Geben Sie eine Portnummer von 1 bis 65535 ein.');
  assert.equal(check.errors.password, 'Geben Sie das Passwort dieses E-Mail-Kontos ein.');
});

test('a condition with a mistake is said in the reader’s language, where main says it in English', () => {
  assert.equal(ruleConditionMistake('from:anna', createTranslator('de').t), null, 'a condition that reads has no mistake');
  assert.equal(ruleConditionMistake('subject:"Lunch', createTranslator('en').t), 'The condition has a mistake: Missing closing quote at 9.');
  assert.equal(
    ruleConditionMistake('subject:"Lunch', createTranslator('de').t),
    'Die Bedingung enthält einen Fehler: Schließendes Anführungszeichen fehlt an Stelle 9.',
  );
  const arabic = ruleConditionMistake('from:anna (budget', createTranslator('ar').t) ?? '';
  assert.match(arabic, /^في الشرط خطأ: .+ عند الموضع 11\.$/);
  assert.doesNotMatch(arabic, /[A-Za-z]/);
});
