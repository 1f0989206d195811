import { LIMITS } from '../../../src-shared/limits';
import { StudioError } from '../../../src-shared/errors';
import { normalizeForSpeech } from './normalize';
import { splitSentenceSpans, type PauseKind } from './sentences';

/** Silence after each kind of break, at speed 1 (scaled by 1/speed). */
export const PAUSE_SECONDS: Record<PauseKind, number> = { clause: 0.1, sentence: 0.25, paragraph: 0.6 };

export interface SpeechPlan {
  /** Normalised sentences, each with something to say. */
  sentences: string[];
  /** Seconds of silence after each sentence at speed 1; the last is unused. */
  pausesSec: number[];
}

/** Splits first (the splitter needs the written abbreviations), then normalises each sentence. */
export function planSpeech(text: string, language: string): SpeechPlan {
  if (text.trim() === '') throw new StudioError('TEXT_EMPTY');
  if (text.length > LIMITS.maxTextChars) throw new StudioError('TEXT_TOO_LONG');
  const sentences: string[] = [];
  const pausesSec: number[] = [];
  for (const span of splitSentenceSpans(text)) {
    const spoken = normalizeForSpeech(span.text, language);
    if (!/[\p{L}\p{N}]/u.test(spoken)) {
      // A sentence of only symbols adds its break to the previous sentence's.
      if (pausesSec.length > 0) pausesSec[pausesSec.length - 1] = Math.max(pausesSec[pausesSec.length - 1], PAUSE_SECONDS[span.pauseAfter]);
      continue;
    }
    sentences.push(spoken);
    pausesSec.push(PAUSE_SECONDS[span.pauseAfter]);
  }
  if (sentences.length === 0) throw new StudioError('TEXT_NO_SPEAKABLE_CONTENT');
  return { sentences, pausesSec };
}
