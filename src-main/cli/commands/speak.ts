import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { StudioError } from '../../../src-shared/errors';
import { LIMITS } from '../../../src-shared/limits';
import { decodeScriptBytes } from '../../../src-shared/scriptText';
import { assertOutputFolderExists, assertReadableInputFile } from '../../core/files';
import type { Studio } from '../../core/studio';
import { allowOnly, numberOption, stringOption, usageError, type ParsedArgs } from '../args';
import type { Output } from '../output';
import { createProgressReporter } from '../progress';

/** UTF-8 needs at most 4 bytes per UTF-16 code unit pair; a larger file cannot be within the limit. */
const MAX_TEXT_FILE_BYTES = LIMITS.maxTextChars * 4;

/** `--text T` or `--text-file F`, exactly one; file bytes must be valid UTF-8. */
export function readScriptArgument(args: ParsedArgs): string {
  const text = stringOption(args, 'text');
  const file = stringOption(args, 'text-file');
  if ((text === undefined) === (file === undefined)) throw usageError('Give exactly one of --text or --text-file.');
  if (text !== undefined) return text;
  const { size } = assertReadableInputFile(file!, Number.MAX_SAFE_INTEGER);
  if (size > MAX_TEXT_FILE_BYTES) throw new StudioError('TEXT_TOO_LONG');
  return decodeScriptBytes(readFileSync(file!));
}

export async function speakCommand(studio: Studio, args: ParsedArgs, output: Output): Promise<void> {
  allowOnly(args, ['text', 'text-file', 'voice', 'speed', 'out', 'accept-warnings']);
  if (args.positionals.length > 0) throw usageError('Usage: voicemark speak (--text T | --text-file F) [--voice ID] [--speed S] [--out FILE] [--accept-warnings]');
  const text = readScriptArgument(args);
  const speed = numberOption(args, 'speed', LIMITS.speed);
  const out = stringOption(args, 'out');
  if (out !== undefined) {
    // Refuse a bad destination before any work, so nothing is generated that cannot be saved.
    if (!['.wav', '.mp3'].includes(extname(out).toLowerCase())) throw new StudioError('OUTPUT_FORMAT_UNSUPPORTED');
    assertOutputFolderExists(out);
  }

  const progress = createProgressReporter();
  const unsubscribe = studio.onSpeakProgress((event) => progress.update(event));
  let result;
  try {
    result = await studio.speak({
      text,
      voiceId: stringOption(args, 'voice'),
      speed,
      acceptWarnings: args.options['accept-warnings'] === true,
    });
  } finally {
    unsubscribe();
    progress.finish();
  }
  let file = studio.generationAudioPath(result.id);
  if (out !== undefined) {
    await studio.historyExport({ id: result.id, path: out });
    file = out;
  }
  output.result(
    {
      id: result.id,
      file,
      voice: result.voice,
      sampleRate: result.sampleRate,
      durationSec: result.durationSec,
      watermark: result.watermark,
      policy: result.policy,
      audioSha256: result.audioSha256,
    },
    () =>
      [
        `Saved ${result.durationSec.toFixed(1)} s of speech to ${file}`,
        `  id / watermark payload: ${result.id}`,
        `  voice: ${result.voice} (${result.sampleRate} Hz)`,
        `  policy: ${result.policy.decision}${result.policy.violations.length ? ` (${result.policy.violations.map((v) => v.ruleId).join(', ')})` : ''}`,
      ].join('\n'),
  );
}
