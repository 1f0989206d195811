import { z } from 'zod';
import { StudioError } from '../../../src-shared/errors';

/** Piper's reserved symbols: padding between phonemes, beginning and end of an utterance. */
export const PIPER_PAD = '_';
export const PIPER_BOS = '^';
export const PIPER_EOS = '$';

const scale = (fallback: number) => z.number().finite().min(0).max(10).default(fallback);

/** The fields of a Piper `.onnx.json` the studio uses; unknown fields are accepted and ignored. */
const piperConfigSchema = z.object({
  audio: z.object({ sample_rate: z.number().int().min(8_000).max(96_000) }),
  espeak: z.object({ voice: z.string().regex(/^[A-Za-z0-9_+\-/]{1,64}$/) }),
  phoneme_type: z.literal('espeak').default('espeak'),
  phoneme_id_map: z
    .record(
      z.string().refine((key) => [...key].length === 1, 'a phoneme is one code point'),
      z.array(z.number().int().min(0).max(65_535)).min(1).max(8),
    )
    .refine((map) => PIPER_PAD in map && PIPER_BOS in map && PIPER_EOS in map, 'phoneme_id_map lacks _, ^ or $'),
  inference: z
    .object({ noise_scale: scale(0.667), length_scale: z.number().finite().positive().max(10).default(1), noise_w: scale(0.8) })
    .default({ noise_scale: 0.667, length_scale: 1, noise_w: 0.8 }),
  num_speakers: z.number().int().min(1).max(100_000).default(1),
  speaker_id_map: z.record(z.string(), z.number().int().min(0)).optional(),
  language: z.object({ code: z.string().max(32), name_english: z.string().max(200).optional() }).optional(),
  dataset: z.string().max(200).optional(),
});

export type PiperVoiceConfig = z.infer<typeof piperConfigSchema>;

/** Parses and validates a Piper voice config; anything unusable is VOICE_INVALID. */
export function parsePiperConfig(json: string): PiperVoiceConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    throw new StudioError('VOICE_INVALID', { cause: error, details: { reason: 'config is not JSON' } });
  }
  const parsed = piperConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.slice(0, 1).join('.') || '(root)'))];
    throw new StudioError('VOICE_INVALID', { details: { reason: 'config does not match the Piper format', fields } });
  }
  return parsed.data;
}
