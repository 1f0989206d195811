import { StudioError } from '../../../src-shared/errors';
import { sanitizeSample } from './pcm';
import { StreamingResampler, resampledLength } from './resample';
import { isSupportedSampleRate } from './types';

export interface MonoSinkOptions {
  maxDurationSec: number;
  targetSampleRate?: number;
  signal?: AbortSignal;
}

export interface StreamFormat {
  sampleRate: number;
  channels: number;
  /**
   * Best guess of the stream's frame count, used to size the output buffer once. Header claims
   * (FLAC STREAMINFO, the last Ogg granule) are capped at the duration limit, so a lying header
   * costs at most the buffer a genuine maximum-length file would need.
   */
  expectedFrames?: number;
  /** The container states the frame count exactly (WAV): an over-long stream is refused before decoding. */
  framesExact?: boolean;
}

const YIELD_EVERY_MS = 25;
const INITIAL_CAPACITY_SEC = 30;

/**
 * Where every decoder puts its output: downmixes to mono, sanitises (NaN/Inf → 0, clamp to ±1),
 * resamples chunk by chunk, and keeps only the mono result at the target rate. It enforces the
 * duration limit as audio arrives, so an over-long file stops decoding at the limit.
 */
export class MonoSink {
  private format: StreamFormat | null = null;
  private resampler: StreamingResampler | null = null;
  private output = new Float32Array(0);
  private outputLength = 0;
  private maxFrames = 0;
  private framesIn = 0;
  private scratch = new Float32Array(0);
  private lastYield = performance.now();

  constructor(private readonly options: MonoSinkOptions) {}

  /** Declares the stream. Rates outside 4–384 kHz are refused; channel counts are checked by the caller. */
  start(format: StreamFormat): void {
    if (this.format) throw new Error('MonoSink: started twice');
    if (!isSupportedSampleRate(format.sampleRate)) {
      throw new StudioError('AUDIO_UNSUPPORTED_FORMAT', { details: { reason: 'sample_rate' } });
    }
    if (!Number.isInteger(format.channels) || format.channels < 1) throw new StudioError('AUDIO_CORRUPT');
    this.format = format;
    const outRate = this.options.targetSampleRate ?? format.sampleRate;
    this.resampler = new StreamingResampler(format.sampleRate, outRate);
    this.maxFrames = Math.floor(this.options.maxDurationSec * format.sampleRate);
    if (format.framesExact && (format.expectedFrames ?? 0) > this.maxFrames) this.throwTooLong();
    const expected = Math.min(
      format.expectedFrames && format.expectedFrames > 0 ? format.expectedFrames : INITIAL_CAPACITY_SEC * format.sampleRate,
      this.maxFrames + 1,
    );
    this.output = new Float32Array(resampledLength(expected, format.sampleRate, outRate) + 1);
  }

  /** Audio as one array per channel (each at least `frames` long). */
  writePlanar(channels: Float32Array[], frames: number): void {
    for (const channel of channels) frames = Math.min(frames, channel.length);
    if (channels.length === 0 || !(frames > 0)) return;
    const mono = this.takeScratch(frames);
    const count = channels.length;
    if (count === 1) {
      const only = channels[0];
      for (let i = 0; i < frames; i++) mono[i] = sanitizeSample(only[i]);
    } else {
      mono.fill(0);
      for (const channel of channels) for (let i = 0; i < frames; i++) mono[i] += sanitizeSample(channel[i]);
      const scale = 1 / count;
      for (let i = 0; i < frames; i++) mono[i] *= scale;
    }
    this.writeMono(mono);
  }

  /** Audio already downmixed and sanitised by the caller. */
  writeMono(mono: Float32Array): void {
    const format = this.format;
    if (!format || !this.resampler) throw new Error('MonoSink: write before start');
    if (mono.length === 0) return;
    this.framesIn += mono.length;
    if (this.framesIn > this.maxFrames) this.throwTooLong();
    this.append(this.resampler.push(mono));
  }

  /** A scratch buffer a decoder may fill and pass to writeMono (valid until the next write). */
  takeScratch(frames: number): Float32Array {
    if (this.scratch.length < frames) this.scratch = new Float32Array(Math.max(frames, 4096));
    return this.scratch.subarray(0, frames);
  }

  /** Lets the event loop run now and then during a long decode, and honours cancellation. */
  async checkpoint(): Promise<void> {
    if (this.options.signal?.aborted) throw new StudioError('CANCELLED');
    const now = performance.now();
    if (now - this.lastYield < YIELD_EVERY_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.lastYield = performance.now();
    if (this.options.signal?.aborted) throw new StudioError('CANCELLED');
  }

  /** The mono clip; AUDIO_CORRUPT when nothing was decoded. */
  finish(): { samples: Float32Array; sampleRate: number; sourceSampleRate: number; durationSec: number } {
    const format = this.format;
    if (!format || !this.resampler || this.framesIn === 0) throw new StudioError('AUDIO_CORRUPT');
    this.append(this.resampler.flush());
    const length = this.outputLength;
    // A tight estimate leaves a small tail unused; keep the view rather than copying the whole clip.
    const waste = this.output.length - length;
    const samples = waste === 0 || waste <= length / 100 ? this.output.subarray(0, length) : this.output.slice(0, length);
    this.output = new Float32Array(0);
    return {
      samples,
      sampleRate: this.options.targetSampleRate ?? format.sampleRate,
      sourceSampleRate: format.sampleRate,
      durationSec: this.framesIn / format.sampleRate,
    };
  }

  private throwTooLong(): never {
    throw new StudioError('AUDIO_TOO_LONG', { details: { maxDurationSec: this.options.maxDurationSec } });
  }

  private append(chunk: Float32Array): void {
    if (chunk.length === 0) return;
    const needed = this.outputLength + chunk.length;
    if (needed > this.output.length) {
      const format = this.format as StreamFormat;
      const ceiling = resampledLength(this.maxFrames, format.sampleRate, this.options.targetSampleRate ?? format.sampleRate) + 1;
      const grown = new Float32Array(Math.max(needed, Math.min(Math.ceil(this.output.length * 1.5), ceiling)));
      grown.set(this.output.subarray(0, this.outputLength));
      this.output = grown;
    }
    this.output.set(chunk, this.outputLength);
    this.outputLength = needed;
  }
}
