import { StudioError } from './errors';
import { LIMITS } from './limits';

/**
 * Guards for script text, shared by main (which enforces them) and the renderer (which shows the
 * same verdict live while the user types). Pure TypeScript: TextDecoder and String.normalize only.
 *
 * Length is counted in UTF-16 code units of the NFC form, as `LIMITS.maxTextChars` documents: the
 * same unit the contract schema, a textarea's maxLength and `String.length` use, so the renderer's
 * counter, the IPC envelope and this check can never disagree. An emoji therefore counts as 2.
 *
 * Order of checks, chosen for hostile input:
 *   1. envelope — more than 4 × the limit is refused as TEXT_TOO_LONG before any scan, so the cost
 *      of every later step is bounded whatever arrives;
 *   2. encoding — lone surrogates, U+FFFD (the mark of an earlier lossy decode) and the
 *      noncharacters U+FFFE/U+FFFF → TEXT_INVALID_ENCODING;
 *   3. control characters (C0 except tab/LF/CR, DEL, C1; NUL included) → TEXT_CONTROL_CHARS;
 *   4. NFC, then empty / only whitespace or invisible characters → TEXT_EMPTY;
 *   5. length of the NFC text → TEXT_TOO_LONG;
 *   6. nothing speakable (no letter or digit at all) → TEXT_NO_SPEAKABLE_CONTENT.
 * So 20,001 characters of binary data are reported as what they are (not text: steps 2–3) rather
 * than as merely too long, and 20,001 spaces are reported as empty. Within the envelope the verdict
 * depends on content first, size second.
 */

/** Refuse outright above this many code units: nothing is scanned or normalised past it. */
const ENVELOPE_CHARS = LIMITS.maxTextChars * 4;

const UTF8_DECODER_OPTIONS = { fatal: true, ignoreBOM: false } as const;

/** Decodes script bytes as strict UTF-8; a leading BOM is dropped. Invalid bytes → TEXT_INVALID_ENCODING. */
export function decodeScriptBytes(bytes: Uint8Array): string {
  try {
    // ignoreBOM: false means the decoder consumes a leading U+FEFF instead of returning it.
    return new TextDecoder('utf-8', UTF8_DECODER_OPTIONS).decode(bytes);
  } catch (error) {
    throw new StudioError('TEXT_INVALID_ENCODING', { cause: error });
  }
}

/** Returns the NFC form of a valid script, or throws the StudioError that names the first problem. */
export function validateScript(text: string): string {
  if (text.length > ENVELOPE_CHARS) throw tooLong();
  assertWellFormed(text);
  assertNoControlChars(text);
  const nfc = text.normalize('NFC');
  if (!hasVisibleContent(nfc)) throw new StudioError('TEXT_EMPTY');
  if (nfc.length > LIMITS.maxTextChars) throw tooLong();
  if (!SPEAKABLE.test(nfc)) throw new StudioError('TEXT_NO_SPEAKABLE_CONTENT');
  return nfc;
}

function tooLong(): StudioError {
  return new StudioError('TEXT_TOO_LONG', { details: { maxChars: LIMITS.maxTextChars } });
}

function assertWellFormed(text: string): void {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      throw invalidEncoding('lone_surrogate', i);
    }
    if (unit >= 0xdc00 && unit <= 0xdfff) throw invalidEncoding('lone_surrogate', i);
    if (unit === 0xfffd) throw invalidEncoding('replacement_character', i);
    if (unit === 0xfffe || unit === 0xffff) throw invalidEncoding('noncharacter', i);
  }
}

function invalidEncoding(reason: string, index: number): StudioError {
  return new StudioError('TEXT_INVALID_ENCODING', { details: { reason, index } });
}

function assertNoControlChars(text: string): void {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const isC0 = unit < 0x20 && unit !== 0x09 && unit !== 0x0a && unit !== 0x0d;
    const isDelOrC1 = unit >= 0x7f && unit <= 0x9f;
    if (isC0 || isDelOrC1) {
      throw new StudioError('TEXT_CONTROL_CHARS', { details: { index: i, codePoint: unit } });
    }
  }
}

/**
 * Invisible: white space, format characters (zero-width space/joiners, BOM, bidi controls), every
 * default-ignorable code point (variation selectors, Hangul fillers, tag characters) and the
 * braille blank. A script made only of these would synthesise silence.
 */
const INVISIBLE = /^[\p{White_Space}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]*$/u;
const SPEAKABLE = /[\p{L}\p{N}]/u;

function hasVisibleContent(text: string): boolean {
  return !INVISIBLE.test(text);
}
