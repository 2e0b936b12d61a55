import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createCore } from '../main/core';
import { builtRendererDir } from '../main/paths';
import { defaultProfileDir, resolveProfileDir } from '../services/profile';
import { createStreamLogger, describeError } from '../services/logger';
import { startWebBridge } from './server';

const USAGE = `Usage: npm run web -- [--port N] [--profile DIR]

Serves Mailbag to a browser on this machine (127.0.0.1 only) and prints the address to open.
  --port N        listen on port N (default: a free port)
  --profile DIR   use the profile in DIR (default: $MAILBAG_HOME, then the app's own profile)
`;

/** Largest TCP port number. */
const MAX_PORT = 65_535;

async function main(): Promise<number> {
  let values: { port?: string | undefined; profile?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      options: { port: { type: 'string' }, profile: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help === true) {
    process.stdout.write(USAGE);
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > MAX_PORT) {
    process.stderr.write(`--port must be a whole number from 0 to ${MAX_PORT}.\n`);
    return 2;
  }
  const rendererDir = builtRendererDir();
  if (!existsSync(rendererDir)) {
    process.stderr.write('The renderer has not been built yet: run `npm run build` (or use `npm run web`).\n');
    return 1;
  }
  const logger = createStreamLogger((line) => process.stderr.write(line));
  const argv = values.profile === undefined ? [] : ['--profile', values.profile];
  const core = await createCore({ profileDir: resolveProfileDir({ argv, fallback: defaultProfileDir() }), logger });
  const bridge = await startWebBridge({ registry: core.registry, events: core.events, rendererDir, logger, port });
  process.stdout.write(`Mailbag is ready. Open this address in a browser on this machine:\n${bridge.url}\n`);
  core.startScheduler();

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await bridge.close();
  await core.close();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Mailbag could not start: ${describeError(error)}\n`);
    process.exit(1);
  },
);
