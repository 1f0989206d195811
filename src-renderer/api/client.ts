import type { ErrorCode, SerializedError } from '../../src-shared/errors';
import type { Result, RendererStudioApi } from '../../src-shared/rendererApi';

/** A typed failure from main, as the views handle it. */
export class StudioClientError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(error: SerializedError) {
    super(error.message);
    this.name = 'StudioClientError';
    this.code = error.code;
    this.details = error.details;
  }
}

export function studioApi(): RendererStudioApi {
  return window.studio;
}

/** Turns the bridge's Result into a value or a thrown StudioClientError. */
export async function unwrap<T>(pending: Promise<Result<T>>): Promise<T> {
  const result = await pending;
  if (result.ok) return result.value;
  throw new StudioClientError(result.error);
}

export function errorCodeOf(error: unknown): ErrorCode {
  return error instanceof StudioClientError ? error.code : 'INTERNAL';
}
