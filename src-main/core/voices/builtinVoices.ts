import type { VoiceInfo } from '../../../src-shared/domain';
import { ESPEAK_SAMPLE_RATE_HZ } from './constants';

/** The voice every install has, used when no bundled default voice is present. */
export const ESPEAK_DEFAULT_VOICE_ID = 'espeak-en-us';
export const ESPEAK_LICENCE = 'GPL-3.0-or-later (eSpeak NG)';

interface BuiltinVoice {
  id: string;
  name: string;
  language: string;
  /** eSpeak NG voice name (the file name under espeak-ng-data/voices). */
  espeakVoice: string;
}

/** eSpeak NG voices offered as voices in their own right (robotic but instant, 100+ languages). */
export const BUILTIN_VOICES: readonly BuiltinVoice[] = [
  { id: ESPEAK_DEFAULT_VOICE_ID, name: 'English (US) — eSpeak NG', language: 'en-US', espeakVoice: 'en-us' },
  { id: 'espeak-en-gb', name: 'English (UK) — eSpeak NG', language: 'en-GB', espeakVoice: 'en' },
  { id: 'espeak-en-gb-rp', name: 'English (UK, Received Pronunciation) — eSpeak NG', language: 'en-GB', espeakVoice: 'en-gb-x-rp' },
  { id: 'espeak-es', name: 'Spanish (Spain) — eSpeak NG', language: 'es-ES', espeakVoice: 'es' },
  { id: 'espeak-es-419', name: 'Spanish (Latin America) — eSpeak NG', language: 'es-419', espeakVoice: 'es-419' },
  { id: 'espeak-fr', name: 'French (France) — eSpeak NG', language: 'fr-FR', espeakVoice: 'fr' },
  { id: 'espeak-de', name: 'German — eSpeak NG', language: 'de-DE', espeakVoice: 'de' },
  { id: 'espeak-it', name: 'Italian — eSpeak NG', language: 'it-IT', espeakVoice: 'it' },
  { id: 'espeak-pt-br', name: 'Portuguese (Brazil) — eSpeak NG', language: 'pt-BR', espeakVoice: 'pt-br' },
  { id: 'espeak-nl', name: 'Dutch — eSpeak NG', language: 'nl-NL', espeakVoice: 'nl' },
];

export function builtinVoiceInfo(voice: BuiltinVoice, isDefault: boolean): VoiceInfo {
  return {
    id: voice.id,
    name: voice.name,
    engine: 'espeak-ng',
    language: voice.language,
    sampleRate: ESPEAK_SAMPLE_RATE_HZ,
    default: isDefault,
    source: 'builtin',
    licence: ESPEAK_LICENCE,
    integrity: 'ok',
    sha256: null,
  };
}
