/**
 * `npm run bench`: the studio's performance figures on this machine, written to BENCHMARKS.md.
 * Goals live here, never as timing assertions in tests.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchHistory } from '../src-main/core/history/bench';
import { createSynthesizer, type Synthesizer } from '../src-main/core/tts';
import { createVoiceRegistry, type ResolvedVoice } from '../src-main/core/voices';
import { defaultWatermarkKey, detectWatermark, embedWatermark } from '../src-main/core/watermark';
import { describeMachine } from './machine';
import { replaceSection } from './markdownSection';

const ROOT = resolve(import.meta.dirname, '..');
const PARAGRAPH = [
  'Welcome back to the channel, and thank you for watching.',
  'Today we are looking at three simple ways to keep your garden green through a dry summer.',
  'First, water early in the morning, before the sun is high.',
  'Second, cover the soil with mulch, about five centimetres deep.',
  'Third, choose plants that are happy with less water, such as lavender and rosemary.',
  'If you try any of these, tell me how it went in the comments below.',
].join(' ');
const LONG_TEXT = Array.from({ length: 8 }, () => PARAGRAPH).join(' ');

interface VoiceFigures {
  id: string;
  sampleRate: number;
  rtf: number;
  firstSentenceMs: number;
  audioSec: number;
}

async function timeVoice(synth: Synthesizer, voice: ResolvedVoice): Promise<VoiceFigures> {
  await synth.synthesize(voice, 'Warm up.', { speed: 1 }); // loads the model and the phonemiser once
  let best = Infinity;
  let audioSec = 0;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const clip = await synth.synthesize(voice, PARAGRAPH, { speed: 1 });
    best = Math.min(best, performance.now() - started);
    audioSec = clip.samples.length / clip.sampleRate;
  }
  const firsts: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    let first = -1;
    await synth.synthesize(voice, LONG_TEXT, {
      speed: 1,
      onSentence: () => {
        if (first < 0) first = performance.now() - started;
      },
    });
    firsts.push(first);
  }
  return { id: voice.info.id, sampleRate: voice.info.sampleRate, rtf: best / 1000 / audioSec, firstSentenceMs: Math.min(...firsts), audioSec };
}

function speechClip(seconds: number, sampleRate: number): Float32Array {
  // Real speech from the eSpeak voice repeated to length; content matters for shaping cost.
  const work = mkdtempSync(join(tmpdir(), 'vm-bench-'));
  try {
    const raw = execFileSync('espeak-ng', ['--stdout', PARAGRAPH], { maxBuffer: 64 * 2 ** 20 });
    const pcm = execFileSync('sox', ['-t', 'wav', '-', '-t', 'f32', '-c', '1', '-r', String(sampleRate), '-'], { input: raw, maxBuffer: 512 * 2 ** 20 });
    const once = new Float32Array(pcm.buffer, pcm.byteOffset, pcm.byteLength / 4);
    const out = new Float32Array(Math.round(seconds * sampleRate));
    for (let i = 0; i < out.length; i++) out[i] = once[i % once.length];
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function timeWatermark(sampleRate: number) {
  const seconds = 60;
  const samples = speechClip(seconds, sampleRate);
  const key = defaultWatermarkKey();
  let embedMs = Infinity;
  let marked = { samples, sampleRate };
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    marked = embedWatermark({ samples, sampleRate }, '0123456789abcdef', key);
    embedMs = Math.min(embedMs, performance.now() - started);
  }
  let detectMs = Infinity;
  let ok = false;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const found = detectWatermark(marked, [key]);
    detectMs = Math.min(detectMs, performance.now() - started);
    ok = found.payload === '0123456789abcdef';
  }
  return { sampleRate, seconds, embedMs, detectMs, embedX: seconds / (embedMs / 1000), detectX: seconds / (detectMs / 1000), ok };
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'vm-bench-'));
  const lines: string[] = [];
  try {
    execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/make-test-voice.ts'), join(work, 'test-voice')], { stdio: 'inherit' });
    const registry = createVoiceRegistry({ modelsDir: join(ROOT, 'models'), userVoicesDir: join(work, 'voices') });
    const imported = await registry.importVoice(join(work, 'test-voice', 'test-voice.onnx'));
    const synth = createSynthesizer();
    const voiceIds = [...new Set([(await registry.list()).find((v) => v.default)!.id, 'espeak-en-us', imported.id])];
    const voiceRows: VoiceFigures[] = [];
    for (const id of voiceIds) voiceRows.push(await timeVoice(synth, await registry.resolve(id)));
    await synth.close();

    const wmRows = [22050, 44100].map(timeWatermark);
    const historyFigures = await benchHistory(100_000);

    lines.push(
      `Command: \`npm run bench\` — ${new Date().toISOString().slice(0, 10)} — ${describeMachine()}`,
      '',
      '### Synthesis (best of 3; the paragraph is 6 sentences)',
      '| voice | sample rate | real-time factor | time to first sentence (48-sentence text) |',
      '|---|---|---|---|',
      ...voiceRows.map((r) => `| ${r.id} | ${r.sampleRate} Hz | ${r.rtf.toFixed(3)} (${r.audioSec.toFixed(1)} s of audio) | ${r.firstSentenceMs.toFixed(0)} ms |`),
      '',
      'The test voice is the tiny Piper-signature model built by `scripts/make-test-voice.ts`; it times the ONNX path, not a real voice.',
      '',
      '### Watermark (60 s of speech, best of 3)',
      '| sample rate | embed | embed speed | detect | detect speed | payload read back |',
      '|---|---|---|---|---|---|',
      ...wmRows.map((r) => `| ${r.sampleRate} Hz | ${r.embedMs.toFixed(0)} ms | ${r.embedX.toFixed(0)}× real time | ${r.detectMs.toFixed(0)} ms | ${r.detectX.toFixed(1)}× real time | ${r.ok ? 'yes' : 'NO'} |`),
      '',
      '### History (SQLite, WAL, FTS5) at 100,000 generations',
      '| insert rate | FTS search | list page |',
      '|---|---|---|',
      `| ${historyFigures.insertPerSec.toFixed(0)} rows/s | ${historyFigures.ftsQueryMs.toFixed(1)} ms | ${historyFigures.listMs.toFixed(1)} ms |`,
    );
    replaceSection(join(ROOT, 'BENCHMARKS.md'), 'core', lines.join('\n'));
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
