import type { z } from 'zod';
import { MailbagError, toErrorData, type ErrorData, type Result } from '../../shared/errors';
import { operationInputs, type OperationInput, type OperationOutput } from '../../shared/ipc/contract';
import { isOperationName, OPERATION_NAMES, type OperationName } from '../../shared/ipc/names';

/** Who is calling: handlers may behave differently per transport (opening links, for example). */
export interface CallContext {
  readonly transport: 'electron' | 'web' | 'cli';
}

/** The implementation of one operation, receiving input that already passed validation. */
export type Handler<N extends OperationName> = (input: OperationInput<N>, context: CallContext) => Promise<OperationOutput<N>> | OperationOutput<N>;

/** One implementation per contract operation; a missing one is a compile error. */
export type Handlers = { readonly [N in OperationName]: Handler<N> };

/** Reports a failure that escaped a handler; never receives the input, which may hold secrets. */
export type FailureReporter = (operation: string, error: unknown) => void;

/** The single dispatcher both transports call. */
export interface Registry {
  readonly operations: readonly OperationName[];
  dispatch(operation: unknown, input: unknown, context: CallContext): Promise<Result<unknown>>;
}

/** Largest number of validation problems listed in one error's detail. */
const MAX_LISTED_ISSUES = 5;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, MAX_LISTED_ISSUES)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

function failure(error: ErrorData): Result<never> {
  return { ok: false, error };
}

/**
 * Creates the handler registry: every request is checked against the contract's schema before its
 * handler runs, and every outcome, including thrown errors, returns as data. Unknown exceptions are
 * reported through `onFailure` and reach the caller only as INTERNAL, never with their raw text.
 */
export function createRegistry(handlers: Handlers, onFailure: FailureReporter = () => {}): Registry {
  async function run<N extends OperationName>(name: N, input: unknown, context: CallContext): Promise<Result<unknown>> {
    const parsed = operationInputs[name].safeParse(input);
    if (!parsed.success) {
      return failure({ code: 'VALIDATION', message: `Invalid input for ${name}.`, detail: describeIssues(parsed.error) });
    }
    const handler = handlers[name] as Handler<N>;
    try {
      const value = await handler(parsed.data as OperationInput<N>, context);
      return { ok: true, value };
    } catch (error) {
      if (!(error instanceof MailbagError)) onFailure(name, error);
      return failure(toErrorData(error));
    }
  }

  return {
    operations: OPERATION_NAMES,
    dispatch(operation, input, context) {
      if (!isOperationName(operation)) {
        return Promise.resolve(failure({ code: 'UNKNOWN_OPERATION', message: `Unknown operation: ${String(operation).slice(0, 64)}` }));
      }
      return run(operation, input, context);
    },
  };
}
