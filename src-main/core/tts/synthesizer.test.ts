import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../../src-shared/errors';
import { TEST_VOICE_BASE_REPEATS, TEST_VOICE_FRAME, testVoicePhonemeIdMap, testVoiceReferenceAudio, writeTestVoice } from '../../../scripts/make-test-voice';
import { createVoiceRegistry, type ResolvedVoice, type VoiceRegistry } from '../voices';
import { createChildProcessTransport, createSynthesizer, createWorkerThreadTransport, phonemesToIds, type PcmClip, type SynthesisTransport, type WorkerMessage } from './index';

const MODELS_DIR = resolve(import.meta.dirname, '../../../models');

function rms(samples: Float32Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / Math.max(1, samples.length));
}
const seconds = (clip: PcmClip) => clip.samples.length / clip.sampleRate;

/** The real worker-thread transport, recording what the worker sends back. */
function recordingTransport() {
  const received: WorkerMessage[] = [];
  const created: SynthesisTransport[] = [];
  const factory = (): SynthesisTransport => {
    const inner = createWorkerThreadTransport();
    created.push(inner);
    return {
      ...inner,
      onMessage: (listener) =>
        inner.onMessage((message) => {
          received.push(message);
          listener(message);
        }),
    };
  };
  return { factory, received, created };
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StudioError);
  expect((error as StudioError).code).toBe(code);
}

const THREE_SENTENCES = 'The first sentence is short. The second one is a little longer than the first. And this is the third.';

let work: string;
let registry: VoiceRegistry;
let english: ResolvedVoice;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'vm-tts-'));
  registry = createVoiceRegistry({ modelsDir: MODELS_DIR, userVoicesDir: join(work, 'voices') });
  english = await registry.resolve('espeak-en-us');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('eSpeak NG voice', () => {
  const synth = createSynthesizer();
  afterAll(() => synth.close());

  it('synthesises real, audible speech of plausible length, and speed 2 roughly halves it', async () => {
    const text = 'The quick brown fox jumps over the lazy dog.';
    const normal = await synth.synthesize(english, text, { speed: 1 });
    expect(normal.sampleRate).toBe(22_050);
    expect(rms(normal.samples)).toBeGreaterThan(0.02);
    expect(Math.max(...normal.samples.map(Math.abs))).toBeLessThanOrEqual(1);
    // Nine words at eSpeak's 175 words per minute: about three seconds.
    expect(seconds(normal)).toBeGreaterThan(1.5);
    expect(seconds(normal)).toBeLessThan(5);
    const fast = await synth.synthesize(english, text, { speed: 2 });
    const ratio = seconds(fast) / seconds(normal);
    expect(ratio).toBeGreaterThan(0.4);
    expect(ratio).toBeLessThan(0.65);
  });

  it('speaks the other built-in languages', async () => {
    for (const id of ['espeak-en-gb', 'espeak-es', 'espeak-fr', 'espeak-de']) {
      const clip = await synth.synthesize(await registry.resolve(id), 'Uno dos tres, un deux trois, eins zwei drei.', { speed: 1 });
      expect(rms(clip.samples), id).toBeGreaterThan(0.02);
    }
  });

  it('joins sentences with pauses and delivers each sentence first, in order', async () => {
    const events: string[] = [];
    const clips: PcmClip[] = [];
    const clip = await synth.synthesize(english, THREE_SENTENCES, {
      speed: 1,
      onSentence: ({ index, count, clip: sentence }) => {
        events.push(`${index}/${count}`);
        clips.push(sentence);
      },
    });
    expect(events).toEqual(['0/3', '1/3', '2/3']);
    const spoken = clips.reduce((sum, c) => sum + c.samples.length, 0);
    // Two sentence pauses of 0.25 s between the three clips.
    expect(clip.samples.length - spoken).toBe(2 * Math.round(0.25 * 22_050));
    expect(clip.samples.subarray(0, clips[0].samples.length)).toEqual(clips[0].samples);
  });

  it('rejects text with nothing to say, and bad speeds, before touching the worker', async () => {
    await expectCode(synth.synthesize(english, '   ', { speed: 1 }), 'TEXT_EMPTY');
    await expectCode(synth.synthesize(english, '... — !!', { speed: 1 }), 'TEXT_NO_SPEAKABLE_CONTENT');
    await expectCode(synth.synthesize(english, 'Hi.', { speed: 3 }), 'INVALID_REQUEST');
  });

  it('reports an eSpeak voice it does not have as VOICE_INVALID', async () => {
    const bogus: ResolvedVoice = { ...english, engine: 'espeak-ng', espeakVoice: 'xx-nope' } as ResolvedVoice;
    await expectCode(synth.synthesize(bogus, 'Hello.', { speed: 1 }), 'VOICE_INVALID');
  });
});

