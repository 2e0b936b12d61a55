/**
 * A refused POP3 sign-in on the command line: the refusal and the methods the server refused are said
 * whole in the language LANG names (the method names as the protocol spells them), while `--json`
 * prints the same English document in every language.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../electron/cli/run';
import { EXIT } from '../../../electron/cli/exit-codes';
import { FakePop3Server } from '../../fakes/pop3-server';
import { captureOutput, loopbackAccountAddArgs, NO_KEYCHAIN_ENV } from '../../support/cli';

let scratch: string;
let server: FakePop3Server;

before(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'mailbag-cli-sign-in-'));
  // A server without CAPA whose greeting offers APOP but which refuses it (GNU Mailutils, Solid POP3).
  server = await FakePop3Server.start({ layer: 'rfc1939', apop: true, users: { ann: 'pop-secret' } });
  server.handle('APOP', (connection) => connection.send('-ERR [AUTH] Bad login'));
});

after(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function run(args: readonly string[], lang: string, input = ''): Promise<{ code: number; out: string; err: string }> {
  const io = captureOutput({ stdin: { text: input } });
  const code = await runCli(['--profile', path.join(scratch, 'profile'), ...args], io.streams, { ...NO_KEYCHAIN_ENV, LANG: lang });
  return { code, out: io.out(), err: io.err() };
}

test('a refused APOP and a refused password are said whole in German and Arabic; --json is the same English in every language', async () => {
  const added = await run(
    loopbackAccountAddArgs({
      name: 'Home',
      email: 'ann@example.com',
      user: 'ann',
      pop3: { host: '127.0.0.1', port: server.port },
      smtpPort: 1,
      extra: ['--smtp-auth', 'none'],
    }),
    'C',
    'pop-secret\n',
  );
  assert.match(added.out, /Account "Home" added/, added.err);
  const list = (lang: string, json = false) => run([...(json ? ['--json'] : []), 'server', 'list', 'Home', '--password-stdin'], lang, 'wrong\n');

  const english = await list('C');
  assert.equal(english.code, EXIT.FAILURE, english.err);
  assert.match(english.err, /AUTH_FAILED: .*The server did not accept the user name or password\. \(refused: APOP, then USER\/PASS\)/);

  const german = await list('de_DE.UTF-8');
  assert.equal(german.code, EXIT.FAILURE, german.err);
  assert.match(
    german.err,
    /AUTH_FAILED: .*Der Server hat den Benutzernamen oder das Passwort nicht akzeptiert\. \(abgelehnte Verfahren: APOP, dann USER\/PASS\)/,
  );
  assert.doesNotMatch(german.err, /\b(?:The|refused|then|accept|user name|password)\b/, german.err);

  const arabic = await list('ar_EG.UTF-8');
  assert.match(arabic.err, /لم يقبل الخادم اسم المستخدم أو كلمة المرور\. \(الطرق المرفوضة: APOP، ثم USER\/PASS\)/);
  assert.doesNotMatch(arabic.err, /\b(?:The|refused|then|accept|user name|password)\b/, arabic.err);

  const documents = await Promise.all(['C', 'de_DE.UTF-8', 'ar_EG.UTF-8'].map(async (lang) => (await list(lang, true)).out));
  assert.match(documents[0] ?? '', /"message":"The server did not accept the user name or password\. \(refused: APOP, then USER\/PASS\)"/);
  assert.doesNotMatch(documents[0] ?? '', /"words"/);
  assert.ok(
    documents.every((document) => document === documents[0]),
    'the same JSON in every language',
  );
});
