import type { ErrorCode } from '../../../src-shared/errors';

/**
 * Messages between the synthesis host (the caller's thread) and the synthesis worker. Plain
 * structured-clone data so the same worker runs as a worker thread, a Node child process or an
 * Electron utilityProcess. Text crosses only inside `synthesize`; nothing here is ever logged.
 */
export type WorkerVoice =
  | { engine: 'espeak-ng'; espeakVoice: string }
  | {
      engine: 'piper-onnx';
      modelPath: string;
      modelSha256: string;
      espeakVoice: string;
      phonemeIdMap: Record<string, number[]>;
      sampleRate: number;
      noiseScale: number;
      lengthScale: number;
      noiseW: number;
      speakerId: number | null;
    };

export interface ProbeRequest {
  modelPath: string;
  modelSha256: string;
  phonemeIdMap: Record<string, number[]>;
  numSpeakers: number;
  /** The config's eSpeak voice, which must exist in our eSpeak NG build. */
  espeakVoice: string;
}

export type HostMessage =
  | { type: 'synthesize'; id: number; voice: WorkerVoice; sentences: string[]; speed: number }
  | { type: 'cancel'; id: number }
  | ({ type: 'probe'; id: number } & ProbeRequest);

export type WorkerMessage =
  | { type: 'sentence'; id: number; index: number; samples: Float32Array; sampleRate: number }
  | { type: 'done'; id: number }
  | { type: 'probed'; id: number }
  | { type: 'failed'; id: number; code: ErrorCode; reason?: string };
