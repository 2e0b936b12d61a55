/**
 * How the command line reaches the core: through the same handler registry as the window, so every
 * request is validated by the contract's schemas, with inputs and outputs typed from the contract.
 */
import { MailbagError, type Result } from '../../shared/errors';
import type { OperationOutputs, OperationRequest } from '../../shared/ipc/contract';
import type { OperationName } from '../../shared/ipc/names';
import type { Core } from '../main/core';

/**
 * Runs an operation and returns its result as data, for a command that reports some errors its own
 * way (say, a refused certificate with its fingerprint).
 */
export async function request<N extends OperationName>(core: Core, operation: N, input: OperationRequest<N>): Promise<Result<OperationOutputs[N]>> {
  // The registry validated the input against this operation's schema, and its handler returned this operation's output.
  return (await core.registry.dispatch(operation, input, { transport: 'cli' })) as Result<OperationOutputs[N]>;
}

/** Runs an operation and returns its value; an error result is thrown as the MailbagError it describes. */
export async function call<N extends OperationName>(core: Core, operation: N, input: OperationRequest<N>): Promise<OperationOutputs[N]> {
  const result = await request(core, operation, input);
  if (!result.ok) throw MailbagError.fromData(result.error);
  return result.value;
}
