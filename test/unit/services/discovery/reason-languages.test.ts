/**
 * Why a discovery source or a guessed server failed, in the reader's language: a refused connection
 * (a closed loopback port), an autoconfig host answering HTTP 500 and a source cut off by the deadline
 * are said in German and Arabic by the setup view's words, while `reason` keeps the English that
 * `--json` shows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { discoverSettings, type DiscoveryNetwork } from '../../../../electron/services/discovery/discover';
import type { TcpConnector } from '../../../../electron/services/discovery/probe';
import { describeSourceStatus } from '../../../../renderer/views/account-setup/discovery-words';
import { sayWords } from '../../../../shared/error-words';
import { createTranslator } from '../../../../shared/i18n/catalogs';
import { findFreePort, LOOPBACK } from '../../../servers/free-port';
import net from 'node:net';

const GERMAN = createTranslator('de').t;
const ARABIC = createTranslator('ar').t;

test('a refused probe, an HTTP 500 and a source out of time are said in German and Arabic', async () => {
  const closed = await findFreePort();
  // Every guessed server is dialled at a closed loopback port, so the system refuses each connection.
  const connect: TcpConnector = (_host, _port, signal) =>
    new Promise((resolve, reject) => {
      const socket = net.connect({ host: LOOPBACK, port: closed, signal });
      socket.once('connect', () => resolve(socket));
      socket.once('error', reject);
    });
  const hanging = (): Promise<never> => new Promise(() => {});
  const network: DiscoveryNetwork = {
    resolver: { resolveSrv: hanging, resolveMx: async () => [] },
    httpsGet: async () => ({ status: 500, body: '' }),
    probe: { connect },
  };
  const result = await discoverSettings(network, { address: 'a@languages.test', deadlineMs: 2_000 });

  const refused = result.probes[0];
  assert.ok(refused !== undefined && refused.outcome.state === 'failed');
  assert.match(refused.outcome.reason, /ECONNREFUSED/);
  const refusedWords = refused.outcome.reasonWords;
  assert.ok(refusedWords !== undefined);
  for (const t of [GERMAN, ARABIC]) {
    const said = sayWords(t, refusedWords);
    assert.equal(said, t('serviceError.discovery.connectionRefused', { said: refused.outcome.reason }));
  }

  const autoconfig = result.sources.autoconfig;
  assert.equal(autoconfig.state, 'failed');
  assert.equal(autoconfig.state === 'failed' ? autoconfig.reason : '', 'autoconfig.languages.test answered HTTP 500; languages.test answered HTTP 500');
  const srv = result.sources.srv;
  assert.equal(srv.state === 'failed' ? srv.reason : '', 'no answer within 2000 ms');

  const germanAutoconfig = describeSourceStatus(GERMAN, autoconfig);
  assert.equal(
    germanAutoconfig,
    GERMAN('setup.sourceFailed', {
      reason: 'autoconfig.languages.test hat mit HTTP 500 geantwortet; languages.test hat mit HTTP 500 geantwortet',
    }),
  );
  assert.equal(describeSourceStatus(GERMAN, srv), GERMAN('setup.sourceFailed', { reason: 'keine Antwort innerhalb von 2000 ms' }));
  const arabicAutoconfig = describeSourceStatus(ARABIC, autoconfig);
  assert.ok(arabicAutoconfig.includes(ARABIC('serviceError.discovery.hostAnsweredHttp', { host: 'languages.test', status: '500' })), arabicAutoconfig);
  assert.ok(!arabicAutoconfig.includes('answered'), arabicAutoconfig);
  assert.equal(
    describeSourceStatus(ARABIC, srv),
    ARABIC('setup.sourceFailed', { reason: ARABIC('serviceError.discovery.noAnswerWithin', { milliseconds: '2000' }) }),
  );
  assert.ok(!describeSourceStatus(ARABIC, srv).includes('no answer'));
});
