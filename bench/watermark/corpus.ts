/** Audio for the watermark benchmark: real synthetic speech from Debian TTS tools, and non-speech signals. */
import type { PcmClip } from '../../src-main/core/watermark/index';
import { soxEffect, synthesizeSpeech } from '../../src-main/core/watermark/testing/tools';
import { gaussian } from './attacks';

export function seededRandom(seed: number): () => number {
  // mix the seed first so that consecutive seeds start far apart
  let s = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  s = Math.imul(s ^ (s >>> 13), 0xc2b2ae35) >>> 0;
  s = (s ^ (s >>> 16)) >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface SpeechVoice {
  engine: 'espeak-ng' | 'flite';
  voice: string;
  wpm?: number;
}

/** Voices used for marked clips: espeak-ng and flite, male and female, several languages. */
export const MARKED_VOICES: SpeechVoice[] = [
  { engine: 'espeak-ng', voice: 'en-us' },
  { engine: 'flite', voice: 'slt' },
  { engine: 'espeak-ng', voice: 'en-gb+f3' },
  { engine: 'flite', voice: 'kal' },
];

/** A clip of at least `seconds` of speech from `voice`, resampled to `rate`, cut to `seconds`. */
export function speechClip(voice: SpeechVoice, seconds: number, rate: number, offset = 0): PcmClip {
  let sentences = 2;
  let clip = synthesizeSpeech({ engine: voice.engine, voice: voice.voice, wpm: voice.wpm, sentences, offset });
  while (clip.samples.length < seconds * clip.sampleRate && sentences < 16) {
    sentences += 2;
    clip = synthesizeSpeech({ engine: voice.engine, voice: voice.voice, wpm: voice.wpm, sentences, offset });
  }
  const resampled = clip.sampleRate === rate ? clip : soxEffect(clip, ['rate', '-v', String(rate)]);
  return { sampleRate: rate, samples: resampled.samples.slice(0, Math.round(seconds * rate)) };
}

const ESPEAK_VOICES = ['en-us', 'en-gb', 'en-us+f2', 'en-gb+m3', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'en-us+f4', 'en-gb-scotland'];
const FLITE_VOICES = ['slt', 'kal', 'awb', 'rms', 'kal16'];

function tone(rate: number, seconds: number, rand: () => number): Float32Array {
  // "music-like": a few notes of a chord with vibrato, attack/decay envelopes and harmonics
  const out = new Float32Array(Math.round(rate * seconds));
  const notes = 3 + Math.floor(rand() * 4);
  for (let n = 0; n < notes; n++) {
    const f0 = 110 * Math.pow(2, Math.floor(rand() * 36) / 12);
    const start = Math.floor(rand() * out.length * 0.5);
    const length = Math.floor(out.length * (0.3 + 0.6 * rand()));
    const vibrato = 4 + 3 * rand();
    let phase = 0;
    for (let i = start; i < Math.min(out.length, start + length); i++) {
      const t = (i - start) / rate;
      const env = Math.min(1, t / 0.02) * Math.exp(-t * (0.3 + rand() * 0.001));
      phase += (2 * Math.PI * f0 * (1 + 0.005 * Math.sin(2 * Math.PI * vibrato * t))) / rate;
      for (let h = 1; h <= 6; h++) if (f0 * h < rate / 2) out[i] += (0.15 / h) * env * Math.sin(h * phase);
    }
  }
  return out;
}

function colouredNoise(rate: number, seconds: number, rand: () => number, colour: 'white' | 'pink' | 'brown'): Float32Array {
  const out = new Float32Array(Math.round(rate * seconds));
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  let brown = 0;
  for (let i = 0; i < out.length; i++) {
    const w = gaussian(rand);
    if (colour === 'white') out[i] = 0.1 * w;
    else if (colour === 'pink') {
      b0 = 0.99765 * b0 + w * 0.099046;
      b1 = 0.963 * b1 + w * 0.2965164;
      b2 = 0.57 * b2 + w * 1.0526913;
      out[i] = 0.03 * (b0 + b1 + b2 + w * 0.1848);
    } else {
      brown = 0.995 * brown + 0.02 * w;
      out[i] = brown;
    }
  }
  return out;
}

export interface UnmarkedItem {
  kind: string;
  clip: PcmClip;
}

/**
 * The i-th never-marked file: speech from other synthesizers (espeak-ng and flite voices,
 * languages, speeds, pitches, excerpts, clipping, added noise), music-like tones, coloured noise,
 * silence and clipped audio, at several rates and lengths.
 */
export function unmarkedItem(i: number): UnmarkedItem {
  const rand = seededRandom(1000 + i);
  const rates = [16000, 22050, 24000, 44100, 48000, 8000];
  const rate = rates[i % rates.length];
  const seconds = 4 + Math.floor(rand() * 26);
  const kind = i % 10;
  if (kind <= 5) {
    const flite = kind === 5;
    const voice: SpeechVoice = flite
      ? { engine: 'flite', voice: FLITE_VOICES[i % FLITE_VOICES.length] }
      : { engine: 'espeak-ng', voice: ESPEAK_VOICES[i % ESPEAK_VOICES.length], wpm: 120 + Math.floor(rand() * 100) };
    const clip = speechClip(voice, seconds, rate, i % 8);
    if (kind === 4) {
      // hard-clipped speech
      const gain = 4 + 8 * rand();
      return { kind: 'speech, clipped', clip: { sampleRate: rate, samples: clip.samples.map((v) => Math.max(-1, Math.min(1, v * gain))) } };
    }
    if (kind === 3) {
      const sigma = 0.01 + 0.05 * rand();
      return { kind: 'speech + noise', clip: { sampleRate: rate, samples: clip.samples.map((v) => v + sigma * gaussian(rand)) } };
    }
    return { kind: `speech (${voice.engine})`, clip };
  }
  if (kind === 6) return { kind: 'music-like', clip: { sampleRate: rate, samples: tone(rate, seconds, rand) } };
  if (kind === 7) {
    const colours = ['white', 'pink', 'brown'] as const;
    return { kind: 'noise', clip: { sampleRate: rate, samples: colouredNoise(rate, seconds, rand, colours[i % 3]) } };
  }
  if (kind === 8) {
    const samples = new Float32Array(rate * seconds);
    if (i % 20 === 8) for (let j = 0; j < samples.length; j++) samples[j] = 1e-4 * gaussian(rand); // near-silence
    return { kind: 'silence', clip: { sampleRate: rate, samples } };
  }
  // clipped music-like
  const music = tone(rate, seconds, rand);
  return { kind: 'music, clipped', clip: { sampleRate: rate, samples: music.map((v) => Math.max(-0.2, Math.min(0.2, v * 3))) } };
}
