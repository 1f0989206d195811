/** The attack catalogue of the watermark benchmark: each one a real tool run or a plain signal edit. */
import type { PcmClip } from '../../src-main/core/watermark/index';
import { aacRoundTrip, mp3RoundTrip, opusRoundTrip, soxEffect } from '../../src-main/core/watermark/testing/tools';

export interface Attack {
  name: string;
  apply: (clip: PcmClip, rand: () => number) => PcmClip;
}

function power(x: Float32Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return s / Math.max(1, x.length);
}

export function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
}

export function addWhiteNoise(clip: PcmClip, snrDb: number, rand: () => number): PcmClip {
  const sigma = Math.sqrt(power(clip.samples) * Math.pow(10, -snrDb / 10));
  return { sampleRate: clip.sampleRate, samples: clip.samples.map((v) => v + sigma * gaussian(rand)) };
}

export function excerpt(clip: PcmClip, seconds: number, rand: () => number): PcmClip {
  const len = Math.min(clip.samples.length, Math.round(seconds * clip.sampleRate));
  const start = Math.floor(rand() * (clip.samples.length - len + 1));
  return { sampleRate: clip.sampleRate, samples: clip.samples.slice(start, start + len) };
}

export function leadingSilence(clip: PcmClip, seconds: number): PcmClip {
  const pad = Math.round(seconds * clip.sampleRate);
  const samples = new Float32Array(clip.samples.length + pad);
  samples.set(clip.samples, pad);
  return { sampleRate: clip.sampleRate, samples };
}

const chain =
  (...steps: Attack['apply'][]): Attack['apply'] =>
  (clip, rand) =>
    steps.reduce((c, step) => step(c, rand), clip);

const mp3 = (kbps: number): Attack['apply'] => (c) => mp3RoundTrip(c, kbps);
const opus = (kbps: number): Attack['apply'] => (c) => opusRoundTrip(c, kbps);
const aac = (kbps: number): Attack['apply'] => (c) => aacRoundTrip(c, kbps);
const sox = (...effect: string[]): Attack['apply'] => (c) => soxEffect(c, effect);

export const ATTACKS: Attack[] = [
  { name: 'none', apply: (c) => c },
  { name: 'mp3 128', apply: mp3(128) },
  { name: 'mp3 64', apply: mp3(64) },
  { name: 'mp3 32', apply: mp3(32) },
  { name: 'opus 32', apply: opus(32) },
  { name: 'opus 16', apply: opus(16) },
  { name: 'aac 96', apply: aac(96) },
  { name: 'aac 64', apply: aac(64) },
  { name: 'resample 16k', apply: sox('rate', '-v', '16000') },
  { name: 'resample 44.1k', apply: sox('rate', '-v', '44100') },
  { name: 'gain +6 dB (limiter)', apply: sox('gain', '-l', '6') },
  { name: 'gain -6 dB', apply: sox('gain', '-6') },
  { name: 'white noise 20 dB', apply: (c, r) => addWhiteNoise(c, 20, r) },
  { name: 'low-pass 4 kHz', apply: sox('sinc', '-4000') },
  { name: 'excerpt 10 s', apply: (c, r) => excerpt(c, 10, r) },
  { name: 'leading silence 1.3 s', apply: (c) => leadingSilence(c, 1.3) },
  { name: 'tempo 0.97', apply: sox('tempo', '0.97') },
  { name: 'tempo 1.03', apply: sox('tempo', '1.03') },
  { name: 'speed 0.97', apply: sox('speed', '0.97') },
  { name: 'speed 1.03', apply: sox('speed', '1.03') },
  { name: '16k + mp3 64', apply: chain(sox('rate', '-v', '16000'), mp3(64)) },
  { name: 'noise 20 dB + opus 32', apply: chain((c, r) => addWhiteNoise(c, 20, r), opus(32)) },
  { name: 'excerpt 10 s + tempo 1.03 + mp3 64', apply: chain((c, r) => excerpt(c, 10, r), sox('tempo', '1.03'), mp3(64)) },
  { name: 'silence 1.3 s + gain +6 + aac 64', apply: chain((c) => leadingSilence(c, 1.3), sox('gain', '-l', '6'), aac(64)) },
];
