import type { ZodType } from 'zod';
import { ERROR_CATALOGUE, StudioError, serializeError, type ErrorCode, type SerializedError } from '../../src-shared/errors';
import { LIMITS } from '../../src-shared/limits';
import type { Result } from '../../src-shared/rendererApi';
import {
  rendererContract,
  type RendererOperation,
  type RendererParsedRequest,
  type RendererResponse,
} from '../../src-shared/rendererContract';
import { silentLog, type LogSink } from '../core/log';
import { DEFAULT_RATE_BUDGETS } from './budgets';
import { measurePayload } from './payloadSize';
import { RateBudgets, type RateBudgetSpec } from './rateBudget';

/** What the router calls once a message has passed every check. */
export type RendererHandlers = {
  [K in RendererOperation]: (request: RendererParsedRequest<K>) => Promise<RendererResponse<K>>;
};

export interface IpcRouterOptions<Sender> {
  handlers: RendererHandlers;
  /** Injected so the router stays free of Electron: the app checks the frame, the test host its token. */
  isTrustedSender: (sender: Sender) => boolean;
  budgets?: Partial<Record<RendererOperation, RateBudgetSpec>>;
  maxPayloadBytes?: number;
  now?: () => number;
  log?: LogSink;
}

export interface IpcRouter<Sender> {
  readonly operations: readonly RendererOperation[];
  /** Never throws: every outcome is a Result whose error is a typed code with a safe message. */
  handle(operation: string, payload: unknown, sender: Sender): Promise<Result<unknown>>;
}

const OPERATIONS = Object.keys(rendererContract) as RendererOperation[];

function isOperation(name: string): name is RendererOperation {
  return Object.prototype.hasOwnProperty.call(rendererContract, name);
}

function refuse(code: ErrorCode, details?: Record<string, unknown>): Result<never> {
  const error: SerializedError = { code, message: ERROR_CATALOGUE[code].message };
  if (details) error.details = details;
  return { ok: false, error };
}

/**
 * The one gate between a page and the core. In order: the sender is the app's own top frame,
 * the operation exists, the payload is within the size limit, the operation's rate budget has a
 * token, the payload matches the zod schema. Only then is the core called, and its answer is
 * checked against the response schema (which also strips anything the renderer should not see).
 */
export function createIpcRouter<Sender>(options: IpcRouterOptions<Sender>): IpcRouter<Sender> {
  const log = options.log ?? silentLog;
  const maxPayloadBytes = options.maxPayloadBytes ?? LIMITS.maxIpcPayloadBytes;
  const budgets = new RateBudgets<RendererOperation>(
    { ...DEFAULT_RATE_BUDGETS, ...options.budgets },
    options.now ?? Date.now,
  );

  async function handle(operation: string, payload: unknown, sender: Sender): Promise<Result<unknown>> {
    let trusted: boolean;
    try {
      trusted = options.isTrustedSender(sender);
    } catch {
      trusted = false;
    }
    if (!trusted) {
      log('warn', 'ipc.forbidden_sender', { operation: isOperation(operation) ? operation : 'unknown' });
      return refuse('FORBIDDEN_SENDER');
    }
    if (typeof operation !== 'string' || !isOperation(operation)) {
      log('warn', 'ipc.unknown_operation', {});
      return refuse('INVALID_REQUEST');
    }
    const size = measurePayload(payload, maxPayloadBytes);
    if (size.kind === 'over') {
      log('warn', 'ipc.payload_too_large', { operation });
      return refuse('PAYLOAD_TOO_LARGE', { maxBytes: maxPayloadBytes });
    }
    if (size.kind === 'unmeasurable') {
      log('warn', 'ipc.payload_unmeasurable', { operation });
      return refuse('INVALID_REQUEST');
    }
    if (!budgets.tryTake(operation)) {
      log('warn', 'ipc.rate_limited', { operation });
      return refuse('RATE_LIMITED');
    }
    const schema = rendererContract[operation].request as ZodType;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      log('warn', 'ipc.invalid_request', { operation, issues: parsed.error.issues.length });
      // Field paths and issue codes only: never the offending values.
      return refuse('INVALID_REQUEST', {
        issues: parsed.error.issues.slice(0, 10).map((issue) => ({ path: issue.path.map(String), code: issue.code })),
      });
    }
    return runHandler(operation, parsed.data);
  }

  async function runHandler(operation: RendererOperation, request: unknown): Promise<Result<unknown>> {
    let value: unknown;
    try {
      const handler = options.handlers[operation] as (request: unknown) => Promise<unknown>;
      value = await handler(request);
    } catch (error) {
      if (error instanceof StudioError) {
        log('info', 'ipc.refused', { operation, code: error.code });
      } else {
        log('error', 'ipc.internal', { operation, ...describeInternal(error) });
      }
      return { ok: false, error: serializeError(error) };
    }
    const checked = (rendererContract[operation].response as ZodType).safeParse(value);
    if (!checked.success) {
      log('error', 'ipc.invalid_response', { operation, issues: checked.error.issues.length });
      return refuse('INTERNAL');
    }
    return { ok: true, value: checked.data };
  }

  return { operations: OPERATIONS, handle };
}

/** For the main-process log: the error's class and stack frames, without its message (which may quote input). */
function describeInternal(error: unknown): Record<string, string> {
  if (!(error instanceof Error)) return { errorType: typeof error };
  const frames = (error.stack ?? '').split('\n').filter((line) => line.trimStart().startsWith('at '));
  return { errorName: error.name, stack: frames.slice(0, 12).join('\n') };
}
