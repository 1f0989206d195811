import type { OperationName, RequestOf, StudioApi } from '../../../src-shared/contract';
import type { GenerationRecord } from '../../../src-shared/domain';
import { StudioError } from '../../../src-shared/errors';

/**
 * An in-memory StudioApi for the router's unit tests only: it records every call so a test can
 * prove that a refused message never reached the core. The browser e2e uses the real core.
 */
export interface FakeStudio extends StudioApi {
  calls: Array<{ operation: OperationName; request: unknown }>;
}

export const FAKE_ID = '0123456789abcdef';
export const FAKE_KEY_ID = 'private-0a1b2c3d';
export const FAKE_KEY_SECRET = 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=';
const HASH = 'a'.repeat(64);

export const fakeRecord: GenerationRecord = {
  id: FAKE_ID,
  createdAt: '2025-01-01T00:00:00.000Z',
  text: 'Hello there.',
  textSha256: HASH,
  voiceId: 'espeak-en',
  voiceName: 'eSpeak English',
  modelSha256: null,
  params: { speed: 1 },
  policy: { decision: 'allow', violations: [], policyVersion: '1', policyHash: HASH },
  watermark: { payload: FAKE_ID, keyId: 'k1' },
  audioSha256: HASH,
  durationSec: 1.5,
  sampleRate: 22050,
};

export function createFakeStudio(): FakeStudio {
  const calls: FakeStudio['calls'] = [];
  const known = new Set([FAKE_ID]);
  const keys: Array<{ id: string; createdAt: string; active: boolean }> = [];
  function record<K extends OperationName>(operation: K, request: RequestOf<K>): void {
    calls.push({ operation, request });
  }
  function requireKnown(id: string): void {
    if (!known.has(id)) throw new StudioError('HISTORY_NOT_FOUND');
  }
  return {
    calls,
    async speak(request) {
      record('speak', request);
      return {
        id: FAKE_ID,
        voice: 'espeak-en',
        sampleRate: 22050,
        durationSec: 1.5,
        watermark: { payload: FAKE_ID },
        policy: { decision: 'allow', violations: [] },
        audioSha256: HASH,
      };
    },
    async cancelSpeak(request) {
      record('cancelSpeak', request);
      return { cancelled: false };
    },
    async check(request) {
      record('check', request);
      return {
        watermarked: false,
        score: 0.1,
        falsePositiveProbability: 0.5,
        payload: null,
        keyId: null,
        privateKeyId: null,
        marks: [],
        generation: null,
        audio: { format: 'wav', durationSec: 1, sampleRate: 16000 },
      };
    },
    async historyList(request) {
      record('historyList', request);
      return { items: [], total: 0 };
    },
    async historyShow(request) {
      record('historyShow', request);
      requireKnown(request.id);
      return { record: fakeRecord, events: [] };
    },
    async historyDelete(request) {
      record('historyDelete', request);
      requireKnown(request.id);
      known.delete(request.id);
      return { deleted: true };
    },
    async historyExport(request) {
      record('historyExport', request);
      requireKnown(request.id);
      return { bytes: 44, format: request.path.endsWith('.mp3') ? 'mp3' : 'wav' };
    },
    async historyAudio(request) {
      record('historyAudio', request);
      requireKnown(request.id);
      return { mime: 'audio/wav', bytes: new Uint8Array(44) };
    },
    async voicesList(request) {
      record('voicesList', request);
      return { voices: [] };
    },
    async voicesImport(request) {
      record('voicesImport', request);
      throw new StudioError('VOICE_INVALID');
    },
    async policyEvaluate(request) {
      record('policyEvaluate', request);
      return { decision: 'allow', violations: [], policyVersion: '1', policyHash: HASH };
    },
    async settingsGet(request) {
      record('settingsGet', request);
      return { settings: { defaultVoiceId: null, exportFormat: 'wav', theme: 'system' }, dataDir: '/data' };
    },
    async settingsSet(request) {
      record('settingsSet', request);
      return { settings: { defaultVoiceId: null, exportFormat: 'wav', theme: 'system' } };
    },
    async watermarkKeysList(request) {
      record('watermarkKeysList', request);
      return { keys: [...keys] };
    },
    async watermarkKeyCreate(request) {
      record('watermarkKeyCreate', request);
      for (const key of keys) key.active = false;
      const key = { id: request.id ?? FAKE_KEY_ID, createdAt: '2025-01-02T00:00:00.000Z', active: true };
      keys.push(key);
      // A core that leaked its secret: the router's response schema must strip it.
      return { key: { ...key, secret: FAKE_KEY_SECRET } } as { key: typeof key };
    },
    async watermarkKeyExport(request) {
      record('watermarkKeyExport', request);
      throw new StudioError('WATERMARK_KEY_NOT_FOUND');
    },
    async watermarkKeyImport(request) {
      record('watermarkKeyImport', request);
      throw new StudioError('WATERMARK_KEY_FILE_INVALID');
    },
  };
}
