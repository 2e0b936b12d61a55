import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SIGNATURE_HTML_LENGTH, type Account } from '../../../../../shared/accounts';
import type { DiscoveredServer, DiscoveryOutcome } from '../../../../../shared/discovery';
import type { DoctorReport, DoctorStep } from '../../../../../shared/doctor';
import { certificateProblems, serverLabel, trustCertificate } from '../../../../../renderer/views/account-setup/certificates';
import {
  checkFirstPage,
  checkForm,
  emptyForm,
  fieldForPath,
  formFromAccount,
  settingsFromForm,
  typedPasswords,
  withAddressDefaults,
  withDiscovery,
  type SetupForm,
} from '../../../../../renderer/views/account-setup/setup-form';
import { createTranslator } from '../../../../../shared/i18n/catalogs';

const en = createTranslator('en').t;

const FINGERPRINT = Array.from({ length: 32 }, (_, index) => (index + 16).toString(16).toUpperCase().padStart(2, '0')).join(':');

/** A complete form for alice@example.com on the usual ports. */
function filled(overrides: Partial<SetupForm> = {}): SetupForm {
  return withAddressDefaults({ ...emptyForm(), displayName: 'Alice Example', address: 'alice@example.com', password: 'secret', ...overrides });
}

test('the first page fills in the account name, user names and the usual server names from the address', () => {
  const form = filled();
  assert.equal(form.accountName, 'alice@example.com');
  assert.equal(form.incoming.host, 'pop.example.com');
  assert.equal(form.outgoing.host, 'smtp.example.com');
  assert.equal(form.incoming.username, 'alice@example.com');
  const check = checkForm(en, form, { passwordRequired: true });
  assert.ok(check.ok, JSON.stringify(check));
  assert.deepEqual(check.settings.policy.leaveOnServer, { mode: 'days', days: 14 });
  assert.equal(check.settings.incoming.port, 995);
});

test('the first page says what is missing next to each field, in plain words', () => {
  const errors = checkFirstPage(en, { ...emptyForm(), address: 'alice', password: '' });
  assert.equal(errors.address, 'This is not a complete e-mail address.');
  assert.equal(errors.password, 'Enter the password of this e-mail account.');
  assert.deepEqual(checkFirstPage(en, filled()), {});
});

test('editing keeps the saved password when the field is left empty; a new account needs one', () => {
  const form = filled({ password: '' });
  assert.ok(checkForm(en, form, { passwordRequired: false }).ok);
  const check = checkForm(en, form, { passwordRequired: true });
  assert.ok(!check.ok);
  assert.ok(check.errors.password !== undefined);
});

test('a test or a save sends only the passwords typed, the outgoing one only when it signs in on its own', () => {
  assert.deepEqual(typedPasswords(filled()), { pop3Password: 'secret' });
  assert.deepEqual(typedPasswords(filled({ password: '' })), {}, 'an empty box keeps the saved password');
  const same = filled({ smtpPassword: 'other' });
  assert.deepEqual(typedPasswords(same), { pop3Password: 'secret' }, 'with the same sign-in the outgoing box is ignored');
  const separate = { ...same, outgoing: { ...same.outgoing, credentials: 'separate' as const } };
  assert.deepEqual(typedPasswords(separate), { pop3Password: 'secret', smtpPassword: 'other' });
  assert.deepEqual(typedPasswords({ ...separate, smtpPassword: '' }), { pop3Password: 'secret' });
});

test('technical schema messages become plain words on the field they belong to', () => {
  const check = checkForm(en, filled({ incoming: { ...filled().incoming, port: 'abc' }, leaveDays: '0', sizeLimitKb: '-5' }), { passwordRequired: true });
  assert.ok(!check.ok);
  assert.equal(check.errors['incoming.port'], 'Enter a port number from 1 to 65535.');
  assert.equal(check.errors.leaveDays, 'Enter a number of days from 1 to 3650.');
  assert.equal(check.errors.sizeLimitKb, 'Enter a size in KB, or leave it empty for no limit.');
});

test('plaintext needs the explicit "send my password unencrypted" confirmation', () => {
  const insecure = filled({ incoming: { ...filled().incoming, security: 'none', port: '110' } });
  const refused = checkForm(en, insecure, { passwordRequired: true });
  assert.ok(!refused.ok);
  assert.match(refused.errors.allowInsecure ?? '', /not encrypted/);
  assert.ok(checkForm(en, { ...insecure, allowInsecure: true }, { passwordRequired: true }).ok);
});

