import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../../src-shared/errors';
import { decodeAudioFile, type DecodeOptions } from './index';
import { makeTempDir, requireTools, runTool } from './testing/tools';

/**
 * A 20-minute recording (8 kHz mono keeps generation quick) decoded in a streaming fashion: the
 * duration limit stops the decode early, and memory stays near file + mono output. RSS is noisy
 * (GC timing, other allocations), so the bounds are loose; what they catch is holding decoded
 * multi-channel PCM for the whole file, which costs several times more.
 */
const MINUTES = 20;
const RATE = 8000;
const MB = 1024 * 1024;
const temp = makeTempDir();

beforeAll(() => {
  requireTools('sox', 'lame', 'flac');
  const wav = temp.file('long.wav');
  runTool('sox', ['-n', '-r', String(RATE), '-c', '1', '-b', '16', wav, 'synth', String(MINUTES * 60), 'sine', '200-3000']);
  runTool('lame', ['--quiet', '-b', '24', wav, temp.file('long.mp3')]);
  runTool('flac', ['-s', '-f', wav, '-o', temp.file('long.flac')]);
}, 60_000);

afterAll(() => temp.remove());

async function measure(path: string, options: DecodeOptions): Promise<{ rssGrowth: number; result: Awaited<ReturnType<typeof decodeAudioFile>> | StudioError }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    const result = await decodeAudioFile(path, options).catch((error: unknown) => {
      if (error instanceof StudioError) return error;
      throw error;
    });
    peak = Math.max(peak, process.memoryUsage().rss);
    return { rssGrowth: peak - before, result };
  } finally {
    clearInterval(sampler);
  }
}

describe.each(['long.mp3', 'long.flac'])(`a ${MINUTES}-minute recording in %s`, (file) => {
  it('stops with AUDIO_TOO_LONG at maxDurationSec without decoding the rest', async () => {
    const path = temp.file(file);
    const { rssGrowth, result } = await measure(path, { maxDurationSec: 60 });
    expect(result).toBeInstanceOf(StudioError);
    expect((result as StudioError).code).toBe('AUDIO_TOO_LONG');
    // File bytes plus about a minute of audio; the whole decode would need > 36 MB more for the output alone.
    expect(rssGrowth).toBeLessThan(statSync(path).size + 30 * MB);
  });

  it('decodes all of it within the default 30-minute limit, holding only the mono output', async () => {
    const path = temp.file(file);
    const { rssGrowth, result } = await measure(path, {});
    expect(result).not.toBeInstanceOf(StudioError);
    const decoded = result as Exclude<typeof result, StudioError>;
    expect(decoded.durationSec).toBeCloseTo(MINUTES * 60, 1);
    expect(decoded.clip.sampleRate).toBe(RATE);
    const outputBytes = decoded.clip.samples.byteLength;
    expect(outputBytes).toBeGreaterThan(MINUTES * 60 * RATE * 4 * 0.99);
    expect(rssGrowth).toBeLessThan(statSync(path).size + outputBytes + 60 * MB);
  });
});