describe('streaming, cancellation and failure', () => {
  it('hands the first sentence to onSentence before the worker has finished the text', async () => {
    const { factory, received } = recordingTransport();
    const synth = createSynthesizer({ transportFactory: factory });
    try {
      let seenAtFirst: string[] = [];
      await synth.synthesize(english, THREE_SENTENCES, {
        speed: 1,
        onSentence: ({ index }) => {
          if (index === 0) seenAtFirst = received.map((m) => m.type);
        },
      });
      expect(seenAtFirst).toEqual(['sentence']);
      expect(received.map((m) => m.type)).toEqual(['sentence', 'sentence', 'sentence', 'done']);
    } finally {
      await synth.close();
    }
  });

  it('cancels with CANCELLED, the worker stops between sentences, and the next request works', async () => {
    const { factory, received, created } = recordingTransport();
    const synth = createSynthesizer({ transportFactory: factory });
    try {
      const controller = new AbortController();
      const text = Array.from({ length: 12 }, (_, i) => `This is sentence number ${i + 1} of a long script.`).join(' ');
      const pending = synth.synthesize(english, text, {
        speed: 1,
        signal: controller.signal,
        onSentence: ({ index }) => {
          if (index === 0) controller.abort();
        },
      });
      await expectCode(pending, 'CANCELLED');
      // The worker acknowledges the cancel for that request before its next sentence.
      await expect.poll(() => received.some((m) => m.type === 'failed' && m.code === 'CANCELLED'), { timeout: 20_000 }).toBe(true);
      const sentencesOfCancelled = received.filter((m) => m.type === 'sentence' && m.id === received[0].id).length;
      expect(sentencesOfCancelled).toBeLessThan(12);
      const after = await synth.synthesize(english, 'Still working.', { speed: 1 });
      expect(rms(after.samples)).toBeGreaterThan(0.02);
      expect(created).toHaveLength(1);
    } finally {
      await synth.close();
    }
  });

  it('an already-aborted signal never starts work', async () => {
    const synth = createSynthesizer({
      transportFactory: () => {
        throw new Error('must not start a worker');
      },
    });
    await expectCode(synth.synthesize(english, 'Hello.', { speed: 1, signal: AbortSignal.abort() }), 'CANCELLED');
    await synth.close();
  });

  it('fails the pending request with SYNTHESIS_FAILED when the worker dies, then starts a fresh one', async () => {
    const { factory, created } = recordingTransport();
    const synth = createSynthesizer({ transportFactory: factory });
    try {
      const pending = synth.synthesize(english, THREE_SENTENCES, {
        speed: 1,
        onSentence: ({ index }) => {
          if (index === 0) void created[0].terminate(); // the worker goes away mid-request
        },
      });
      await expectCode(pending, 'SYNTHESIS_FAILED');
      const clip = await synth.synthesize(english, 'Back again.', { speed: 1 });
      expect(rms(clip.samples)).toBeGreaterThan(0.02);
      expect(created).toHaveLength(2);
    } finally {
      await synth.close();
    }
  });

  it('times out a request whose worker never answers, and replaces that worker', async () => {
    const silent: Array<{ terminated: boolean }> = [];
    const synth = createSynthesizer({
      requestTimeoutMs: 50,
      transportFactory: () => {
        const state = { terminated: false };
        silent.push(state);
        return {
          postMessage: () => undefined,
          onMessage: () => undefined,
          onExit: () => undefined,
          terminate: async () => {
            state.terminated = true;
          },
        };
      },
    });
    await expectCode(synth.synthesize(english, 'Hello.', { speed: 1 }), 'TIMEOUT');
    expect(silent[0].terminated).toBe(true);
    await expectCode(synth.synthesize(english, 'Hello again.', { speed: 1 }), 'TIMEOUT');
    expect(silent).toHaveLength(2);
    await synth.close();
  });

  it('a worker that cannot start fails the request with SYNTHESIS_FAILED, not a hang', async () => {
    let attempts = 0;
    const synth = createSynthesizer({
      transportFactory: () => {
        attempts++;
        if (attempts === 1) throw new Error('spawn failed');
        return createWorkerThreadTransport(new URL('./no-such-worker.mjs', import.meta.url));
      },
    });
    await expectCode(synth.synthesize(english, 'Hello.', { speed: 1 }), 'SYNTHESIS_FAILED');
    await expectCode(synth.synthesize(english, 'Hello.', { speed: 1 }), 'SYNTHESIS_FAILED');
    expect(attempts).toBe(2);
    await synth.close();
  });

  it('runs the same worker as a child process (the transport Electron’s utilityProcess mirrors)', async () => {
    const synth = createSynthesizer({ transportFactory: () => createChildProcessTransport() });
    try {
      const sentences: number[] = [];
      const clip = await synth.synthesize(english, 'One. Two.', { speed: 1, onSentence: ({ index }) => sentences.push(index) });
      expect(sentences).toEqual([0, 1]);
      expect(clip.samples).toBeInstanceOf(Float32Array);
      expect(rms(clip.samples)).toBeGreaterThan(0.02);
    } finally {
      await synth.close();
    }
  });

  it('close() cancels queued work', async () => {
    const synth = createSynthesizer();
    const first = expectCode(synth.synthesize(english, THREE_SENTENCES, { speed: 1 }), 'CANCELLED');
    const second = expectCode(synth.synthesize(english, 'Queued.', { speed: 1 }), 'CANCELLED');
    await synth.close();
    await Promise.all([first, second]);
    await expectCode(synth.synthesize(english, 'After close.', { speed: 1 }), 'INTERNAL');
  });
});

