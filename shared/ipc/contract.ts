import { z } from 'zod';
import type { Result } from '../errors';
import { settingsPatchSchema, type Settings } from '../settings';
import type { EventName, OperationName } from './names';

/** Facts about the running application and its profile, shown in About and by `mailbag info`. */
export interface AppInfo {
  readonly name: string;
  readonly version: string;
  readonly profileDir: string;
  /** Which transport the UI is talking through. */
  readonly transport: 'electron' | 'web' | 'cli';
  readonly versions: { readonly node: string; readonly sqlite: string; readonly electron?: string; readonly chrome?: string };
  readonly accountCount: number;
}

/** The answer to a request to open a link outside Mailbag. */
export interface OpenExternalResult {
  /** False when this transport cannot open links itself (the browser bridge): the page opens it. */
  readonly opened: boolean;
  /** The normalized URL that was (or may be) opened. */
  readonly url: string;
}

/**
 * Input schemas of every operation. Main validates each request against these before any handler
 * runs; the renderer may reuse them for form validation.
 */
export const operationInputs = {
  getAppInfo: z.undefined(),
  getSettings: z.undefined(),
  updateSettings: settingsPatchSchema,
  openExternalLink: z.strictObject({ url: z.string().min(1).max(8192) }),
} as const satisfies Record<OperationName, z.ZodType>;

/** What each operation returns on success. */
export interface OperationOutputs {
  getAppInfo: AppInfo;
  getSettings: Settings;
  updateSettings: Settings;
  openExternalLink: OpenExternalResult;
}

/** What each push event carries. */
export interface EventPayloads {
  settingsChanged: Settings;
}

/** The validated input of one operation. */
export type OperationInput<N extends OperationName> = z.output<(typeof operationInputs)[N]>;

/** The success value of one operation. */
export type OperationOutput<N extends OperationName> = OperationOutputs[N];

/** The full answer of one operation: a value or error data. */
export type OperationResult<N extends OperationName> = Result<OperationOutput<N>>;

/** A listener for one push event. */
export type EventListener<E extends EventName> = (payload: EventPayloads[E]) => void;

// Compile-time check that every event has a payload type and no payload type lacks an event name.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const eventsComplete: Exact<keyof EventPayloads, EventName> = true;
const operationsComplete: Exact<keyof OperationOutputs, OperationName> = true;
void eventsComplete;
void operationsComplete;