test('same credentials: the outgoing user is the incoming one, and its problems show there', () => {
  const form = filled({ incoming: { ...filled().incoming, username: ' ' } });
  assert.equal(settingsFromForm(filled()).outgoing.username, 'alice@example.com');
  const check = checkForm(en, form, { passwordRequired: true });
  assert.ok(!check.ok);
  assert.ok(check.errors['incoming.username'] !== undefined);
  assert.equal(check.errors['outgoing.username'], undefined);
  const separate = filled({ outgoing: { ...filled().outgoing, credentials: 'separate', username: 'mailer' }, smtpPassword: '' });
  const missing = checkForm(en, separate, { passwordRequired: true });
  assert.ok(!missing.ok);
  assert.equal(missing.errors.smtpPassword, 'Enter the password of the outgoing server.');
});

test('no outgoing sign-in: saved as such, with the incoming user name and no outgoing password', () => {
  const form = filled({ outgoing: { ...filled().outgoing, credentials: 'none', username: 'ignored' }, smtpPassword: '' });
  const check = checkForm(en, form, { passwordRequired: true });
  assert.ok(check.ok, JSON.stringify(check));
  assert.equal(check.settings.outgoing.credentials, 'none');
  assert.equal(check.settings.outgoing.username, 'alice@example.com');
});

test('issue paths map to fields', () => {
  assert.equal(fieldForPath(['name']), 'accountName');
  assert.equal(fieldForPath(['incoming', 'caPem']), 'caPem');
  assert.equal(fieldForPath(['outgoing', 'port']), 'outgoing.port');
  assert.equal(fieldForPath(['policy', 'leaveOnServer', 'days']), 'leaveDays');
  assert.equal(fieldForPath(['identities', 2, 'address']), 'identities.2.address');
  assert.equal(fieldForPath(['incoming', 'pinnedCertificate']), 'form');
});

test('discovery fills in the recommended servers with the user name style the provider wants', () => {
  const server = (protocol: 'pop3' | 'smtp', host: string, port: number, security: 'tls' | 'starttls'): DiscoveredServer => ({
    protocol,
    source: 'provider-table',
    host,
    port,
    security,
    username: 'local-part',
    needsPlaintextConsent: false,
    notes: [],
  });
  const incoming = server('pop3', 'pop.mail.example', 995, 'tls');
  const outgoing = server('smtp', 'smtp.mail.example', 587, 'starttls');
  const outcome: DiscoveryOutcome = {
    domain: 'example.com',
    incoming: [incoming],
    outgoing: [outgoing],
    recommended: { incoming, outgoing },
    sources: {
      'provider-table': { state: 'answered', incoming: 1, outgoing: 1 },
      autoconfig: { state: 'nothing' },
      srv: { state: 'nothing' },
      mx: { state: 'nothing' },
      guess: { state: 'nothing' },
    },
  };
  const form = withDiscovery(filled(), outcome);
  assert.equal(form.incoming.host, 'pop.mail.example');
  assert.equal(form.outgoing.port, '587');
  assert.equal(form.outgoing.security, 'starttls');
  assert.equal(form.incoming.username, 'alice');
});

test('an untrusted certificate from the doctor becomes a pin for exactly that host and port', () => {
  const form = filled({ incoming: { ...filled().incoming, host: '127.0.0.1', port: '9955' } });
  const check = checkForm(en, form, { passwordRequired: true });
  assert.ok(check.ok);
  const step: DoctorStep = { id: 'pop3-tls', title: 'TLS', status: 'failed', summary: 'Not trusted.', facts: [], certificateFingerprint256: FINGERPRINT };
  const report: DoctorReport = { ok: false, steps: [{ id: 'pop3-dns', title: 'DNS', status: 'ok', summary: 'Found.', facts: [] }, step], transcript: [] };
  const problems = certificateProblems(report, check.settings);
  assert.equal(problems.length, 1);
  const problem = problems[0];
  assert.ok(problem !== undefined);
  assert.equal(serverLabel(problem), '127.0.0.1:9955');
  const trusted = trustCertificate(form, problem);
  const settings = settingsFromForm(trusted);
  assert.deepEqual(settings.incoming.pinnedCertificate, { host: '127.0.0.1', port: 9955, fingerprint256: FINGERPRINT.replace(/:/g, '') });
  assert.ok(checkForm(en, trusted, { passwordRequired: true }).ok);
  // Another host or port: the pin no longer applies and is left out.
  const moved = settingsFromForm({ ...trusted, incoming: { ...trusted.incoming, port: '995' } });
  assert.equal(moved.incoming.pinnedCertificate, undefined);
});

