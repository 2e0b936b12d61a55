/**
 * The password command runs a real program without a shell: its first line is the password; failing,
 * silent, endless, chatty and missing programs end in PASSWORD_COMMAND errors that never quote stdout.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runPasswordCommand } from '../../../../electron/services/credentials/password-command';
import { errorMessageIn } from '../../../../shared/error-words';
import { MailbagError } from '../../../../shared/errors';
import { createTranslator } from '../../../../shared/i18n/catalogs';

/** `node -e SCRIPT` as a command line (the program is this very Node). */
function node(script: string): string {
  return `'${process.execPath}' -e '${script}'`;
}

async function failure(command: string, options: Parameters<typeof runPasswordCommand>[1] = {}): Promise<MailbagError> {
  try {
    await runPasswordCommand(command, options);
  } catch (error) {
    assert.ok(error instanceof MailbagError);
    assert.equal(error.code, 'PASSWORD_COMMAND');
    return error;
  }
  throw new Error('the command should have failed');
}

test('the first line of the output is the password, spaces kept, the rest ignored', async () => {
  assert.equal(await runPasswordCommand(node('process.stdout.write(" s3cret pass \\r\\nsecond line\\n")')), ' s3cret pass ');
  assert.equal(await runPasswordCommand(node('process.stdout.write("no-newline")')), 'no-newline');
});

test('it runs without a shell: shell syntax in an argument reaches the program as plain text', async () => {
  assert.equal(await runPasswordCommand(`${node('console.log(process.argv[1])')} '$(touch /tmp/never);|x'`), '$(touch /tmp/never);|x');
});

test('failures are plain words; stdout never appears in them, the error output is quoted', async () => {
  const failed = await failure(node('console.log("leaked-secret"); console.error("Error: mail/alice is not in the password store."); process.exit(1)'));
  assert.match(failed.message, /The password command failed \(exit status 1\)/);
  assert.equal(failed.detail, 'Error: mail/alice is not in the password store.');
  assert.doesNotMatch(`${failed.message} ${failed.detail ?? ''}`, /leaked-secret/);

  assert.match((await failure(node('console.log("")'))).message, /printed no password/);
  assert.match((await failure('mailbag-no-such-program --x')).message, /“mailbag-no-such-program” was not found/);
  assert.match((await failure(node('setTimeout(() => {}, 60000)'), { timeoutMs: 300 })).message, /did not finish within 1 second, so it was stopped/);
  assert.match((await failure(node('process.stdout.write("x".repeat(100000))'), { maxOutputBytes: 1024 })).message, /printed more than 1024 bytes/);
  assert.match((await failure('pass show mail | head -1')).message, /cannot be used: “\|” is not supported/);
});

test('a command waiting for input gets none and ends instead of hanging', async () => {
  assert.match(
    (await failure(node('process.stdin.on("data", () => {}); process.stdin.on("end", () => process.exit(2))'), { timeoutMs: 10_000 })).message,
    /exit status 2/,
  );
});

test('a command that cannot be split is refused with the reason said whole in German and Arabic', async () => {
  const refused = await failure('pass show mail | head -1');
  assert.equal(
    refused.message,
    "The password command cannot be used: “|” is not supported: the command runs without a shell (quote it if it is part of an argument, or write sh -c '…').",
  );
  const german = errorMessageIn(createTranslator('de').t, refused.toData());
  assert.equal(
    german,
    "Der Passwortbefehl kann nicht verwendet werden: „|“ wird nicht unterstützt: Der Befehl läuft ohne Shell (setzen Sie es in Anführungszeichen, wenn es zu einem Argument gehört, oder schreiben Sie sh -c '…').",
  );
  const arabic = errorMessageIn(createTranslator('ar').t, refused.toData());
  assert.match(arabic, /^لا يمكن استخدام أمر كلمة المرور: «\|» غير مدعوم/u);
  assert.doesNotMatch(`${german} ${arabic}`, /\b(?:is not supported|runs without|quote it)\b/);
});
