import { NO_CAPABILITIES, parseCapabilities, type Pop3Capabilities } from '../capabilities';
import { MAX_CAPABILITY_LINES } from '../constants';
import { Pop3Error } from '../errors';
import { command } from '../transcript';
import { readListingLines, readStatus, type ExchangeContext } from './exchange';

/**
 * Reads CAPA (RFC 2449 §5). A `-ERR` means an RFC 1939-only server: no capabilities are known.
 */
export async function readCapabilities(context: ExchangeContext): Promise<Pop3Capabilities> {
  context.transport.send([command('CAPA')]);
  try {
    await readStatus(context, 'CAPA', 'transaction');
  } catch (error) {
    if (error instanceof Pop3Error && context.transport.failed === undefined) return NO_CAPABILITIES;
    throw error;
  }
  return parseCapabilities(await readListingLines(context, 'CAPA', MAX_CAPABILITY_LINES));
}
