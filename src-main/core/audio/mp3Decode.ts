import { MPEGDecoder } from 'mpg123-decoder';
import { StudioError } from '../../../src-shared/errors';
import type { MonoSink } from './monoSink';
import { scanMpegFrames, type MpegFrame } from './mpegFrames';
import { isMpegStreamTruncated } from './mpegTruncation';
import { contiguousRuns, feedDecoder, withDecoder, withDecoderLogsMuted } from './wasmDecoder';

/**
 * Decodes the chained Layer III frames from `start` with mpg123 (wasm). Returns the channel count.
 * A truncated file is AUDIO_CORRUPT before any decoding; damaged frames inside are skipped.
 */
export async function decodeMp3(bytes: Uint8Array, start: number, sink: MonoSink): Promise<number> {
  let first: MpegFrame | null = null;
  let frameCount = 0;
  const scan = scanMpegFrames(bytes, start);
  let step = scan.next();
  for (; !step.done; step = scan.next()) {
    first ??= step.value;
    frameCount++;
  }
  if (!first || isMpegStreamTruncated(bytes, first, frameCount, step.value)) throw new StudioError('AUDIO_CORRUPT');
  const { channels, sampleRate, samplesPerFrame } = first.header;
  sink.start({ sampleRate, channels, expectedFrames: frameCount * samplesPerFrame });

  await withDecoder(
    () => new MPEGDecoder(),
    async (decoder) => {
      for (const run of contiguousRuns(bytes, scanMpegFrames(bytes, start))) {
        const fed = await feedDecoder(() => {
          const decoded = withDecoderLogsMuted(() => decoder.decode(run));
          // mpg123 is built to always output stereo; a mono stream comes back duplicated.
          const planes = channels === 1 ? decoded.channelData.slice(0, 1) : decoded.channelData;
          sink.writePlanar(planes, decoded.samplesDecoded);
        });
        if (!fed) break;
        await sink.checkpoint();
      }
    },
  );
  return channels;
}
