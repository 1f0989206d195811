import { int16ToFloat32 } from './pcm';

/**
 * eSpeak NG compiled to WebAssembly. Loaded only inside the synthesis worker: the Emscripten
 * runtime is process-global state and must not share a thread with the caller.
 */
export const ESPEAK_SAMPLE_RATE = 22_050;
const DEFAULT_RATE_WPM = 175;
const MIN_RATE_WPM = 80;
const MAX_RATE_WPM = 450;

interface EspeakWorker {
  set_voice(name: string): number;
  set_rate(wpm: number): void;
  synthesize(text: string, callback: (samples: Int16Array, events: unknown) => void): void;
  synthesize_ipa(text: string): { code: number; ipa: string };
  list_voices(): Array<{ identifier: string; languages: Array<{ name: string; priority: number }> }>;
}

export class UnknownEspeakVoiceError extends Error {}

export class EspeakEngine {
  private currentVoice: string | undefined;

  private constructor(private readonly worker: EspeakWorker) {}

  static async load(): Promise<EspeakEngine> {
    const module = await import('@echogarden/espeak-ng-emscripten');
    const instance = await module.default();
    return new EspeakEngine(new instance.eSpeakNGWorker() as EspeakWorker);
  }

  /**
   * Selects a voice by eSpeak voice name ("en-us", "de"), falling back to a language code that
   * names no voice file ("en-gb" → the voice listed for that language), as Piper configs use both.
   */
  setVoice(name: string): void {
    if (this.currentVoice === name) return;
    if (this.worker.set_voice(name) !== 0) {
      const fallback = this.voiceForLanguage(name);
      if (!fallback || this.worker.set_voice(fallback) !== 0) {
        this.currentVoice = undefined;
        throw new UnknownEspeakVoiceError('unknown eSpeak voice');
      }
    }
    this.currentVoice = name;
  }

  private voiceForLanguage(language: string): string | undefined {
    const wanted = language.toLowerCase();
    const candidates = this.worker
      .list_voices()
      .flatMap((voice) => voice.languages.filter((l) => l.name.toLowerCase() === wanted).map((l) => ({ voice, priority: l.priority })))
      .sort((a, b) => a.priority - b.priority);
    const identifier = candidates[0]?.voice.identifier;
    return identifier?.split('/').pop();
  }

  /** Speech for one sentence at `speed` × the default 175 words per minute. */
  synthesize(text: string, speed: number): Float32Array {
    this.worker.set_rate(Math.round(Math.min(MAX_RATE_WPM, Math.max(MIN_RATE_WPM, DEFAULT_RATE_WPM * speed))));
    const chunks: Int16Array[] = [];
    let length = 0;
    this.worker.synthesize(text, (samples) => {
      // The chunk is a view of WebAssembly memory that the next call overwrites: copy it.
      chunks.push(samples.slice());
      length += samples.length;
    });
    const all = new Int16Array(length);
    let offset = 0;
    for (const chunk of chunks) {
      all.set(chunk, offset);
      offset += chunk.length;
    }
    return int16ToFloat32(all);
  }

  /**
   * IPA phonemes in Piper's form: "həlˈoʊ, wˈɜːld." — one clause at a time, each followed by
   * its punctuation mark, because eSpeak's IPA output drops punctuation and Piper voices were
   * trained with it.
   */
  phonemize(text: string): string {
    const parts: string[] = [];
    const pieces = text.split(/([.,;:!?]+)(?=\s|$)/);
    for (let i = 0; i < pieces.length; i += 2) {
      const clause = pieces[i].trim();
      const mark = pieces[i + 1] ?? '';
      const ipa = clause === '' ? '' : this.clauseIpa(clause);
      const punctuation = mark === '' ? '' : mark.includes('?') ? '?' : mark.includes('!') ? '!' : mark[0];
      if (ipa !== '') parts.push(`${ipa}${punctuation}`);
      else if (punctuation !== '' && parts.length > 0) parts[parts.length - 1] += punctuation;
    }
    return parts.join(' ').trim();
  }

  private clauseIpa(clause: string): string {
    const result = this.worker.synthesize_ipa(clause);
    if (result.code !== 0) throw new Error('eSpeak phonemisation failed');
    return result.ipa.replace(/_/g, '').split('\n').map((line) => line.trim()).filter(Boolean).join(' ');
  }
}
