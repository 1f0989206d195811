import type { VoiceInfo } from '../../../src-shared/domain';
import type { PiperVoiceConfig } from './piperConfig';

/** A voice ready to synthesise: its identity plus what the engine needs to load it. */
export type ResolvedVoice =
  | { info: VoiceInfo; engine: 'espeak-ng'; espeakVoice: string }
  | { info: VoiceInfo; engine: 'piper-onnx'; modelPath: string; config: PiperVoiceConfig; modelSha256: string };

export interface VoiceRegistry {
  list(): Promise<VoiceInfo[]>;
  /** The voice with that id (the default voice when omitted), integrity verified. */
  resolve(id?: string): Promise<ResolvedVoice>;
  /** Copies a Piper voice into the user's voices folder after validating it. */
  importVoice(modelPath: string, configPath?: string): Promise<VoiceInfo>;
  defaultVoiceId(): string;
}
