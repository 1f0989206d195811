import type { GenerationRecord, HistoryListItem, PolicyDecisionKind } from '../../../src-shared/domain';

/** A `generations` row as SQLite returns it (and as the insert statement binds it). */
export interface GenerationRow {
  id: string;
  created_at: string;
  text: string;
  text_sha256: string;
  voice_id: string;
  voice_name: string;
  model_sha256: string | null;
  params: string;
  policy_decision: string;
  policy_violations: string;
  policy_version: string;
  policy_hash: string;
  watermark_payload: string;
  watermark_key_id: string;
  audio_sha256: string;
  audio_file: string;
  duration_sec: number;
  sample_rate: number;
}

export interface ListItemRow {
  id: string;
  created_at: string;
  voice_id: string;
  voice_name: string;
  preview: string;
  duration_sec: number;
  policy_decision: string;
}

export const INSERT_GENERATION_SQL = `
  INSERT INTO generations (
    id, created_at, text, text_sha256, voice_id, voice_name, model_sha256, params,
    policy_decision, policy_violations, policy_version, policy_hash,
    watermark_payload, watermark_key_id, audio_sha256, audio_file, duration_sec, sample_rate
  ) VALUES (
    @id, @created_at, @text, @text_sha256, @voice_id, @voice_name, @model_sha256, @params,
    @policy_decision, @policy_violations, @policy_version, @policy_hash,
    @watermark_payload, @watermark_key_id, @audio_sha256, @audio_file, @duration_sec, @sample_rate
  )`;

/** Characters of text the list query fetches; the preview is cut from these. */
export const PREVIEW_SOURCE_CHARS = 240;
const PREVIEW_CHARS = 140;

export function recordToRow(record: GenerationRecord, audioFile: string): GenerationRow {
  return {
    id: record.id,
    created_at: record.createdAt,
    text: record.text,
    text_sha256: record.textSha256,
    voice_id: record.voiceId,
    voice_name: record.voiceName,
    model_sha256: record.modelSha256,
    params: JSON.stringify(record.params),
    policy_decision: record.policy.decision,
    policy_violations: JSON.stringify(record.policy.violations),
    policy_version: record.policy.policyVersion,
    policy_hash: record.policy.policyHash,
    watermark_payload: record.watermark.payload,
    watermark_key_id: record.watermark.keyId,
    audio_sha256: record.audioSha256,
    audio_file: audioFile,
    duration_sec: record.durationSec,
    sample_rate: record.sampleRate,
  };
}

export function rowToRecord(row: GenerationRow): GenerationRecord {
  return {
    id: row.id,
    createdAt: row.created_at,
    text: row.text,
    textSha256: row.text_sha256,
    voiceId: row.voice_id,
    voiceName: row.voice_name,
    modelSha256: row.model_sha256,
    params: JSON.parse(row.params),
    policy: {
      decision: row.policy_decision as PolicyDecisionKind,
      violations: JSON.parse(row.policy_violations),
      policyVersion: row.policy_version,
      policyHash: row.policy_hash,
    },
    watermark: { payload: row.watermark_payload, keyId: row.watermark_key_id },
    audioSha256: row.audio_sha256,
    durationSec: row.duration_sec,
    sampleRate: row.sample_rate,
  };
}

export function rowToListItem(row: ListItemRow): HistoryListItem {
  return {
    id: row.id,
    createdAt: row.created_at,
    voice: row.voice_id,
    voiceName: row.voice_name,
    textPreview: previewOf(row.preview),
    durationSec: row.duration_sec,
    decision: row.policy_decision as PolicyDecisionKind,
  };
}

/** One line, cut on a code-point boundary so no surrogate pair is split. */
export function previewOf(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const codePoints = Array.from(oneLine);
  return codePoints.length <= PREVIEW_CHARS ? oneLine : `${codePoints.slice(0, PREVIEW_CHARS).join('')}…`;
}
