import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWav } from '../audio';
import type { NewGeneration } from './types';

/** A real 16-bit mono PCM WAV: a short tone whose frequency makes each clip's bytes distinct. */
export function makeWav(frequencyHz = 440, sampleRate = 16_000, samples = 800): Uint8Array {
  const tone = new Float32Array(samples);
  // Whole 16-bit steps, so the undithered encoder writes each one back exactly.
  for (let i = 0; i < samples; i++) tone[i] = Math.round(8_000 * Math.sin((2 * Math.PI * frequencyHz * i) / sampleRate)) / 32_768;
  return encodeWav({ samples: tone, sampleRate }, { bitDepth: 16, dither: false });
}

export function newGenerationId(): string {
  return randomBytes(8).toString('hex');
}

export function newGeneration(overrides: Partial<NewGeneration> = {}): NewGeneration {
  const id = overrides.id ?? newGenerationId();
  return {
    id,
    createdAt: '2025-03-01T10:00:00.000Z',
    text: 'The quick brown fox jumps over the lazy dog.',
    voiceId: 'en_US-test-medium',
    voiceName: 'Test Voice',
    modelSha256: 'a'.repeat(64),
    params: { speed: 1 },
    policy: { decision: 'allow', violations: [], policyVersion: '2025.1', policyHash: 'b'.repeat(64) },
    watermark: { payload: id, keyId: 'key-1' },
    durationSec: 0.05,
    sampleRate: 16_000,
    ...overrides,
  };
}

export function makeTempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'vm-history-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Collects log calls so tests can assert codes and that no text leaks into fields. */
export function recordingLogger(): {
  log: (code: string, fields?: Record<string, string | number | boolean>) => void;
  entries: Array<{ code: string; fields?: Record<string, string | number | boolean> }>;
} {
  const entries: Array<{ code: string; fields?: Record<string, string | number | boolean> }> = [];
  return { log: (code, fields) => entries.push({ code, fields }), entries };
}
