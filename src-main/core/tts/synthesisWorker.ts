/**
 * The synthesis worker: owns eSpeak NG (WebAssembly) and the ONNX sessions, synthesises one
 * request at a time, sentence by sentence, and posts each sentence's audio as soon as it exists.
 * Between sentences it yields to its event loop so a `cancel` can arrive and take effect.
 */
import { isStudioError, StudioError, type ErrorCode } from '../../../src-shared/errors';
import { EspeakEngine, ESPEAK_SAMPLE_RATE, UnknownEspeakVoiceError } from './espeakEngine';
import { normalizePeak } from './pcm';
import { phonemesToIds } from './phonemeIds';
import { PiperRuntime } from './piperRuntime';
import type { HostMessage, ProbeRequest, WorkerMessage, WorkerVoice } from './protocol';
import { connectWorkerPort } from './workerPort';

const port = connectWorkerPort();
const piper = new PiperRuntime();
let espeak: Promise<EspeakEngine> | undefined;
const cancelled = new Set<number>();
const queue: HostMessage[] = [];
let busy = false;

function post(message: WorkerMessage, transfer?: ArrayBuffer[]): void {
  port.post(message, transfer);
}

function loadEspeak(): Promise<EspeakEngine> {
  espeak ??= EspeakEngine.load();
  return espeak;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

port.onMessage((raw) => {
  const message = raw as HostMessage;
  if (message.type === 'cancel') {
    cancelled.add(message.id);
    return;
  }
  queue.push(message);
  void drain();
});

async function drain(): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    for (let next = queue.shift(); next; next = queue.shift()) {
      try {
        if (next.type === 'synthesize') await synthesize(next.id, next.voice, next.sentences, next.speed);
        else if (next.type === 'probe') await probe(next.id, next);
      } catch (error) {
        // An unexpected engine error may leave the WebAssembly instance in a bad state: reload it.
        if (!isStudioError(error) && !(error instanceof UnknownEspeakVoiceError)) espeak = undefined;
        post({ type: 'failed', id: next.id, ...failure(error) });
      } finally {
        cancelled.delete(next.id);
      }
    }
  } finally {
    busy = false;
  }
}

async function synthesize(id: number, voice: WorkerVoice, sentences: string[], speed: number): Promise<void> {
  for (let index = 0; index < sentences.length; index++) {
    if (cancelled.has(id)) {
      post({ type: 'failed', id, code: 'CANCELLED' });
      return;
    }
    const { samples, sampleRate } = await synthesizeSentence(voice, sentences[index], speed);
    post({ type: 'sentence', id, index, samples, sampleRate }, [samples.buffer as ArrayBuffer]);
    await yieldToEventLoop();
  }
  post({ type: 'done', id });
}

async function synthesizeSentence(voice: WorkerVoice, sentence: string, speed: number): Promise<{ samples: Float32Array; sampleRate: number }> {
  const engine = await loadEspeak();
  if (voice.engine === 'espeak-ng') {
    engine.setVoice(voice.espeakVoice);
    return { samples: engine.synthesize(sentence, speed), sampleRate: ESPEAK_SAMPLE_RATE };
  }
  const session = await piper.session(voice.modelPath, voice.modelSha256);
  engine.setVoice(voice.espeakVoice);
  const { ids } = phonemesToIds(engine.phonemize(sentence), voice.phonemeIdMap);
  // Only ^ _ $ left: nothing speakable in this sentence.
  if (ids.length <= 3) return { samples: new Float32Array(0), sampleRate: voice.sampleRate };
  const audio = await piper.synthesize(
    session,
    ids,
    { noiseScale: voice.noiseScale, lengthScale: voice.lengthScale / speed, noiseW: voice.noiseW },
    voice.speakerId,
  );
  return { samples: normalizePeak(audio), sampleRate: voice.sampleRate };
}

/** Loads the model the way synthesis would, checks its signature and runs one tiny utterance. */
async function probe(id: number, request: ProbeRequest): Promise<void> {
  (await loadEspeak()).setVoice(request.espeakVoice);
  const session = await piper.session(request.modelPath, request.modelSha256);
  const firstPhoneme = Object.keys(request.phonemeIdMap).find((key) => !'_^$ '.includes(key)) ?? '';
  const { ids } = phonemesToIds(firstPhoneme, request.phonemeIdMap);
  let audio: Float32Array;
  try {
    audio = await piper.synthesize(session, ids, { noiseScale: 0.667, lengthScale: 1, noiseW: 0.8 }, request.numSpeakers > 1 ? 0 : null);
  } catch (error) {
    throw new StudioError('VOICE_INVALID', { cause: error, details: { reason: 'test inference failed' } });
  }
  if (audio.length === 0 || !audio.every(Number.isFinite)) {
    post({ type: 'failed', id, code: 'VOICE_INVALID', reason: 'model produced no usable audio' });
    return;
  }
  post({ type: 'probed', id });
}

function failure(error: unknown): { code: ErrorCode; reason?: string } {
  if (isStudioError(error)) return { code: error.code, reason: typeof error.details?.reason === 'string' ? error.details.reason : undefined };
  if (error instanceof UnknownEspeakVoiceError) return { code: 'VOICE_INVALID', reason: 'unknown eSpeak voice' };
  return { code: 'SYNTHESIS_FAILED' };
}