describe('Piper voice (generated test model through the real registry)', () => {
  let voice: ResolvedVoice;
  const synth = createSynthesizer();
  afterAll(() => synth.close());

  beforeAll(async () => {
    const { modelPath } = writeTestVoice(join(work, 'source'));
    const info = await registry.importVoice(modelPath);
    voice = await registry.resolve(info.id);
  });

  /** Samples the test model makes for an utterance of `idCount` ids at a length scale. */
  const expectedSamples = (idCount: number, lengthScale: number) =>
    idCount * Math.max(1, Math.round(TEST_VOICE_BASE_REPEATS * lengthScale)) * TEST_VOICE_FRAME;

  it('feeds the model eSpeak phoneme ids and follows speed through length_scale', async () => {
    expect(voice.engine).toBe('piper-onnx');
    // eSpeak's IPA for "Hello." is "həlˈoʊ." → ^ _ h _ ə _ l _ ˈ _ o _ ʊ _ . _ $ = 17 ids.
    const idCount = phonemesToIds('həlˈoʊ.', testVoicePhonemeIdMap()).ids.length;
    expect(idCount).toBe(17);
    for (const speed of [1, 2, 0.5]) {
      const clip = await synth.synthesize(voice, 'Hello.', { speed });
      expect(clip.sampleRate).toBe(22_050);
      expect(clip.samples.length, `speed ${speed}`).toBe(expectedSamples(idCount, 1 / speed));
      expect(rms(clip.samples)).toBeGreaterThan(0.01);
    }
  });

  it('the audio is exactly what the model makes for the expected ids (up to Piper’s peak normalisation)', async () => {
    // Written out rather than computed, so a fault in phonemesToIds cannot hide here.
    const map = testVoicePhonemeIdMap();
    const ids = ['^', '_', 'h', '_', 'ə', '_', 'l', '_', 'ˈ', '_', 'o', '_', 'ʊ', '_', '.', '_', '$'].map((symbol) => map[symbol][0]);
    const reference = testVoiceReferenceAudio(ids, 1);
    const clip = await synth.synthesize(voice, 'Hello.', { speed: 1 });
    let peak = 0;
    for (const s of reference) peak = Math.max(peak, Math.abs(s));
    const gain = 0.9 / peak;
    expect(clip.samples.length).toBe(reference.length);
    let worst = 0;
    for (let i = 0; i < reference.length; i++) worst = Math.max(worst, Math.abs(clip.samples[i] - reference[i] * gain));
    expect(worst).toBeLessThan(1e-5);
  });

  it('streams sentences and adds pauses for Piper voices too', async () => {
    const counts: number[] = [];
    const clip = await synth.synthesize(voice, 'Hello. Hello.', { speed: 1, onSentence: ({ clip: c }) => counts.push(c.samples.length) });
    expect(counts).toEqual([expectedSamples(17, 1), expectedSamples(17, 1)]);
    expect(clip.samples.length).toBe(2 * expectedSamples(17, 1) + Math.round(0.25 * 22_050));
  });
});
