import { FLACDecoder } from '@wasm-audio-decoders/flac';
import { OggVorbisDecoder } from '@wasm-audio-decoders/ogg-vorbis';
import { OggOpusDecoder } from 'ogg-opus-decoder';
import { StudioError } from '../../../src-shared/errors';
import { readStreamInfoBody } from './flacFrames';
import type { MonoSink, StreamFormat } from './monoSink';
import { lastGranule, oggCodecOf, scanOggPages, type OggPage, type OggScanEnd } from './oggPages';
import type { AudioFormat } from './types';
import { contiguousRuns, feedDecoder, keepingReturnValue, withDecoder, withDecoderLogsMuted, type DecodedChunk } from './wasmDecoder';

/** Opus always decodes at 48 kHz, whatever rate the encoder was given. */
const OPUS_RATE = 48_000;

interface OggStreamDecoder {
  ready: Promise<unknown>;
  decode(data: Uint8Array): Promise<DecodedChunk> | DecodedChunk;
  flush(): Promise<DecodedChunk>;
  free(): void;
}

/** Rate and channels from the identification header, the first packet of the BOS page. */
function streamFormat(bytes: Uint8Array, page: OggPage, codec: Exclude<AudioFormat, 'wav' | 'mp3'>): StreamFormat {
  const packet = bytes.subarray(page.bodyOffset, page.bodyOffset + page.firstSegmentBytes);
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  const granule = lastGranule(bytes, page.serial);
  switch (codec) {
    case 'opus': {
      // "OpusHead", version, channels, pre-skip (LE16), input rate (LE32), ...
      if (packet.length < 19) throw new StudioError('AUDIO_CORRUPT');
      const preSkip = view.getUint16(10, true);
      return { sampleRate: OPUS_RATE, channels: packet[9], expectedFrames: granule > preSkip ? granule - preSkip : undefined };
    }
    case 'vorbis': {
      // "\x01vorbis", version (LE32), channels, rate (LE32), ...
      if (packet.length < 30) throw new StudioError('AUDIO_CORRUPT');
      return { sampleRate: view.getUint32(12, true), channels: packet[11], expectedFrames: granule > 0 ? granule : undefined };
    }
    case 'flac': {
      // "\x7FFLAC", major, minor, header count (BE16), "fLaC", metadata block header, STREAMINFO.
      if (packet.length < 51) throw new StudioError('AUDIO_CORRUPT');
      const info = readStreamInfoBody(packet, 17);
      return { sampleRate: info.sampleRate, channels: info.channels, expectedFrames: granule > 0 ? granule : undefined };
    }
  }
}

function createDecoder(codec: Exclude<AudioFormat, 'wav' | 'mp3'>): OggStreamDecoder {
  switch (codec) {
    case 'opus':
      return new OggOpusDecoder();
    case 'vorbis':
      return new OggVorbisDecoder();
    case 'flac':
      return new FLACDecoder();
  }
}

/**
 * Decodes the first logical stream of an Ogg file: Opus, Vorbis or FLAC, told apart by the codec
 * header in the first packet. Only intact pages (CRC-checked) are passed to the decoder; a damaged
 * page inside is skipped, but a stream that ends without its end-of-stream page (the file was cut,
 * or its last page is) is AUDIO_CORRUPT.
 */
export async function decodeOgg(bytes: Uint8Array, sink: MonoSink): Promise<{ format: AudioFormat; channels: number }> {
  let firstPage: OggPage | null = null;
  for (const page of scanOggPages(bytes)) {
    firstPage = page;
    break;
  }
  if (!firstPage) throw new StudioError('AUDIO_CORRUPT');
  const codec = oggCodecOf(bytes, firstPage);
  if (codec === 'unknown') throw new StudioError('AUDIO_UNSUPPORTED_FORMAT', { details: { reason: 'ogg_codec' } });
  const format = streamFormat(bytes, firstPage, codec);
  sink.start(format);

  const end: { value?: OggScanEnd } = {};
  await withDecoder(
    () => createDecoder(codec),
    async (decoder) => {
      let intact = true;
      for (const run of contiguousRuns(bytes, keepingReturnValue(scanOggPages(bytes), end))) {
        // After a decoder failure the scan still runs to the end, to tell truncation from damage.
        if (intact) {
          intact = await feedDecoder(async () => {
            const decoded = await withDecoderLogsMuted(() => decoder.decode(run));
            sink.writePlanar(decoded.channelData, decoded.samplesDecoded);
          });
        }
        await sink.checkpoint();
      }
      if (!end.value?.complete) throw new StudioError('AUDIO_CORRUPT');
      // The parser holds the last page back until told the stream is over.
      if (intact) {
        await feedDecoder(async () => {
          const decoded = await withDecoderLogsMuted(() => decoder.flush());
          sink.writePlanar(decoded.channelData, decoded.samplesDecoded);
        });
      }
    },
  );
  return { format: codec, channels: format.channels };
}
