import { generationRecordSchema, type GenerationRecord } from '../../../src-shared/domain';
import { StudioError } from '../../../src-shared/errors';
import { sha256Hex } from '../files';
import { normalizeInstant } from './instant';
import type { NewGeneration } from './types';

/**
 * Builds the record to store, computing both hashes, and refuses malformed input before anything
 * touches the disk. The id names the audio file, so its shape is checked here, not trusted.
 */
export function buildGenerationRecord(input: NewGeneration, wavBytes: Uint8Array): GenerationRecord {
  if (!isWav(wavBytes)) throw invalid('audio_not_wav');
  const createdAt = normalizeInstant(input.createdAt);
  if (createdAt === null) throw invalid('created_at_not_iso');
  const candidate: GenerationRecord = {
    id: input.id,
    createdAt,
    text: input.text,
    textSha256: sha256Hex(input.text),
    voiceId: input.voiceId,
    voiceName: input.voiceName,
    modelSha256: input.modelSha256,
    params: { speed: input.params?.speed },
    policy: {
      decision: input.policy?.decision,
      violations: input.policy?.violations,
      policyVersion: input.policy?.policyVersion,
      policyHash: input.policy?.policyHash,
    },
    watermark: { payload: input.watermark?.payload, keyId: input.watermark?.keyId },
    audioSha256: sha256Hex(wavBytes),
    durationSec: input.durationSec,
    sampleRate: input.sampleRate,
  };
  const parsed = generationRecordSchema.safeParse(candidate);
  if (!parsed.success) {
    throw invalid('record_schema', { fields: parsed.error.issues.map((issue) => issue.path.join('.')) });
  }
  const record = parsed.data;
  if (record.watermark.payload !== record.id) throw invalid('watermark_payload_differs_from_id');
  if (record.durationSec < 0) throw invalid('negative_duration');
  if (record.sampleRate <= 0) throw invalid('non_positive_sample_rate');
  return record;
}

function isWav(bytes: Uint8Array): boolean {
  if (!(bytes instanceof Uint8Array) || bytes.length < 12) return false;
  const ascii = (start: number) => String.fromCharCode(...bytes.subarray(start, start + 4));
  return ascii(0) === 'RIFF' && ascii(8) === 'WAVE';
}

function invalid(reason: string, extra: Record<string, unknown> = {}): StudioError {
  return new StudioError('INVALID_REQUEST', { details: { reason, ...extra } });
}
