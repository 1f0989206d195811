import { z } from 'zod';
import { LIMITS } from './limits';

/** 16 lowercase hex digits: the 64-bit watermark payload, which is also the generation id. */
export const generationIdSchema = z.string().regex(/^[0-9a-f]{16}$/, 'expected 16 hex digits');
export type GenerationId = z.infer<typeof generationIdSchema>;

export const policyDecisionKindSchema = z.enum(['allow', 'warn', 'block']);
export type PolicyDecisionKind = z.infer<typeof policyDecisionKindSchema>;

export const policyCategorySchema = z.enum([
  'hate',
  'violent_threat',
  'sexual_minors',
  'fraud_scam',
  'impersonation',
  'election_robocall',
  'self_harm',
]);
export type PolicyCategory = z.infer<typeof policyCategorySchema>;

export const policyViolationSchema = z.object({
  ruleId: z.string(),
  category: policyCategorySchema,
  severity: z.enum(['block', 'warn']),
  /** Span in the original text, UTF-16 code units, end exclusive. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  /** Safe, human explanation of the rule (never the matched text). */
  explanation: z.string(),
});
export type PolicyViolation = z.infer<typeof policyViolationSchema>;

export const policyDecisionSchema = z.object({
  decision: policyDecisionKindSchema,
  violations: z.array(policyViolationSchema),
  policyVersion: z.string(),
  policyHash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type PolicyDecision = z.infer<typeof policyDecisionSchema>;

export const voiceEngineSchema = z.enum(['espeak-ng', 'piper-onnx']);
export const voiceInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  engine: voiceEngineSchema,
  language: z.string(),
  sampleRate: z.number().int().positive(),
  default: z.boolean(),
  source: z.enum(['bundled', 'imported', 'builtin']),
  licence: z.string(),
  integrity: z.enum(['ok', 'failed', 'missing']),
  sha256: z.string().nullable(),
});
export type VoiceInfo = z.infer<typeof voiceInfoSchema>;

export const speakParamsSchema = z.object({
  speed: z.number().min(LIMITS.speed.min).max(LIMITS.speed.max),
});
export type SpeakParams = z.infer<typeof speakParamsSchema>;

export const generationRecordSchema = z.object({
  id: generationIdSchema,
  createdAt: z.string(),
  text: z.string(),
  textSha256: z.string(),
  voiceId: z.string(),
  voiceName: z.string(),
  modelSha256: z.string().nullable(),
  params: speakParamsSchema,
  policy: z.object({
    decision: policyDecisionKindSchema,
    violations: z.array(policyViolationSchema),
    policyVersion: z.string(),
    policyHash: z.string(),
  }),
  watermark: z.object({ payload: generationIdSchema, keyId: z.string() }),
  audioSha256: z.string(),
  durationSec: z.number(),
  sampleRate: z.number().int(),
});
export type GenerationRecord = z.infer<typeof generationRecordSchema>;

export const usageEventSchema = z.object({
  id: z.number().int(),
  generationId: generationIdSchema.nullable(),
  kind: z.enum(['export', 'check', 'play']),
  at: z.string(),
  detail: z.record(z.string(), z.unknown()),
});
export type UsageEvent = z.infer<typeof usageEventSchema>;

export const historyListItemSchema = z.object({
  id: generationIdSchema,
  createdAt: z.string(),
  /** Voice id, as `voices list` and `speak` report it. */
  voice: z.string(),
  voiceName: z.string(),
  textPreview: z.string(),
  durationSec: z.number(),
  decision: policyDecisionKindSchema,
});
export type HistoryListItem = z.infer<typeof historyListItemSchema>;

/** Which kind of key a mark was read with: the studio's public key, or one of the user's private keys. */
export const watermarkKeyKindSchema = z.enum(['public', 'private']);
export type WatermarkKeyKind = z.infer<typeof watermarkKeyKindSchema>;

/** A private key's id: a label the user chose, or `private-<8 hex digits>`. Ids are public; secrets never leave main. */
export const watermarkKeyIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'expected 1–64 letters, digits, ".", "_" or "-"');

export const watermarkKeyInfoSchema = z.object({
  id: watermarkKeyIdSchema,
  createdAt: z.string(),
  /** The key that marks new clips (with the public key); older keys stay to read older clips. */
  active: z.boolean(),
});
export type WatermarkKeyInfo = z.infer<typeof watermarkKeyInfoSchema>;

export const watermarkMarkSchema = z.object({
  /**
   * 'decoded': read blind from the audio alone. 'verified': too short or too damaged to read blind,
   * but the whole pattern of one of this history's generations matched (docs/WATERMARK.md).
   */
  method: z.enum(['decoded', 'verified']),
  payload: generationIdSchema,
  keyId: z.string(),
  keyKind: watermarkKeyKindSchema,
  score: z.number(),
  falsePositiveProbability: z.number(),
  startSec: z.number(),
  endSec: z.number(),
});
export type WatermarkMark = z.infer<typeof watermarkMarkSchema>;

export const checkResultSchema = z.object({
  watermarked: z.boolean(),
  score: z.number(),
  falsePositiveProbability: z.number(),
  payload: generationIdSchema.nullable(),
  /** The key of the best mark. */
  keyId: z.string().nullable(),
  /** The id of a private key of this install that read a mark; null when only the public mark was found. */
  privateKeyId: z.string().nullable(),
  /**
   * Every distinct mark found, one per payload and key: a clip marked with a private key carries
   * the same payload under two keys; a file spliced from two generations has a mark per part.
   */
  marks: z.array(watermarkMarkSchema),
  generation: z
    .object({ id: generationIdSchema, createdAt: z.string(), voice: z.string(), text: z.string() })
    .nullable(),
  audio: z.object({ format: z.string(), durationSec: z.number(), sampleRate: z.number().int() }),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

export const speakResultSchema = z.object({
  id: generationIdSchema,
  voice: z.string(),
  sampleRate: z.number().int(),
  durationSec: z.number(),
  watermark: z.object({ payload: generationIdSchema }),
  policy: z.object({ decision: policyDecisionKindSchema, violations: z.array(policyViolationSchema) }),
  audioSha256: z.string(),
});
export type SpeakResult = z.infer<typeof speakResultSchema>;

export const settingsSchema = z.object({
  defaultVoiceId: z.string().nullable(),
  exportFormat: z.enum(['wav', 'mp3']),
  theme: z.enum(['system', 'light', 'dark']),
});
export type Settings = z.infer<typeof settingsSchema>;

export const speakProgressSchema = z.object({
  requestId: z.string(),
  sentenceIndex: z.number().int(),
  sentenceCount: z.number().int(),
});
export type SpeakProgress = z.infer<typeof speakProgressSchema>;
