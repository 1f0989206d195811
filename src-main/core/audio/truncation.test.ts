import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oggCrc32 } from './crc';
import { parseFlacStreamInfo, scanFlacFrames } from './flacFrames';
import { decodeAudioBytes, encodeMp3, encodeWav } from './index';
import { scanMpegFrames } from './mpegFrames';
import { scanOggPages } from './oggPages';
import { sniffContainer } from './sniff';
import { concatBytes } from './testing/bytes';
import { decodeCode } from './testing/decodeCode';
import { chirp, tone } from './testing/signals';
import { makeTempDir, requireTools, runTool } from './testing/tools';
import { parseWavLayout } from './wavDecode';

/**
 * Truncated files are refused with AUDIO_CORRUPT, never decoded in part. Every file here is made by
 * a real encoder (sox, lame, ffmpeg, flac, opusenc, oggenc, and our own encoders) from the same
 * 2-second stereo signal, then cut at points chosen from its own structure: after the headers,
 * inside a frame (or page), one byte into one, at a frame boundary, at 50 % and 99 %, and one
 * byte short. The complete file must still decode.
 */
const RATE = 16000;
const SECONDS = 2;
const temp = makeTempDir();

const bytesOf = (file: string) => new Uint8Array(readFileSync(temp.file(file)));

interface Unit {
  offset: number;
  length: number;
}

/** Where the audio starts and the units it comes in (frames, pages, or blocks of WAV samples). */
interface Structure {
  headerEnd: number;
  units: Unit[];
}

function wavStructure(bytes: Uint8Array): Structure {
  const layout = parseWavLayout(bytes);
  const blockBytes = 1000 * layout.channels * layout.bytesPerSample;
  const units: Unit[] = [];
  for (let offset = layout.dataOffset; offset + blockBytes <= bytes.length; offset += blockBytes) units.push({ offset, length: blockBytes });
  return { headerEnd: layout.dataOffset, units };
}

function mp3Structure(bytes: Uint8Array): Structure {
  const sniffed = sniffContainer(bytes);
  if (sniffed.container !== 'mp3') throw new Error('not an MP3');
  const units = [...scanMpegFrames(bytes, sniffed.start)];
  // Tags in front and the first frame's header: not one frame of audio.
  return { headerEnd: units[0].offset + 4, units };
}

function flacStructure(bytes: Uint8Array): Structure {
  const info = parseFlacStreamInfo(bytes, 0);
  return { headerEnd: info.framesOffset, units: [...scanFlacFrames(bytes, info)] };
}

function oggStructure(bytes: Uint8Array): Structure {
  const pages = [...scanOggPages(bytes)];
  // Header pages carry granule 0; the first audio page is the first with a later granule.
  const firstAudio = pages.findIndex((page) => page.granule > 0);
  const lastHeader = pages[firstAudio - 1];
  return { headerEnd: lastHeader.offset + lastHeader.length, units: pages.slice(firstAudio) };
}

interface CutPoint {
  name: string;
  at: number;
}

function cutPoints({ headerEnd, units }: Structure, length: number): CutPoint[] {
  const middle = units[units.length >> 1];
  return [
    { name: 'the headers only', at: headerEnd },
    { name: 'inside a frame', at: middle.offset + (middle.length >> 1) },
    { name: 'one byte into a frame', at: middle.offset + 1 },
    { name: 'at a frame boundary (last frame gone)', at: units[units.length - 1].offset },
    { name: '50 %', at: Math.floor(length * 0.5) },
    { name: '99 %', at: Math.floor(length * 0.99) },
    { name: 'one byte short', at: length - 1 },
  ];
}

interface Sample {
  file: string;
  format: string;
  structure: (bytes: Uint8Array) => Structure;
}

