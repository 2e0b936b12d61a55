/**
 * A local stand-in for the internet, for discovery against the real Dovecot and Postfix: guessed
 * `host:port` pairs routed to their 127.0.0.1 ports, a table DNS resolver, and an autoconfig web server
 * on 127.0.0.1 answering for `autoconfig.<domain>`. Nothing leaves 127.0.0.1.
 */
import { readFileSync } from 'node:fs';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import type { DiscoveryNetwork } from '../../../electron/services/discovery/discover';
import { createHttpsGet } from '../../../electron/services/discovery/https-get';
import type { TcpConnector } from '../../../electron/services/discovery/probe';
import { fakeResolver } from '../../fakes/dns-resolver';
import { LOOPBACK } from '../../servers/free-port';
import type { TestCertificates } from '../../servers/test-certificates';

/** The test domain's names the servers' certificate must hold for discovery to trust them. */
export const DISCOVERY_SERVER_NAMES: readonly string[] = [
  '127.0.0.1',
  'localhost',
  'pop.example.test',
  'pop3.example.test',
  'mail.example.test',
  'smtp.example.test',
  'example.test',
  'autoconfig.example.test',
];

/** What a test sets up; `routes` maps `host:port` as discovery dials it to a local port. */
export interface LocalDiscoveryOptions {
  readonly certificates: TestCertificates;
  readonly routes: Readonly<Record<string, number>>;
  /** The autoconfig document served for `autoconfig.<domain>`; none: 404. */
  readonly autoconfig?: { readonly domain: string; readonly document: string };
  /** The CA the probes trust; default the certificates' own CA. */
  readonly probeCa?: string;
}

/** The network to hand to discovery, what it dialed and fetched, and how to stop it. */
export interface LocalDiscovery {
  readonly network: DiscoveryNetwork;
  readonly dialed: readonly string[];
  readonly fetched: readonly string[];
  close(): Promise<void>;
}

/** Starts the autoconfig server and builds the routed network. */
export async function startLocalDiscovery(options: LocalDiscoveryOptions): Promise<LocalDiscovery> {
  const dialed: string[] = [];
  const fetched: string[] = [];
  const connect: TcpConnector = (host, port, signal) =>
    new Promise((resolve, reject) => {
      dialed.push(`${host}:${port}`);
      const local = options.routes[`${host}:${port}`];
      if (local === undefined) {
        reject(Object.assign(new Error(`connect ECONNREFUSED ${host}:${port}`), { code: 'ECONNREFUSED' }));
        return;
      }
      const socket = net.connect({ host: LOOPBACK, port: local, signal });
      socket.once('connect', () => resolve(socket));
      socket.once('error', reject);
    });
  const { certificates } = options;
  const web = https.createServer(
    { key: readFileSync(certificates.serverKeyPath, 'utf8'), cert: readFileSync(certificates.serverCertificatePath, 'utf8') },
    (request, response) => {
      fetched.push(`${request.headers.host ?? ''}${request.url ?? ''}`);
      const autoconfig = options.autoconfig;
      if (autoconfig !== undefined && request.headers.host === `autoconfig.${autoconfig.domain}`)
        response.writeHead(200, { 'content-type': 'text/xml' }).end(autoconfig.document);
      else response.writeHead(404).end();
    },
  );
  await new Promise<void>((resolve) => web.listen(0, LOOPBACK, resolve));
  return {
    network: {
      resolver: fakeResolver({}, {}),
      httpsGet: createHttpsGet({ ca: certificates.caPem, connectTo: { host: LOOPBACK, port: (web.address() as AddressInfo).port } }),
      probe: { connect, ca: options.probeCa ?? certificates.caPem },
    },
    dialed,
    fetched,
    close: () =>
      new Promise<void>((resolve) => {
        web.closeAllConnections();
        web.close(() => resolve());
      }),
  };
}
