/**
 * Test/benchmark-only wrappers around Debian command-line tools (espeak-ng, flite, lame, sox,
 * ffmpeg, opus-tools). Nothing in the product calls these.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PcmClip } from '../embed';
import { readWav, writeWav16, writeWavFloat } from './wav';

export function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Throws with an actionable message when a required tool is missing (tests must fail loudly). */
export function requireTools(...names: string[]): void {
  const missing = names.filter((n) => !hasTool(n));
  if (missing.length > 0) {
    throw new Error(`missing audio tools: ${missing.join(', ')} — install with: apt-get install -y lame sox ffmpeg opus-tools espeak-ng flite`);
  }
}

function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'vm-wm-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[]): void {
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
}

const PASSAGE = [
  'The north wind and the sun were disputing which was the stronger, when a traveller came along wrapped in a warm cloak.',
  'They agreed that the one who first succeeded in making the traveller take his cloak off should be considered stronger than the other.',
  'Then the north wind blew as hard as he could, but the more he blew the more closely did the traveller fold his cloak around him.',
  'And at last the north wind gave up the attempt. Then the sun shone out warmly, and immediately the traveller took off his cloak.',
  'And so the north wind was obliged to confess that the sun was the stronger of the two.',
  'Please call Stella. Ask her to bring these things with her from the store: six spoons of fresh snow peas, five thick slabs of blue cheese.',
  'Maybe a snack for her brother Bob. We also need a small plastic snake and a big toy frog for the kids.',
  'She can scoop these things into three red bags, and we will go meet her Wednesday at the train station.',
];

/** Real speech from espeak-ng (voice, speed in wpm) or flite, mono float at its native rate. */
export function synthesizeSpeech(options: { engine?: 'espeak-ng' | 'flite'; voice?: string; wpm?: number; sentences?: number; offset?: number } = {}): PcmClip {
  const engine = options.engine ?? 'espeak-ng';
  const count = options.sentences ?? PASSAGE.length;
  const start = options.offset ?? 0;
  const text = Array.from({ length: count }, (_, i) => PASSAGE[(start + i) % PASSAGE.length]).join(' ');
  return withTempDir((dir) => {
    const wav = join(dir, 'speech.wav');
    if (engine === 'flite') run('flite', ['-voice', options.voice ?? 'slt', '-t', text, '-o', wav]);
    else run('espeak-ng', ['-v', options.voice ?? 'en-us', '-s', String(options.wpm ?? 160), '-w', wav, text]);
    return readWav(readFileSync(wav));
  });
}

/** Runs a tool chain on a clip: `steps(in, dir)` returns the path of the result WAV. */
export function transformWithTools(clip: PcmClip, steps: (input: string, dir: string) => string, floatInput = false): PcmClip {
  return withTempDir((dir) => {
    const input = join(dir, 'in.wav');
    writeFileSync(input, floatInput ? writeWavFloat(clip) : writeWav16(clip));
    const output = steps(input, dir);
    return readWav(readFileSync(output));
  });
}

export function mp3RoundTrip(clip: PcmClip, kbps: number): PcmClip {
  return transformWithTools(clip, (input, dir) => {
    const mp3 = join(dir, 'a.mp3');
    const out = join(dir, 'out.wav');
    run('lame', ['--quiet', '--cbr', '-b', String(kbps), input, mp3]);
    run('lame', ['--quiet', '--decode', mp3, out]);
    return out;
  });
}

export function opusRoundTrip(clip: PcmClip, kbps: number): PcmClip {
  return transformWithTools(clip, (input, dir) => {
    const opus = join(dir, 'a.opus');
    const out = join(dir, 'out.wav');
    run('opusenc', ['--quiet', '--bitrate', String(kbps), input, opus]);
    run('opusdec', ['--quiet', '--rate', '48000', opus, out]);
    return out;
  });
}

export function aacRoundTrip(clip: PcmClip, kbps: number): PcmClip {
  return transformWithTools(clip, (input, dir) => {
    const m4a = join(dir, 'a.m4a');
    const out = join(dir, 'out.wav');
    run('ffmpeg', ['-v', 'error', '-y', '-i', input, '-c:a', 'aac', '-b:a', `${kbps}k`, m4a]);
    run('ffmpeg', ['-v', 'error', '-y', '-i', m4a, out]);
    return out;
  });
}

/** Any sox effect chain, e.g. ['rate', '-v', '16000'] or ['tempo', '1.03']. */
export function soxEffect(clip: PcmClip, effect: string[], float = true): PcmClip {
  return transformWithTools(
    clip,
    (input, dir) => {
      const out = join(dir, 'out.wav');
      run('sox', [input, '-b', '32', '-e', 'floating-point', out, ...effect]);
      return out;
    },
    float,
  );
}