const SAMPLES: Sample[] = [
  { file: 'sox.wav', format: 'wav', structure: wavStructure },
  { file: 'ffmpeg.wav', format: 'wav', structure: wavStructure },
  { file: 'ffmpeg-rf64.wav', format: 'wav', structure: wavStructure },
  { file: 'ours.wav', format: 'wav', structure: wavStructure },
  { file: 'lame-cbr.mp3', format: 'mp3', structure: mp3Structure },
  { file: 'lame-vbr.mp3', format: 'mp3', structure: mp3Structure },
  { file: 'lame-id3.mp3', format: 'mp3', structure: mp3Structure },
  { file: 'ffmpeg.mp3', format: 'mp3', structure: mp3Structure },
  { file: 'ours.mp3', format: 'mp3', structure: mp3Structure },
  { file: 'flac.flac', format: 'flac', structure: flacStructure },
  { file: 'sox.flac', format: 'flac', structure: flacStructure },
  { file: 'ffmpeg.flac', format: 'flac', structure: flacStructure },
  { file: 'opusenc.opus', format: 'opus', structure: oggStructure },
  { file: 'ffmpeg.opus', format: 'opus', structure: oggStructure },
  { file: 'oggenc.ogg', format: 'vorbis', structure: oggStructure },
  { file: 'ffmpeg.ogg', format: 'vorbis', structure: oggStructure },
  { file: 'flac.oga', format: 'flac', structure: oggStructure },
];

beforeAll(() => {
  requireTools('sox', 'lame', 'flac', 'opusenc', 'oggenc', 'ffmpeg');
  const wav = temp.file('sox.wav');
  runTool('sox', ['-n', '-r', String(RATE), '-c', '2', '-b', '16', wav, 'synth', String(SECONDS), 'sine', '200-3000', 'sine', '440']);
  const ffmpeg = (output: string, ...codec: string[]) => runTool('ffmpeg', ['-v', 'error', '-y', '-i', wav, ...codec, temp.file(output)]);
  ffmpeg('ffmpeg.wav');
  ffmpeg('ffmpeg-rf64.wav', '-rf64', 'always');
  ffmpeg('ffmpeg.mp3', '-c:a', 'libmp3lame', '-b:a', '64k');
  ffmpeg('ffmpeg.flac');
  ffmpeg('ffmpeg.opus', '-c:a', 'libopus');
  ffmpeg('ffmpeg.ogg', '-c:a', 'libvorbis');
  runTool('lame', ['--quiet', '-b', '64', wav, temp.file('lame-cbr.mp3')]);
  runTool('lame', ['--quiet', '-V', '4', wav, temp.file('lame-vbr.mp3')]);
  runTool('lame', ['--quiet', '-b', '64', '-t', wav, temp.file('lame-untagged.mp3')]);
  // --add-id3v2 writes an ID3v2 tag in front and an ID3v1 tag at the end.
  runTool('lame', ['--quiet', '-b', '64', '--add-id3v2', '--tt', 'Test tone', '--ta', 'Voicemark', wav, temp.file('lame-id3.mp3')]);
  runTool('flac', ['-s', '-f', wav, '-o', temp.file('flac.flac')]);
  runTool('flac', ['-s', '-f', '--ogg', wav, '-o', temp.file('flac.oga')]);
  runTool('sox', [wav, temp.file('sox.flac')]);
  runTool('opusenc', ['--quiet', wav, temp.file('opusenc.opus')]);
  runTool('oggenc', ['-Q', wav, '-o', temp.file('oggenc.ogg')]);
  const mono = chirp(RATE, SECONDS, 200, 3000);
  writeFileSync(temp.file('ours.wav'), encodeWav({ samples: mono, sampleRate: RATE }));
  writeFileSync(temp.file('ours.mp3'), encodeMp3({ samples: mono, sampleRate: RATE }));
}, 60_000);

afterAll(() => temp.remove());

