/**
 * The POP3 engine's own sentences are catalog messages: a failure raised through the engine against a
 * fake server keeps its English `message` (what --json, logs and transcripts keep) and carries `words`
 * that the window and the command line say in German or Arabic; the server's answer stays as it came.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, test } from 'node:test';
import { connectAndSignIn, connectPop3, Pop3Error } from '../../../../electron/protocols/pop3';
import { errorDetailIn, errorMessageIn } from '../../../../shared/error-words';
import { createTranslator } from '../../../../shared/i18n/catalogs';
import { FakePop3Server, type FakePop3ServerOptions } from '../../../fakes/pop3-server';
import { answerWith, hugeLine, stallAfterOk } from '../../../fakes/pop3/faults';
import { connectTo, FAST_TIMEOUTS, MemorySink, sampleMessage } from './helpers';

const GERMAN = createTranslator('de');
const ARABIC = createTranslator('ar');
const servers: FakePop3Server[] = [];
const sockets: net.Server[] = [];

after(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await Promise.all(sockets.map((server) => new Promise((resolve) => server.close(resolve))));
});

async function started(options: FakePop3ServerOptions = {}): Promise<FakePop3Server> {
  const server = await FakePop3Server.start({ users: { alice: 'secret' }, messages: [{ uid: 'a', body: sampleMessage('Hi', ['hello']) }], ...options });
  servers.push(server);
  return server;
}

/** The error a promise rejects with, as a POP3 error. */
async function failureOf(promise: Promise<unknown>): Promise<Pop3Error> {
  const error: unknown = await promise.then(
    () => assert.fail('expected a failure'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof Pop3Error, String(error));
  return error;
}

/** The error's sentence in German and Arabic, checked to be neither empty nor the English. */
function translations(error: Pop3Error): { de: string; ar: string } {
  const data = error.toData();
  assert.ok(data.words !== undefined, `no catalog words for "${error.message}"`);
  const de = errorMessageIn(GERMAN.t, data);
  const ar = errorMessageIn(ARABIC.t, data);
  assert.notEqual(de, error.message);
  assert.notEqual(ar, error.message);
  return { de, ar };
}

test('a TLS handshake that never ends times out in the reader’s language', async () => {
  // A TCP listener that accepts and never answers the ClientHello.
  const silent = net.createServer(() => undefined);
  sockets.push(silent);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  assert.ok(address !== null && typeof address === 'object');
  const error = await failureOf(connectPop3({ host: '127.0.0.1', port: address.port, security: 'tls', timeouts: { ...FAST_TIMEOUTS, tlsHandshake: 150 } }));
  assert.equal(error.code, 'TIMEOUT');
  assert.equal(error.message, 'The TLS handshake took too long.');
  assert.deepEqual(translations(error), {
    de: 'Der TLS-Verbindungsaufbau hat zu lange gedauert.',
    ar: 'استغرقت مصافحة TLS وقتًا أطول من اللازم.',
  });
});

test('a malformed answer is said in German and Arabic, the server’s words stay data', async () => {
  const server = await started();
  const { session } = await connectTo(server);
  await session.authenticate({ username: 'alice', password: 'secret', mechanisms: ['USER'] });
  answerWith(server, 'STAT', 'HELLO THERE');
  const error = await failureOf(session.stat());
  assert.equal(error.code, 'PROTOCOL_ERROR');
  assert.equal(error.message, 'The server answered with something other than +OK or -ERR.');
  assert.equal(error.response, 'HELLO THERE');
  assert.equal(error.toData().detail, 'Server said: HELLO THERE');
  const { de, ar } = translations(error);
  assert.equal(de, 'Der Server hat mit etwas anderem als +OK oder -ERR geantwortet.');
  assert.match(ar, /^ردّ الخادم بشيء غير .*\+OK.*-ERR/u);
  assert.doesNotMatch(ar, /HELLO THERE/);
});

test('a greeting that is not POP3 is said in German with the greeting kept as the server sent it', async () => {
  const server = await started({ greeting: '* OK IMAP4rev1 ready' });
  const error = await failureOf(connectTo(server));
  assert.equal(error.message, 'The server did not greet like a POP3 server.');
  assert.equal(error.response, '* OK IMAP4rev1 ready');
  assert.equal(translations(error).de, 'Der Server hat sich nicht wie ein POP3-Server gemeldet.');
});

test('a refusal with a response code says what it means, in the reader’s language', async () => {
  const server = await started();
  server.handle('PASS', (connection) => connection.send('-ERR [IN-USE] Mailbox locked by pid 4711'));
  const { session } = await connectTo(server);
  const error = await failureOf(session.authenticate({ username: 'alice', password: 'secret', mechanisms: ['USER'] }));
  assert.equal(error.code, 'MAILBOX_BUSY');
  assert.match(error.message, /^Another program is checking this mailbox right now\./);
  assert.equal(error.response, '-ERR [IN-USE] Mailbox locked by pid 4711');
  const { de, ar } = translations(error);
  assert.equal(de, 'Ein anderes Programm ruft gerade dieses Postfach ab.');
  assert.equal(ar, 'يفحص برنامج آخر صندوق البريد هذا الآن.');
});

test('a cancelled mail check says so in German and Arabic', async () => {
  const server = await started();
  const controller = new AbortController();
  const { session } = await connectTo(server, { signal: controller.signal, timeouts: { ...FAST_TIMEOUTS, dataIdle: 10_000 } });
  await session.authenticate({ username: 'alice', password: 'secret', mechanisms: ['USER'] });
  stallAfterOk(server, 'RETR');
  const failing = failureOf(session.retr(1, new MemorySink()));
  controller.abort();
  const error = await failing;
  assert.equal(error.code, 'CANCELLED');
  assert.equal(error.message, 'The mail check was stopped.');
  assert.deepEqual(translations(error), { de: 'Der E-Mail-Abruf wurde abgebrochen.', ar: 'أُوقف فحص البريد.' });
});

test('an overlong line names its limit as a number of the reader’s locale', async () => {
  const server = await started();
  const { session } = await connectTo(server);
  await session.authenticate({ username: 'alice', password: 'secret', mechanisms: ['USER'] });
  hugeLine(server, 'STAT');
  const error = await failureOf(session.stat());
  const limit = Number(error.words?.values?.['maxBytes']);
  assert.ok(limit > 1_000, 'the limit is a real byte count');
  assert.equal(error.message, `The server sent a line longer than ${limit} bytes.`);
  const { de, ar } = translations(error);
  assert.equal(de, `Der Server hat eine Zeile gesendet, die länger als ${GERMAN.intl.formatNumber(limit)} Byte ist.`);
  assert.ok(ar.includes(ARABIC.intl.formatNumber(limit)), ar);
  assert.match(ar, /^أرسل الخادم سطرًا أطول من/);
});

/** A server without CAPA that greets with an APOP timestamp but refuses APOP (GNU Mailutils, Solid POP3). */
async function apopRefusing(): Promise<FakePop3Server> {
  const server = await started({ layer: 'rfc1939', apop: true });
  server.handle('APOP', (connection) => connection.send('-ERR [AUTH] Bad login'));
  return server;
}

/** No English word of the refusal's list is left in a translated sentence. */
function noEnglishLeft(said: string): void {
  assert.doesNotMatch(said, /\b(?:The|refused|then|accept(?:ed)?|cancelled|sign-in|sent|second|user name|password)\b/, said);
}

test('a refused APOP and a wrong password are said whole in German and Arabic, the method names kept', async () => {
  const server = await apopRefusing();
  const { session } = await connectTo(server);
  const error = await failureOf(session.authenticate({ username: 'alice', password: 'wrong' }));
  assert.equal(error.code, 'AUTH_FAILED');
  assert.deepEqual(error.refusedMechanisms, ['APOP', 'USER']);
  assert.equal(error.message, 'The server did not accept the user name or password. (refused: APOP, then USER/PASS)');
  const { de, ar } = translations(error);
  assert.equal(de, 'Der Server hat den Benutzernamen oder das Passwort nicht akzeptiert. (abgelehnte Verfahren: APOP, dann USER/PASS)');
  assert.equal(ar, 'لم يقبل الخادم اسم المستخدم أو كلمة المرور. (الطرق المرفوضة: APOP، ثم USER/PASS)');
  noEnglishLeft(de);
  noEnglishLeft(ar);
  session.close();
});

test('a fallback refused on a new connection names both methods once, in the reader’s language', async () => {
  const server = await apopRefusing();
  server.handle('APOP', (connection) => {
    connection.send('-ERR authentication failed');
    connection.destroy();
  });
  const options = { host: server.host, port: server.port, security: 'none' as const, allowInsecureAuth: true, timeouts: FAST_TIMEOUTS };
  const error = await failureOf(connectAndSignIn(options, { username: 'alice', password: 'wrong' }));
  assert.deepEqual(error.refusedMechanisms, ['APOP', 'USER']);
  assert.match(error.message, / \(refused: APOP, then USER\/PASS\)$/);
  assert.equal(error.message.match(/refused:/g)?.length, 1);
  const { de, ar } = translations(error);
  assert.match(de, / \(abgelehnte Verfahren: APOP, dann USER\/PASS\)$/);
  assert.equal(de.match(/abgelehnte Verfahren/g)?.length, 1);
  assert.match(ar, / \(الطرق المرفوضة: APOP، ثم USER\/PASS\)$/);
  noEnglishLeft(de);
  noEnglishLeft(ar);
});

test('a server that lets a cancelled sign-in through is said whole, with Mailbag’s reason, in German and Arabic', async () => {
  const server = await started({ saslMechanisms: ['CRAM-MD5'] });
  server.handle('AUTH', async (connection) => {
    connection.send(`+ ${Buffer.from('<1.1@fake>').toString('base64')}`);
    await connection.readLine();
    connection.send(`+ ${Buffer.from('<2.2@fake>').toString('base64')}`);
    assert.equal(await connection.readLine(), '*');
    connection.send('+OK Welcome anyway');
  });
  const { session } = await connectTo(server);
  const error = await failureOf(session.authenticate({ username: 'alice', password: 'secret', mechanisms: ['CRAM-MD5'] }));
  assert.equal(error.code, 'PROTOCOL_ERROR');
  assert.equal(error.message, 'The server accepted a cancelled sign-in. The server sent a second CRAM-MD5 challenge.');
  const { de, ar } = translations(error);
  assert.equal(de, 'Der Server hat eine abgebrochene Anmeldung angenommen. Der Server hat eine zweite CRAM-MD5-Challenge gesendet.');
  assert.equal(ar, 'قبِل الخادم عملية تسجيل دخول كانت قد أُلغيت. أرسل الخادم تحديًا ثانيًا لـ CRAM-MD5.');
  noEnglishLeft(de);
  noEnglishLeft(ar);
});

test('a refusal’s detail names the server’s words after a label in the reader’s language, the English detail unchanged', async () => {
  const server = await started();
  server.handle('PASS', (connection) => connection.send('-ERR [AUTH] Invalid login\u0007'));
  const { session } = await connectTo(server);
  const error = await failureOf(session.authenticate({ username: 'alice', password: 'secret', mechanisms: ['USER'] }));
  const data = error.toData();
  // The English stays what --json, logs and transcripts have always kept, control characters made visible.
  assert.equal(data.detail, 'Server said: -ERR [AUTH] Invalid login\\x07');
  assert.equal(errorDetailIn(createTranslator('en').t, data), data.detail);
  assert.equal(errorDetailIn(GERMAN.t, data), 'Antwort des Servers: -ERR [AUTH] Invalid login\\x07');
  assert.equal(errorDetailIn(ARABIC.t, data), 'قال الخادم: -ERR [AUTH] Invalid login\\x07');
});
