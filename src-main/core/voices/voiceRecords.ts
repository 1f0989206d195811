import { z } from 'zod';
import { VOICE_ID_PATTERN } from './constants';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
/** A file name inside the voice's folder: no separators, no parent references. */
const fileName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/).refine((name) => !name.includes('..'));

const fileRecord = {
  files: z.strictObject({ model: fileName, config: fileName }),
  sha256: z.strictObject({ model: sha256Hex, config: sha256Hex }),
};

/** One voice shipped in models/ (see models/manifest.json). */
export const bundledVoiceSchema = z.strictObject({
  id: z.string().regex(VOICE_ID_PATTERN).refine((id) => !id.startsWith('espeak-'), 'espeak- ids are reserved'),
  name: z.string().min(1).max(200),
  language: z.string().min(2).max(32),
  sampleRate: z.number().int().min(8_000).max(96_000),
  ...fileRecord,
  licence: z.string().min(1).max(200),
  /** Who made the voice, from what data, how it was trained. */
  provenance: z.string().min(1).max(2_000),
  default: z.boolean(),
});
export type BundledVoice = z.infer<typeof bundledVoiceSchema>;

export const bundledManifestSchema = z
  .strictObject({
    $comment: z.string().optional(),
    version: z.literal(1),
    voices: z.array(bundledVoiceSchema),
  })
  .refine((m) => m.voices.filter((v) => v.default).length <= 1, 'at most one default voice')
  .refine((m) => new Set(m.voices.map((v) => v.id)).size === m.voices.length, 'voice ids are unique');
export type BundledManifest = z.infer<typeof bundledManifestSchema>;

/** One voice the user imported, as recorded in <userVoicesDir>/index.json. */
export const importedVoiceSchema = z.strictObject({
  id: z.string().regex(VOICE_ID_PATTERN),
  name: z.string().min(1).max(200),
  language: z.string().min(1).max(64),
  sampleRate: z.number().int().min(8_000).max(96_000),
  ...fileRecord,
  licence: z.string().max(200),
  importedAt: z.string(),
});
export type ImportedVoice = z.infer<typeof importedVoiceSchema>;

export const userVoiceIndexSchema = z.strictObject({
  version: z.literal(1),
  voices: z.array(importedVoiceSchema),
});
export type UserVoiceIndex = z.infer<typeof userVoiceIndexSchema>;
