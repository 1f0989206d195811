import { normalizeEnglish } from './normalizeEnglish';

/**
 * Turns written text into what should be spoken. Language-neutral clean-up (typography,
 * markup symbols, punctuation that should be heard as a pause) applies to every language; the
 * expansion of numbers, currency, times and abbreviations applies to English. For other
 * languages digits are left to eSpeak NG, which reads them in the voice's language.
 */
export function normalizeForSpeech(text: string, language = 'en'): string {
  let out = cleanTypography(text);
  if (/^en\b/i.test(language.replace('_', '-'))) out = normalizeEnglish(out);
  return punctuationToPauses(out);
}

function cleanTypography(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '') // zero-width characters, soft hyphen
    .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]/g, ' ')
    .replace(/[‘’‚‛′]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/…/g, '...')
    .replace(/\u2212/g, '-');
}

/**
 * Both engines pause at , ; : . ! ? and nowhere else, so dashes, brackets and ellipses become
 * commas (or a full stop at the end), and symbols that would be read out by name or spoken as
 * noise (markdown emphasis, bullets, quotes) are dropped.
 */
function punctuationToPauses(text: string): string {
  return text
    .replace(/\s*(?:—|–|--+|\s-\s)\s*/g, ', ')
    .replace(/\s*[([{]\s*/g, ', ')
    .replace(/\s*[)\]}]\s*(?=[\p{L}\p{N}])/gu, ', ')
    .replace(/\s*[)\]}]\s*/g, ' ')
    .replace(/\.{3,}\s*$/g, '.')
    .replace(/\s*\.{2,}\s*/g, ', ')
    .replace(/[*_~^`|<>\\"•·▪‣◦]+/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s+([,;:.!?])/g, '$1')
    .replace(/([,;:])(?:\s*[,;:])+/g, '$1')
    .replace(/[,;:]+([.!?])/g, '$1')
    .replace(/^[\s,;:.]+/, '')
    .trim();
}
