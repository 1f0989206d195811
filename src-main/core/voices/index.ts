/** The voice catalogue: built-in eSpeak NG voices, bundled and imported Piper voices, integrity. */
export { createVoiceRegistry } from './registry';
export type { VoiceRegistryOptions } from './registry';
export type { ResolvedVoice, VoiceRegistry } from './types';
export { parsePiperConfig } from './piperConfig';
export type { PiperVoiceConfig } from './piperConfig';
export { ESPEAK_DEFAULT_VOICE_ID, ESPEAK_LICENCE } from './builtinVoices';
