import { FLACDecoder } from '@wasm-audio-decoders/flac';
import type { MonoSink } from './monoSink';
import { parseFlacStreamInfo, scanFlacFrames, type FlacFrame } from './flacFrames';
import { FEED_BYTES, feedDecoder, withDecoder, withDecoderLogsMuted } from './wasmDecoder';

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

/** Decodes native FLAC (`fLaC` at `start`) frame by frame with libFLAC (wasm). Returns the channel count. */
export async function decodeFlac(bytes: Uint8Array, start: number, sink: MonoSink): Promise<number> {
  const info = parseFlacStreamInfo(bytes, start);
  sink.start({ sampleRate: info.sampleRate, channels: info.channels, expectedFrames: info.totalSamples });

  await withDecoder(
    () => new FLACDecoder(),
    async (decoder) => {
      for (const batch of frameBatches(bytes, scanFlacFrames(bytes, info))) {
        const fed = await feedDecoder(async () => {
          // The async wrapper decodes synchronously before its first await, so muting covers the work.
          const decoded = await withDecoderLogsMuted(() => decoder.decodeFrames(batch));
          sink.writePlanar(decoded.channelData, decoded.samplesDecoded);
        });
        if (!fed) break;
        await sink.checkpoint();
      }
    },
  );
  return info.channels;
}
