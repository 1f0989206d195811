import { isStudioError } from '../../../src-shared/errors';

/** What the wasm decoders return per call. */
export interface DecodedChunk {
  channelData: Float32Array[];
  samplesDecoded: number;
}

export interface FreeableDecoder {
  free(): void | Promise<void>;
}

/** Bytes of compressed input handed to a decoder per call. */
export const FEED_BYTES = 64 * 1024;

/**
 * Runs `use` with a decoder and always frees its wasm memory, even when decoding failed. Freeing a
 * decoder whose wasm instance trapped can itself trap; that instance is unusable and will be
 * garbage-collected, so such an error is deliberately dropped.
 */
export async function withDecoder<D extends FreeableDecoder & { ready: Promise<unknown> }, T>(
  create: () => D,
  use: (decoder: D) => Promise<T>,
): Promise<T> {
  const decoder = create();
  try {
    await decoder.ready;
    return await use(decoder);
  } finally {
    try {
      await decoder.free();
    } catch {
      // see above
    }
  }
}

/**
 * Calls into a decoder. A StudioError (the duration limit, cancellation) propagates; any other
 * failure — a wasm trap or a parser exception on damaged data — means "no more valid audio" and
 * returns false so the caller keeps what was decoded so far.
 */
export async function feedDecoder(step: () => Promise<void> | void): Promise<boolean> {
  try {
    await step();
    return true;
  } catch (error) {
    if (isStudioError(error)) throw error;
    return false;
  }
}

/** Groups byte ranges that follow each other into runs of about `FEED_BYTES`. */
export function* contiguousRuns(
  bytes: Uint8Array,
  ranges: Iterable<{ offset: number; length: number }>,
): Generator<Uint8Array> {
  let start = -1;
  let end = -1;
  for (const range of ranges) {
    if (range.offset === end && end - start < FEED_BYTES) {
      end += range.length;
      continue;
    }
    if (start >= 0) yield bytes.subarray(start, end);
    start = range.offset;
    end = range.offset + range.length;
  }
  if (start >= 0) yield bytes.subarray(start, end);
}

/**
 * Runs a synchronous decoder call with console.error silenced. mpg123 and libFLAC print a line per
 * damaged frame; damage is reported to callers as typed errors, and a hostile file must not flood
 * the main-process log. Only synchronous calls are wrapped, so no other code can run meanwhile.
 */
export function withDecoderLogsMuted<T>(call: () => T): T {
  const original = console.error;
  console.error = () => {};
  try {
    return call();
  } finally {
    console.error = original;
  }
}

/** Passes `source` through unchanged, keeping its return value in `result.value` once it is done. */
export function* keepingReturnValue<T, R>(source: Generator<T, R>, result: { value?: R }): Generator<T, void> {
  result.value = yield* source;
}
