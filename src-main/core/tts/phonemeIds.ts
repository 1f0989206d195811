/** Piper's phoneme-id convention (as in piper-phonemize, which its voices were trained with). */
const PAD = '_';
const BOS = '^';
const EOS = '$';

export interface PhonemeIdResult {
  ids: number[];
  /** Phonemes absent from the voice's map; skipped, as Piper does. */
  missing: number;
}

/**
 * `^ _ p1 _ p2 _ … pn _ $`: beginning-of-utterance, then every phoneme's ids each followed by
 * the pad id, then end-of-utterance. Phonemes are single code points after NFD decomposition
 * (so "ç" is "c" + combining cedilla), exactly like the map keys of Piper voices.
 */
export function phonemesToIds(phonemes: string, idMap: Readonly<Record<string, readonly number[]>>): PhonemeIdResult {
  const pad = idMap[PAD];
  const ids: number[] = [...idMap[BOS], ...pad];
  let missing = 0;
  for (const phoneme of phonemes.normalize('NFD')) {
    const phonemeIds = idMap[phoneme];
    if (!phonemeIds) {
      missing++;
      continue;
    }
    ids.push(...phonemeIds, ...pad);
  }
  ids.push(...idMap[EOS]);
  return { ids, missing };
}
