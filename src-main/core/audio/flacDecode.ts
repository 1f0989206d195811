import { FLACDecoder } from '@wasm-audio-decoders/flac';
import { StudioError } from '../../../src-shared/errors';
import type { MonoSink } from './monoSink';
import { parseFlacStreamInfo, scanFlacFrames, type FlacFrame, type FlacScanEnd, type FlacStreamInfo } from './flacFrames';
import { FEED_BYTES, feedDecoder, keepingReturnValue, withDecoder, withDecoderLogsMuted } from './wasmDecoder';

function* frameBatches(bytes: Uint8Array, frames: Iterable<FlacFrame>): Generator<Uint8Array[]> {
  let batch: Uint8Array[] = [];
  let batchBytes = 0;
  for (const frame of frames) {
    batch.push(bytes.subarray(frame.offset, frame.offset + frame.length));
    batchBytes += frame.length;
    if (batchBytes >= FEED_BYTES) {
      yield batch;
      batch = [];
      batchBytes = 0;
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * A stream is truncated when its last frame is cut short, or when its frames (numbered in their
 * headers) stop before the sample count STREAMINFO gives. Frame numbers rather than a count of
 * decoded samples, so that frames lost to damage inside the file are not mistaken for truncation.
 * With no count in STREAMINFO (streamed encodes) a cut at a frame boundary cannot be seen.
 */
function isTruncated(info: FlacStreamInfo, end: FlacScanEnd): boolean {
  return end.cutShort || (info.totalSamples > 0 && end.samplesEnd < info.totalSamples);
}

/**
 * Decodes native FLAC (`fLaC` at `start`) frame by frame with libFLAC (wasm). Returns the channel
 * count. A truncated file is AUDIO_CORRUPT; frames that fail their CRC inside the file are skipped.
 */
export async function decodeFlac(bytes: Uint8Array, start: number, sink: MonoSink): Promise<number> {
  const info = parseFlacStreamInfo(bytes, start);
  sink.start({ sampleRate: info.sampleRate, channels: info.channels, expectedFrames: info.totalSamples });

  const end: { value?: FlacScanEnd } = {};
  await withDecoder(
    () => new FLACDecoder(),
    async (decoder) => {
      let intact = true;
      for (const batch of frameBatches(bytes, keepingReturnValue(scanFlacFrames(bytes, info), end))) {
        // After a decoder failure the scan still runs to the end, to tell truncation from damage.
        if (intact) {
          intact = await feedDecoder(async () => {
            // The async wrapper decodes synchronously before its first await, so muting covers the work.
            const decoded = await withDecoderLogsMuted(() => decoder.decodeFrames(batch));
            sink.writePlanar(decoded.channelData, decoded.samplesDecoded);
          });
        }
        await sink.checkpoint();
      }
    },
  );
  if (!end.value || isTruncated(info, end.value)) throw new StudioError('AUDIO_CORRUPT');
  return info.channels;
}
