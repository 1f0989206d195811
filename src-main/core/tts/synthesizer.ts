import { LIMITS } from '../../../src-shared/limits';
import { StudioError } from '../../../src-shared/errors';
import type { ResolvedVoice } from '../voices';
import { joinWithSilence, type PcmClip } from './pcm';
import type { HostMessage, WorkerMessage, WorkerVoice } from './protocol';
import { planSpeech } from './speechPlan';
import { createWorkerThreadTransport, type SynthesisTransport } from './transport';

export interface SentenceEvent {
  index: number;
  count: number;
  clip: PcmClip;
}

export interface SynthesisOptions {
  /** 0.5–2.0; 2 is twice as fast. */
  speed: number;
  signal?: AbortSignal;
  /** Each sentence's audio, in order, as soon as it is synthesised. */
  onSentence?: (event: SentenceEvent) => void;
}

export interface Synthesizer {
  synthesize(voice: ResolvedVoice, text: string, options: SynthesisOptions): Promise<PcmClip>;
  /** Stops the worker; pending requests fail with CANCELLED. */
  close(): Promise<void>;
}

export interface SynthesizerOptions {
  transportFactory?: () => SynthesisTransport;
  /**
   * Longest one request may run once the worker has started it (queue time is not counted).
   * On expiry the request fails with TIMEOUT and the worker is replaced, since a worker that
   * overran cannot be trusted to stop. Default 10 minutes: 20,000 characters on a slow CPU.
   */
  requestTimeoutMs?: number;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 10 * 60_000;

interface Job {
  id: number;
  message: HostMessage;
  sentenceCount: number;
  pausesSec: number[];
  speed: number;
  clips: PcmClip[];
  onSentence?: (event: SentenceEvent) => void;
  resolve(clip: PcmClip): void;
  reject(error: unknown): void;
  detach(): void;
  timer?: ReturnType<typeof setTimeout>;
  settled: boolean;
}

/**
 * The synthesis host: plans the text (split, normalise), hands it to a worker one request at a
 * time, streams sentences back to the caller and joins them with pauses. A worker that dies is
 * replaced on the next request.
 */
export function createSynthesizer(options: SynthesizerOptions = {}): Synthesizer {
  const transportFactory = options.transportFactory ?? (() => createWorkerThreadTransport());
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  let transport: SynthesisTransport | null = null;
  let active: Job | null = null;
  const waiting: Job[] = [];
  let nextId = 1;
  let closed = false;

  function currentTransport(): SynthesisTransport {
    if (transport) return transport;
    const created = transportFactory();
    created.onMessage((message) => {
      if (transport === created) onWorkerMessage(message);
    });
    created.onExit(() => {
      if (transport !== created) return; // replaced on purpose
      transport = null;
      if (active) settle(active, new StudioError('SYNTHESIS_FAILED', { details: { reason: 'worker exited' } }));
    });
    transport = created;
    return created;
  }

  function discardTransport(): void {
    const old = transport;
    transport = null;
    void old?.terminate().catch(() => undefined);
  }

  function dispatchNext(): void {
    if (active || closed) return;
    const job = waiting.shift();
    if (!job) {
      transport?.unref?.();
      return;
    }
    active = job;
    job.timer = setTimeout(() => {
      settle(job, new StudioError('TIMEOUT'));
      discardTransport();
    }, requestTimeoutMs);
    try {
      const worker = currentTransport();
      worker.ref?.();
      worker.postMessage(job.message);
    } catch (error) {
      settle(job, new StudioError('SYNTHESIS_FAILED', { cause: error, details: { reason: 'worker could not be started' } }));
    }
  }

  function settle(job: Job, error: unknown, clip?: PcmClip): void {
    if (job.settled) return;
    job.settled = true;
    clearTimeout(job.timer);
    job.detach();
    if (active === job) active = null;
    const queued = waiting.indexOf(job);
    if (queued >= 0) waiting.splice(queued, 1);
    if (error === undefined && clip) job.resolve(clip);
    else job.reject(error);
    dispatchNext();
  }

  function onWorkerMessage(message: WorkerMessage): void {
    const job = active;
    if (!job || message.id !== job.id) return; // late messages of a cancelled or timed-out request
    switch (message.type) {
      case 'sentence': {
        const clip = { samples: message.samples, sampleRate: message.sampleRate };
        job.clips[message.index] = clip;
        try {
          job.onSentence?.({ index: message.index, count: job.sentenceCount, clip });
        } catch (error) {
          transport?.postMessage({ type: 'cancel', id: job.id });
          settle(job, error);
        }
        return;
      }
      case 'done':
        try {
          settle(job, undefined, assemble(job));
        } catch (error) {
          settle(job, error);
        }
        return;
      case 'failed':
        settle(job, new StudioError(message.code, message.reason ? { details: { reason: message.reason } } : {}));
        return;
      default:
        settle(job, new StudioError('SYNTHESIS_FAILED'));
    }
  }

  return {
    synthesize(voice, text, { speed, signal, onSentence }) {
      if (closed) return Promise.reject(new StudioError('INTERNAL', { details: { reason: 'synthesizer closed' } }));
      if (!Number.isFinite(speed) || speed < LIMITS.speed.min || speed > LIMITS.speed.max) {
        return Promise.reject(new StudioError('INVALID_REQUEST', { details: { reason: 'speed out of range' } }));
      }
      if (signal?.aborted) return Promise.reject(new StudioError('CANCELLED'));
      let plan;
      try {
        plan = planSpeech(text, voice.info.language);
      } catch (error) {
        return Promise.reject(error);
      }
      const id = nextId++;
      return new Promise<PcmClip>((resolve, reject) => {
        const onAbort = (): void => {
          if (active === job) transport?.postMessage({ type: 'cancel', id });
          settle(job, new StudioError('CANCELLED'));
        };
        const job: Job = {
          id,
          message: { type: 'synthesize', id, voice: toWorkerVoice(voice), sentences: plan.sentences, speed },
          sentenceCount: plan.sentences.length,
          pausesSec: plan.pausesSec,
          speed,
          clips: [],
          onSentence,
          resolve,
          reject,
          detach: () => signal?.removeEventListener('abort', onAbort),
          settled: false,
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiting.push(job);
        dispatchNext();
      });
    },

    async close() {
      if (closed) return;
      closed = true;
      for (const job of [...waiting, ...(active ? [active] : [])]) settle(job, new StudioError('CANCELLED'));
      const old = transport;
      transport = null;
      await old?.terminate().catch(() => undefined);
    },
  };
}

function assemble(job: Job): PcmClip {
  const clips = job.clips;
  if (clips.length !== job.sentenceCount || clips.some((clip) => !clip)) throw new StudioError('SYNTHESIS_FAILED');
  const sampleRate = clips[0].sampleRate;
  if (clips.some((clip) => clip.sampleRate !== sampleRate)) throw new StudioError('SYNTHESIS_FAILED');
  if (clips.every((clip) => clip.samples.length === 0)) throw new StudioError('TEXT_NO_SPEAKABLE_CONTENT');
  return joinWithSilence(clips, job.pausesSec.map((seconds) => seconds / job.speed), sampleRate);
}

function toWorkerVoice(voice: ResolvedVoice): WorkerVoice {
  if (voice.engine === 'espeak-ng') return { engine: 'espeak-ng', espeakVoice: voice.espeakVoice };
  const { config } = voice;
  return {
    engine: 'piper-onnx',
    modelPath: voice.modelPath,
    modelSha256: voice.modelSha256,
    espeakVoice: config.espeak.voice,
    phonemeIdMap: config.phoneme_id_map,
    sampleRate: config.audio.sample_rate,
    noiseScale: config.inference.noise_scale,
    lengthScale: config.inference.length_scale,
    noiseW: config.inference.noise_w,
    speakerId: config.num_speakers > 1 ? 0 : null,
  };
}
