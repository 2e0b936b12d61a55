/**
 * The SMTP engine's own sentences are catalog messages: a failure raised through the engine against
 * the fake server keeps its English `message` (what --json, logs and the Outbox record keep) and
 * carries `words` the window and the command line say in German or Arabic; a server's reply stays as
 * the server sent it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sendMessage, type SmtpErrorData, type SmtpSendOutcome } from '../../../../electron/protocols/smtp';
import { errorDetailIn, errorMessageIn } from '../../../../shared/error-words';
import { createTranslator } from '../../../../shared/i18n/catalogs';
import { startFakeSmtpServer, type FakeSmtpOptions } from '../../../fakes/smtp-server';
import { composeSample, fakeConnection, UNIT_TEST_TIMEOUT_MS } from './helpers';

const GERMAN = createTranslator('de');
const ARABIC = createTranslator('ar');

async function send(options: FakeSmtpOptions, signal?: AbortSignal, to?: readonly string[]): Promise<SmtpSendOutcome> {
  const server = await startFakeSmtpServer(options);
  try {
    const message = await composeSample(to === undefined ? {} : { to: to.map((address) => ({ address })) });
    return await sendMessage({ connection: fakeConnection(server, [], signal === undefined ? {} : { signal }), message });
  } finally {
    await server.close();
  }
}

function errorOf(outcome: SmtpSendOutcome): SmtpErrorData {
  if (outcome.kind === 'sent') return assert.fail('expected a failure');
  return outcome.error;
}

/** The error's sentence in German and Arabic, checked to be neither empty nor the English. */
function translations(error: SmtpErrorData): { de: string; ar: string } {
  assert.ok(error.words !== undefined, `no catalog words for "${error.message}"`);
  const de = errorMessageIn(GERMAN.t, error);
  const ar = errorMessageIn(ARABIC.t, error);
  assert.notEqual(de, error.message);
  assert.notEqual(ar, error.message);
  return { de, ar };
}

describe('the SMTP engine’s errors in the reader’s language', { timeout: UNIT_TEST_TIMEOUT_MS }, () => {
  test('a send cancelled before it began', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = errorOf(await send({}, controller.signal));
    assert.equal(error.code, 'CANCELLED');
    assert.equal(error.message, 'Sending was cancelled.');
    assert.deepEqual(translations(error), { de: 'Das Senden wurde abgebrochen.', ar: 'أُلغي الإرسال.' });
  });

  test('a send cancelled after the final "." may have been sent, and says so', async () => {
    const controller = new AbortController();
    const outcome = await send({ onData: () => void setTimeout(() => controller.abort(), 20) }, controller.signal);
    assert.equal(outcome.kind, 'ambiguous');
    const error = errorOf(outcome);
    assert.equal(error.message, 'The connection ended after the whole message was sent but before the server confirmed it: the message may have been sent.');
    const { de, ar } = translations(error);
    assert.match(de, /^Die Verbindung wurde getrennt, .*möglicherweise gesendet\.$/);
    assert.match(ar, /ربما أُرسلت الرسالة\.$/);
  });

  test('a refusal keeps the server’s reply verbatim inside the translated sentence', async () => {
    const reply = '550 5.7.1 Sender not allowed';
    const error = errorOf(await send({ handlers: { MAIL: (connection) => connection.reply(reply) } }));
    assert.equal(error.code, 'SERVER_PERMANENT');
    assert.equal(error.message, `The server refused ${error.command ?? ''}: ${reply}`);
    assert.equal(error.response, reply);
    const { de, ar } = translations(error);
    assert.equal(de, `Der Server hat ${error.command ?? ''} abgelehnt: ${reply}`);
    assert.ok(ar.endsWith(reply), ar);
  });

  test('a refusal’s detail names the server’s reply after a label in the reader’s language, the English detail unchanged', async () => {
    const reply = '554 5.7.1 Relay access denied';
    const error = errorOf(await send({ handlers: { RCPT: (connection) => connection.reply(reply) } }));
    assert.equal(error.response, reply);
    assert.equal(error.detail, `Server said: ${reply}`);
    assert.equal(errorDetailIn(createTranslator('en').t, error), error.detail);
    assert.equal(errorDetailIn(GERMAN.t, error), `Antwort des Servers: ${reply}`);
    assert.equal(errorDetailIn(ARABIC.t, error), `قال الخادم: ${reply}`);
  });

  test('a message above the announced SIZE names both sizes as numbers of the reader’s locale', async () => {
    const error = errorOf(await send({ extensions: ['SIZE 100', '8BITMIME'] }));
    const size = Number(error.words?.values?.['size']);
    assert.ok(size > 100);
    assert.equal(error.message, `The message is ${size} bytes; this server accepts at most 100 bytes.`);
    const { de, ar } = translations(error);
    assert.equal(de, `Die Nachricht ist ${GERMAN.intl.formatNumber(size)} Byte groß; dieser Server nimmt höchstens 100 Byte an.`);
    assert.ok(ar.includes(ARABIC.intl.formatNumber(size)) && ar.includes(ARABIC.intl.formatNumber(100)), ar);
  });

  test('some recipients refused: a count by each language’s plural rules', async () => {
    const refuseCarol: FakeSmtpOptions = {
      handlers: {
        RCPT(connection, args) {
          if (args.includes('carol@')) return connection.reply('550 5.1.1 No such user');
          connection.transaction?.recipients.push(/<([^>]*)>/.exec(args)?.[1] ?? '');
          connection.reply('250 2.1.5 Ok');
        },
      },
    };
    const outcome = await send(refuseCarol, undefined, ['bob@example.test', 'carol@example.test', 'dave@example.test']);
    assert.equal(outcome.kind, 'partial');
    const error = errorOf(outcome);
    assert.equal(error.message, '1 of 3 recipients were refused; the others were sent the message.');
    const { de, ar } = translations(error);
    assert.equal(de, '1 von 3 Empfängern wurde abgelehnt; die anderen haben die Nachricht erhalten.');
    assert.match(ar, /من أصل/);
  });
  test('an envelope address that is not one says why in the reader’s language, inside the same sentence', async () => {
    const server = await startFakeSmtpServer({});
    try {
      const message = await composeSample({});
      const envelope = { ...message.envelope, to: ['no address at all'] };
      const error = errorOf(await sendMessage({ connection: fakeConnection(server, []), message: { ...message, envelope } }));
      assert.equal(error.code, 'VALIDATION');
      assert.equal(error.message, 'The envelope address "no address at all" is not valid (not of the form name@example.com).');
      const { de, ar } = translations(error);
      assert.equal(de, 'Die Umschlagadresse "no address at all" ist ungültig (nicht in der Form name@example.com).');
      assert.match(ar, /\(ليس بالشكل name@example\.com\)/u);
      assert.doesNotMatch(`${de} ${ar}`, /\b(?:syntax|form|not of)\b/);
    } finally {
      await server.close();
    }
  });
});