describe.each(SAMPLES)('$file', ({ file, format, structure }) => {
  it('decodes whole', async () => {
    const decoded = await decodeAudioBytes(bytesOf(file));
    expect(decoded.format).toBe(format);
    expect(decoded.durationSec).toBeGreaterThan(SECONDS - 0.01);
    expect(decoded.durationSec).toBeLessThan(SECONDS + 0.1);
  });

  it('is AUDIO_CORRUPT when cut after the headers, inside or at the edge of a frame, at 50 %, 99 % and one byte short', async () => {
    const bytes = bytesOf(file);
    const cuts = cutPoints(structure(bytes), bytes.length);
    const outcomes = await Promise.all(cuts.map(async ({ name, at }) => `${name}: ${await decodeCode(bytes.subarray(0, at))}`));
    expect(outcomes).toEqual(cuts.map(({ name }) => `${name}: AUDIO_CORRUPT`));
  });
});

describe('WAV: sizes are checked against the file', () => {
  const shortWav = () => encodeWav({ samples: tone(8000, 0.1, 440), sampleRate: 8000 });

  it('refuses a header claiming 4 GB over 100 bytes of data (the issue case, also what ffmpeg writes to a pipe)', async () => {
    const header = shortWav().slice(0, 44);
    const view = new DataView(header.buffer);
    view.setUint32(4, 0xffffffff, true);
    view.setUint32(40, 0xffffffff, true);
    const liar = new Uint8Array(144);
    liar.set(header);
    expect(await decodeCode(liar)).toBe('AUDIO_CORRUPT');
  });

  it('refuses the placeholder sizes streaming writers leave (ffmpeg and sox writing to a pipe)', async () => {
    const fromFfmpeg = new Uint8Array(runTool('ffmpeg', ['-v', 'error', '-i', temp.file('sox.wav'), '-f', 'wav', '-']));
    const ffmpegSizes = new DataView(fromFfmpeg.buffer, fromFfmpeg.byteOffset);
    expect(ffmpegSizes.getUint32(4, true)).toBe(0xffffffff);
    expect(await decodeCode(fromFfmpeg)).toBe('AUDIO_CORRUPT');
    // sox leaves 0x7FFFF000 when it cannot seek back to fix the header, as when synthesising into a pipe.
    const fromSox = new Uint8Array(runTool('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', '-t', 'wav', '-', 'synth', '0.5', 'sine', '440']));
    const soxDataSize = new DataView(fromSox.buffer, fromSox.byteOffset).getUint32(40, true);
    expect(soxDataSize).toBeGreaterThan(fromSox.length);
    expect(await decodeCode(fromSox)).toBe('AUDIO_CORRUPT');
  });

  it('refuses a data chunk of size 0', async () => {
    const bytes = shortWav();
    new DataView(bytes.buffer).setUint32(40, 0, true);
    expect(await decodeCode(bytes)).toBe('AUDIO_CORRUPT');
  });

  it('refuses a trailing chunk cut short, though every sample is there', async () => {
    const bytes = shortWav();
    const withList = new Uint8Array(bytes.length + 8 + 20);
    withList.set(bytes);
    withList.set([0x4c, 0x49, 0x53, 0x54, 20, 0, 0, 0], bytes.length); // "LIST", 20 bytes
    new DataView(withList.buffer).setUint32(4, withList.length - 8, true);
    expect(await decodeCode(withList)).toBe('OK');
    expect(await decodeCode(withList.subarray(0, withList.length - 5))).toBe('AUDIO_CORRUPT');
  });

  it('accepts a missing pad byte after odd-sized data, bytes appended after the RIFF form, and a RIFF size that claims less', async () => {
    const samples = tone(8000, 0.2, 440).subarray(0, 801); // 801 × 3 bytes: odd, padded
    const padded = encodeWav({ samples, sampleRate: 8000 }, { bitDepth: 24 });
    expect(new DataView(padded.buffer).getUint32(40, true)).toBe(2403);
    expect(padded.length).toBe(44 + 2403 + 1);
    const unpadded = await decodeAudioBytes(padded.subarray(0, padded.length - 1));
    expect(unpadded.clip.samples.length).toBe(801);

    const id3v1 = new Uint8Array(128);
    id3v1.set([0x54, 0x41, 0x47]); // "TAG" written raw after the form, as some taggers do
    const appended = new Uint8Array(padded.length + 128);
    appended.set(padded);
    appended.set(id3v1, padded.length);
    expect((await decodeAudioBytes(appended)).clip.samples.length).toBe(801);

    const understated = padded.slice();
    new DataView(understated.buffer).setUint32(4, 0, true);
    expect((await decodeAudioBytes(understated)).clip.samples.length).toBe(801);
  });
});