test('an existing account comes back into the form as it was saved', () => {
  const check = checkForm(
    en,
    filled({
      leave: 'until-deleted',
      checkEveryMinutes: '30',
      identities: [{ name: 'Alice', address: 'info@example.com', signature: '-- \nAlice', signatureHtml: '' }],
    }),
    {
      passwordRequired: false,
    },
  );
  assert.ok(check.ok);
  const account: Account = {
    id: 'a1',
    name: check.settings.name,
    address: check.settings.address,
    settings: check.settings,
    messageCount: 3,
    createdAt: 0,
    updatedAt: 0,
  };
  const form = formFromAccount(account);
  assert.equal(form.password, '');
  assert.equal(form.leave, 'until-deleted');
  assert.equal(form.checkEveryMinutes, '30');
  const again = checkForm(en, form, { passwordRequired: false });
  assert.ok(again.ok);
  assert.deepEqual(again.settings, check.settings);
});

test('rich signatures of identities and of the account itself are saved and come back into the form', () => {
  const rich = '<p><b>Alice</b> <img src="data:image/png;base64,iVBORw0KGgo=" alt=""></p>';
  const check = checkForm(
    en,
    filled({
      signature: 'Alice at home',
      signatureHtml: rich,
      identities: [{ name: 'Work', address: 'work@example.com', signature: '', signatureHtml: '<p>Alice, <i>Work</i></p>' }],
    }),
    { passwordRequired: false },
  );
  assert.ok(check.ok);
  assert.equal(check.settings.signature, 'Alice at home');
  assert.equal(check.settings.signatureHtml, rich);
  assert.equal(check.settings.identities[0]?.signatureHtml, '<p>Alice, <i>Work</i></p>');
  const form = formFromAccount({ id: 'a1', name: 'A', address: 'a@example.com', settings: check.settings, messageCount: 0, createdAt: 0, updatedAt: 0 });
  assert.equal(form.signatureHtml, rich);
  assert.equal(form.identities[0]?.signatureHtml, '<p>Alice, <i>Work</i></p>');
  // Empty rich signatures are not stored at all.
  const plain = checkForm(en, filled({ signatureHtml: '  ', identities: [{ name: 'W', address: 'w@example.com', signature: 'W', signatureHtml: '' }] }), {
    passwordRequired: false,
  });
  assert.ok(plain.ok);
  assert.equal('signatureHtml' in plain.settings, false);
  assert.equal('signatureHtml' in (plain.settings.identities[0] ?? {}), false);
  const tooLong = checkForm(en, filled({ signatureHtml: 'x'.repeat(MAX_SIGNATURE_HTML_LENGTH + 1) }), { passwordRequired: false });
  assert.ok(!tooLong.ok);
  assert.ok(tooLong.errors.signatureHtml !== undefined, JSON.stringify(tooLong.errors));
});

test('discovery that knows the provider offers its sign-in when no password was typed, or when the provider refuses passwords', () => {
  const found = (notes: DiscoveredServer['notes']): DiscoveryOutcome => {
    const server = (protocol: 'pop3' | 'smtp', host: string, port: number, security: 'tls' | 'starttls'): DiscoveredServer => ({
      protocol,
      source: 'provider-table',
      host,
      port,
      security,
      username: 'email-address',
      needsPlaintextConsent: false,
      notes,
      signInWith: 'microsoft',
    });
    const incoming = server('pop3', 'outlook.office365.com', 995, 'tls');
    const outgoing = server('smtp', 'smtp-mail.outlook.com', 587, 'starttls');
    return {
      domain: 'outlook.com',
      incoming: [incoming],
      outgoing: [outgoing],
      recommended: { incoming, outgoing },
      sources: {
        'provider-table': { state: 'answered', incoming: 1, outgoing: 1 },
        autoconfig: { state: 'nothing' },
        srv: { state: 'nothing' },
        mx: { state: 'nothing' },
        guess: { state: 'nothing' },
      },
    };
  };
  assert.equal(withDiscovery({ ...filled(), password: '' }, found([])).signInWith, 'microsoft');
  assert.equal(withDiscovery(filled(), found([])).signInWith, '', 'a typed (app) password is kept');
  const refused = withDiscovery(filled(), found(['oauth-required']));
  assert.equal(refused.signInWith, 'microsoft');
  const check = checkForm(en, refused, { passwordRequired: true });
  assert.ok(check.ok, 'no password is needed to sign in with the provider');
  assert.equal(check.settings.signInWith, 'microsoft');
  assert.equal(check.settings.passwordCommand, undefined);
});