describe('MP3: what can and cannot be told from complete', () => {
  const ascii = (text: string) => new TextEncoder().encode(text);

  /** An APEv2 tag (header, one item, footer) as taggers append it. */
  function apeTag(): Uint8Array {
    const item = concatBytes(new Uint8Array([5, 0, 0, 0, 0, 0, 0, 0]), ascii('Title'), new Uint8Array([0]), ascii('Tone!'));
    const block = (isHeader: boolean) => {
      const out = new Uint8Array(32);
      out.set(ascii('APETAGEX'));
      const view = new DataView(out.buffer);
      view.setUint32(8, 2000, true);
      view.setUint32(12, item.length + 32, true);
      view.setUint32(16, 1, true);
      view.setUint32(20, isHeader ? 0xa0000000 : 0x80000000, true);
      return out;
    };
    return concatBytes(block(true), item, block(false));
  }

  function id3v1(): Uint8Array {
    const tag = new Uint8Array(128);
    tag.set(ascii('TAGTest tone'));
    tag[127] = 0xff; // genre "none"
    return tag;
  }

  it('accepts ID3v2, APE and ID3v1 tags and trailing zero padding around complete audio', async () => {
    const mp3 = bytesOf('lame-cbr.mp3');
    const plain = (await decodeAudioBytes(mp3)).clip.samples.length;
    const id3v2 = bytesOf('lame-id3.mp3').subarray(0, mp3Structure(bytesOf('lame-id3.mp3')).units[0].offset);
    for (const variant of [
      concatBytes(mp3, new Uint8Array(2048)),
      concatBytes(mp3, apeTag(), id3v1()),
      concatBytes(id3v2, mp3, id3v1()),
      concatBytes(id3v2, mp3, new Uint8Array(300), apeTag()),
    ]) {
      expect((await decodeAudioBytes(variant)).clip.samples.length).toBe(plain);
    }
  });

  it('refuses a cut inside the ID3v2 tag in front, even inside its 10-byte header', async () => {
    const tagged = bytesOf('lame-id3.mp3');
    const firstFrame = mp3Structure(tagged).units[0].offset;
    expect(firstFrame).toBeGreaterThan(10);
    for (const at of [5, 10, firstFrame >> 1, firstFrame]) expect(await decodeCode(tagged.subarray(0, at))).toBe('AUDIO_CORRUPT');
  });

  it('without a Xing/Info tag, accepts a cut at a frame boundary (it cannot be told from complete) but not one inside a frame', async () => {
    const untagged = bytesOf('lame-untagged.mp3');
    const { units } = mp3Structure(untagged);
    const whole = await decodeAudioBytes(untagged);
    const shorter = await decodeAudioBytes(untagged.subarray(0, units[units.length - 3].offset));
    expect(shorter.durationSec).toBeLessThan(whole.durationSec);
    expect(await decodeCode(untagged.subarray(0, units[units.length - 3].offset + 100))).toBe('AUDIO_CORRUPT');
    expect(await decodeCode(untagged.subarray(0, units[units.length - 3].offset + 2))).toBe('AUDIO_CORRUPT');
  });

  /** Rewrites the Xing/Info fields of a LAME-tagged file (MPEG-2 mono after our encoder: tag at 4 + 9). */
  function withXingFields(mp3: Uint8Array, flags: number, fields: number[]): Uint8Array {
    const out = mp3.slice();
    const view = new DataView(out.buffer);
    view.setUint32(13 + 4, flags, false);
    fields.forEach((value, i) => view.setUint32(13 + 8 + 4 * i, value, false));
    return out;
  }

  it('uses a Xing tag that gives only the frame count, or only the byte count', async () => {
    const mp3 = encodeMp3({ samples: chirp(22050, 1, 200, 3000), sampleRate: 22050 });
    const { units } = mp3Structure(mp3);
    const audioFrames = units.length - 1;
    const framesOnly = withXingFields(mp3, 0x1, [audioFrames]);
    const bytesOnly = withXingFields(mp3, 0x2, [mp3.length]);
    for (const variant of [framesOnly, bytesOnly]) {
      expect(await decodeCode(variant)).toBe('OK');
      expect(await decodeCode(variant.subarray(0, units[units.length - 1].offset))).toBe('AUDIO_CORRUPT');
    }
  });

  it('reads a VBRI tag (Fraunhofer) the same way', async () => {
    const untagged = bytesOf('lame-untagged.mp3');
    const { units } = mp3Structure(untagged);
    const first = units[0];
    const vbriFrame = untagged.slice(first.offset, first.offset + first.length);
    vbriFrame.fill(0, 4);
    vbriFrame.set(ascii('VBRI'), 36);
    const view = new DataView(vbriFrame.buffer);
    view.setUint16(40, 1, false); // version
    view.setUint32(46, vbriFrame.length + untagged.length, false); // bytes
    view.setUint32(50, units.length, false); // frames after the tag frame
    const withVbri = concatBytes(vbriFrame, untagged);
    expect(await decodeCode(withVbri)).toBe('OK');
    expect(await decodeCode(withVbri.subarray(0, withVbri.length - units[0].length))).toBe('AUDIO_CORRUPT');
  });
});

describe('FLAC and Ogg: what can and cannot be told from complete', () => {
  it('FLAC without a sample count (streamed by ffmpeg): a cut at a frame boundary is accepted, one inside a frame is not', async () => {
    const streamed = new Uint8Array(runTool('ffmpeg', ['-v', 'error', '-i', temp.file('sox.wav'), '-f', 'flac', '-']));
    expect(parseFlacStreamInfo(streamed, 0).totalSamples).toBe(0);
    const { units } = flacStructure(streamed);
    expect((await decodeAudioBytes(streamed)).durationSec).toBeCloseTo(SECONDS, 6);
    const shorter = await decodeAudioBytes(streamed.subarray(0, units[units.length - 1].offset));
    expect(shorter.durationSec).toBeLessThan(SECONDS);
    expect(await decodeCode(streamed.subarray(0, units[units.length - 1].offset + 200))).toBe('AUDIO_CORRUPT');
  });

  it('Ogg: a stream whose last page lost its end-of-stream flag is AUDIO_CORRUPT; damage inside that page is not truncation', async () => {
    const opus = bytesOf('opusenc.opus');
    const pages = [...scanOggPages(opus)];
    const last = pages[pages.length - 1];
    expect(last.isLast).toBe(true);
    const noEos = opus.slice();
    noEos[last.offset + 5] &= ~0x04;
    new DataView(noEos.buffer).setUint32(last.offset + 22, oggCrc32(noEos, last.offset, last.offset + last.length, last.offset + 22), true);
    expect(await decodeCode(noEos)).toBe('AUDIO_CORRUPT');

    const damaged = opus.slice();
    damaged.fill(0x55, last.offset + last.length - 40, last.offset + last.length);
    const decoded = await decodeAudioBytes(damaged);
    expect(decoded.durationSec).toBeGreaterThan(0.5);
    expect(decoded.durationSec).toBeLessThan(SECONDS);
  });
});
