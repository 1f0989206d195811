import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { RequestOf, ResponseOf, StudioApi } from '../../src-shared/contract';
import type { CheckResult, PolicyDecision, Settings, SpeakProgress, SpeakResult, WatermarkKeyKind } from '../../src-shared/domain';
import { StudioError } from '../../src-shared/errors';
import { LIMITS } from '../../src-shared/limits';
import { validateScript } from '../../src-shared/scriptText';
import { decodeAudioBytes, decodeAudioFile, encodeMp3, encodeWav } from './audio';
import { assertOutputFolderExists, sha256Hex, writeFileAtomic } from './files';
import { openHistory, type HistoryStore } from './history';
import { createKeyStore, type KeyStore } from './keystore';
import { silentLog, type LogSink } from './log';
import { evaluatePolicy, loadDefaultPolicy, type Policy } from './policy';
import { createSynthesizer, probePiperModel, type SynthesisTransport, type Synthesizer } from './tts';
import { createVoiceRegistry, type VoiceRegistry } from './voices';
import {
  WATERMARK_DETECTION_RATE,
  defaultWatermarkKey,
  detectWatermark,
  embedWatermark,
  type PcmClip,
  type WatermarkKey,
} from './watermark';

export interface StudioOptions {
  dataDir: string;
  /** Folder of the voices that ship with the app (models/ in a checkout). */
  modelsDir: string;
  /** Where synthesis and model probes run; default: worker thread / child process under Node. */
  synthesisTransportFactory?: () => SynthesisTransport;
  /**
   * Private keys given by the caller instead of the data folder's key store (tests, tools): the
   * first one marks new clips alongside the public key; all of them, and the stored keys, are
   * tried on a check. Normally absent: the keys come from `watermark-keys.json`.
   */
  watermarkKeys?: WatermarkKey[];
  log?: LogSink;
}

export interface Studio extends StudioApi {
  /** Where a generation's WAV lives; for the CLI only, never sent to the renderer. */
  generationAudioPath(id: string): string | null;
  onSpeakProgress(listener: (progress: SpeakProgress) => void): () => void;
  close(): Promise<void>;
}

const DEFAULT_SETTINGS: Settings = { defaultVoiceId: null, exportFormat: 'wav', theme: 'system' };

/**
 * Strength of each of the two marks on a clip that carries a private mark as well as the public
 * one: two marks at −3 dB add up to about the distortion of one at full strength.
 */
const SHARED_MARK_STRENGTH_DB = -3;

/**
 * Newest generations a check verifies a file against when nothing can be read blind. Each one
 * raises the verification threshold a little (ln N); a check with 20,000 ids costs ≈ 0.5–1 s more
 * when nothing can be read blind.
 */
const VERIFIED_HISTORY_LIMIT = 20_000;

/** The keys one speak or check uses, read fresh each time so the CLI and the app see each other's changes. */
interface WatermarkKeysInUse {
  /** Marks new clips together with the public key; null: the public mark alone, at full strength. */
  signingPrivate: WatermarkKey | null;
  /** The public key first, then every private key. */
  detection: WatermarkKey[];
}

/**
 * The one pipeline of the product, composed from the core parts:
 *   text → limits → policy → synthesis → watermark → encode → history
 *   file → decode → detect → payload → lookup
 * Every front end (Electron, CLI, browser test host) calls this and nothing below it.
 */
export async function createStudio(options: StudioOptions): Promise<Studio> {
  mkdirSync(options.dataDir, { recursive: true });
  const log = options.log ?? silentLog;
  const history: HistoryStore = openHistory(options.dataDir);
  const policy: Policy = loadDefaultPolicy();
  const transportFactory = options.synthesisTransportFactory;
  const voices: VoiceRegistry = createVoiceRegistry({
    modelsDir: options.modelsDir,
    userVoicesDir: join(options.dataDir, 'voices'),
    // Imported models are first loaded in a fresh, separate process of the same kind as synthesis.
    probeModel: transportFactory ? (request) => probePiperModel(request, { transportFactory }) : undefined,
  });
  const synthesizer: Synthesizer = createSynthesizer({ transportFactory });
  const publicKey = defaultWatermarkKey();
  const keyStore: KeyStore = createKeyStore({ dataDir: options.dataDir, reservedIds: [publicKey.id] });
  const givenPrivateKeys = (options.watermarkKeys ?? []).filter((key) => key.id !== publicKey.id);
  const progressListeners = new Set<(progress: SpeakProgress) => void>();
  const inFlight = new Map<string, AbortController>();

  function settings(): Settings {
    return { ...DEFAULT_SETTINGS, ...history.getSettings() };
  }

  function evaluate(text: string): PolicyDecision {
    return evaluatePolicy(text, policy);
  }

  /** Throws WATERMARK_KEYS_INVALID for a damaged key store: a clip must never silently lose its private mark. */
  function watermarkKeysInUse(): WatermarkKeysInUse {
    const stored = keyStore.watermarkKeys();
    return {
      signingPrivate: options.watermarkKeys ? (givenPrivateKeys[0] ?? null) : stored.active,
      detection: uniqueKeys([publicKey, ...givenPrivateKeys, ...stored.all]),
    };
  }

  function markClip(clip: PcmClip, payload: string, privateKey: WatermarkKey | null): PcmClip {
    if (!privateKey) return embedWatermark(clip, payload, publicKey);
    const publicMarked = embedWatermark(clip, payload, publicKey, { strengthDb: SHARED_MARK_STRENGTH_DB });
    return embedWatermark(publicMarked, payload, privateKey, { strengthDb: SHARED_MARK_STRENGTH_DB });
  }

  async function speak(request: RequestOf<'speak'>): Promise<SpeakResult> {
    const requestId = request.requestId ?? randomBytes(8).toString('hex');
    // Registered before the first await, so a cancel that arrives at any point is honoured.
    const abort = new AbortController();
    inFlight.set(requestId, abort);
    try {
      return await runSpeak(request, requestId, abort.signal);
    } finally {
      inFlight.delete(requestId);
    }
  }

  async function runSpeak(request: RequestOf<'speak'>, requestId: string, signal: AbortSignal): Promise<SpeakResult> {
    const started = Date.now();
    const text = validateScript(request.text);
    const decision = evaluate(text);
    if (decision.decision === 'block') {
      history.recordBlockedAttempt({
        at: new Date().toISOString(),
        textSha256: sha256Hex(text),
        voiceId: request.voiceId ?? null,
        ruleIds: decision.violations.map((v) => v.ruleId),
        categories: [...new Set(decision.violations.map((v) => v.category))],
        policyHash: decision.policyHash,
        policyVersion: decision.policyVersion,
      });
      log('info', 'speak.blocked', { rules: decision.violations.length });
      throw new StudioError('POLICY_BLOCKED', { details: policyDetails(decision) });
    }
    if (decision.decision === 'warn' && !request.acceptWarnings) {
      throw new StudioError('POLICY_CONFIRMATION_REQUIRED', { details: policyDetails(decision) });
    }

    // Before synthesis: a damaged key store fails the request before any work is done.
    const keys = watermarkKeysInUse();
    const voice = await voices.resolve(request.voiceId ?? settings().defaultVoiceId ?? undefined);
    const speed = request.speed ?? LIMITS.speed.default;
    if (signal.aborted) throw new StudioError('CANCELLED');
    const clip = await synthesizer.synthesize(voice, text, {
      speed,
      signal,
      onSentence: ({ index, count }) => {
        for (const listener of progressListeners) listener({ requestId, sentenceIndex: index, sentenceCount: count });
      },
    });
    if (signal.aborted) throw new StudioError('CANCELLED');

    const id = newGenerationId(history);
    const marked = markClip(clip, id, keys.signingPrivate);
    const markedWith = keys.signingPrivate ? [publicKey.id, keys.signingPrivate.id] : [publicKey.id];
    const wav = encodeWav(marked);
    const record = history.saveGeneration(
      {
        id,
        createdAt: new Date().toISOString(),
        text,
        voiceId: voice.info.id,
        voiceName: voice.info.name,
        modelSha256: voice.engine === 'piper-onnx' ? voice.modelSha256 : null,
        params: { speed },
        policy: {
          decision: decision.decision,
          violations: decision.violations,
          policyVersion: decision.policyVersion,
          policyHash: decision.policyHash,
        },
        // Every key the clip is marked with, joined by "+" (which no key id contains).
        watermark: { payload: id, keyId: markedWith.join('+') },
        durationSec: marked.samples.length / marked.sampleRate,
        sampleRate: marked.sampleRate,
      },
      wav,
    );
    log('info', 'speak.done', {
      voice: voice.info.id,
      durationSec: round(record.durationSec),
      privateMark: keys.signingPrivate !== null,
      elapsedMs: Date.now() - started,
    });
    return {
      id: record.id,
      voice: record.voiceId,
      sampleRate: record.sampleRate,
      durationSec: record.durationSec,
      watermark: { payload: record.watermark.payload },
      policy: { decision: decision.decision, violations: decision.violations },
      audioSha256: record.audioSha256,
    };
  }

  async function check(request: RequestOf<'check'>): Promise<CheckResult> {
    const started = Date.now();
    const keys = watermarkKeysInUse();
    const decoded = await decodeAudioFile(request.path, {
      targetSampleRate: WATERMARK_DETECTION_RATE,
      maxBytes: LIMITS.maxCheckFileBytes,
      maxDurationSec: LIMITS.maxCheckAudioSec,
    });
    // this install's own generations can be traced even when their mark is too weak to read blind
    const detection = detectWatermark(decoded.clip, keys.detection, { knownPayloads: history.recentIds(VERIFIED_HISTORY_LIMIT) });
    const keyKindOf = (keyId: string): WatermarkKeyKind => (keyId === publicKey.id ? 'public' : 'private');
    const privateMark = detection.marks.find((mark) => keyKindOf(mark.keyId) === 'private') ?? null;
    const found = detection.payload ? history.get(detection.payload) : null;
    history.addUsageEvent('check', found ? found.record.id : null, {
      watermarked: detection.watermarked,
      score: round(detection.score),
      format: decoded.format,
      marks: detection.marks.length,
    });
    log('info', 'check.done', {
      format: decoded.format,
      watermarked: detection.watermarked,
      privateMark: privateMark !== null,
      known: Boolean(found),
      elapsedMs: Date.now() - started,
    });
    return {
      watermarked: detection.watermarked,
      score: detection.score,
      falsePositiveProbability: detection.falsePositiveProbability,
      payload: detection.payload,
      keyId: detection.keyId,
      privateKeyId: privateMark?.keyId ?? null,
      marks: detection.marks.map((mark) => ({
        method: mark.method,
        payload: mark.payload,
        keyId: mark.keyId,
        keyKind: keyKindOf(mark.keyId),
        score: mark.score,
        falsePositiveProbability: mark.falsePositiveProbability,
        startSec: mark.startSec,
        endSec: mark.endSec,
      })),
      generation: found
        ? {
            id: found.record.id,
            createdAt: found.record.createdAt,
            voice: found.record.voiceId,
            text: found.record.text,
          }
        : null,
      audio: { format: decoded.format, durationSec: decoded.durationSec, sampleRate: decoded.sourceSampleRate },
    };
  }

  function requireGeneration(id: string) {
    const found = history.get(id);
    if (!found) throw new StudioError('HISTORY_NOT_FOUND');
    return found;
  }

  function requireAudio(id: string): Uint8Array {
    requireGeneration(id);
    const wav = history.readAudio(id);
    if (!wav) throw new StudioError('HISTORY_NOT_FOUND');
    return wav;
  }

  async function historyExport(request: RequestOf<'historyExport'>): Promise<ResponseOf<'historyExport'>> {
    const format = exportFormatOf(request.path);
    const wav = requireAudio(request.id);
    assertOutputFolderExists(request.path);
    const bytes = format === 'wav' ? wav : encodeMp3((await decodeAudioBytes(wav)).clip, { kbps: 128 });
    writeFileAtomic(request.path, bytes);
    history.addUsageEvent('export', request.id, { format, bytes: bytes.length });
    return { bytes: bytes.length, format };
  }

  const studio: Studio = {
    speak,
    check,
    async cancelSpeak({ requestId }) {
      const controller = inFlight.get(requestId);
      controller?.abort();
      return { cancelled: Boolean(controller) };
    },
    async historyList(request) {
      return history.list(request);
    },
    async historyShow({ id }) {
      return requireGeneration(id);
    },
    async historyDelete({ id }) {
      if (!history.delete(id)) throw new StudioError('HISTORY_NOT_FOUND');
      return { deleted: true };
    },
    historyExport,
    async historyAudio({ id }) {
      return { mime: 'audio/wav', bytes: requireAudio(id) };
    },
    async voicesList() {
      const defaultId = settings().defaultVoiceId;
      const list = await voices.list();
      if (!defaultId || !list.some((voice) => voice.id === defaultId)) return { voices: list };
      return { voices: list.map((voice) => ({ ...voice, default: voice.id === defaultId })) };
    },
    async voicesImport({ modelPath, configPath }) {
      return { voice: await voices.importVoice(modelPath, configPath) };
    },
    async policyEvaluate({ text }) {
      return evaluate(validateScript(text));
    },
    async settingsGet() {
      return { settings: settings(), dataDir: options.dataDir };
    },
    async settingsSet({ settings: patch }) {
      if (patch.defaultVoiceId) await voices.resolve(patch.defaultVoiceId);
      history.saveSettings(patch);
      return { settings: settings() };
    },
    async watermarkKeysList() {
      return { keys: keyStore.list() };
    },
    async watermarkKeyCreate({ id }) {
      const key = keyStore.create(id);
      log('info', 'keys.created', { customId: id !== undefined });
      return { key };
    },
    async watermarkKeyExport({ id, path }) {
      const key = keyStore.exportKey(id, path);
      log('info', 'keys.exported', {});
      return { key };
    },
    async watermarkKeyImport({ path }) {
      const key = keyStore.importKey(path);
      log('info', 'keys.imported', {});
      return { key };
    },
    generationAudioPath(id) {
      return history.audioPath(id);
    },
    onSpeakProgress(listener) {
      progressListeners.add(listener);
      return () => progressListeners.delete(listener);
    },
    async close() {
      for (const controller of inFlight.values()) controller.abort();
      await synthesizer.close();
      history.close();
    },
  };
  return studio;
}

function policyDetails(decision: PolicyDecision): Record<string, unknown> {
  return {
    decision: decision.decision,
    policyVersion: decision.policyVersion,
    violations: decision.violations.map(({ ruleId, category, severity, start, end, explanation }) => ({
      ruleId,
      category,
      severity,
      start,
      end,
      explanation,
    })),
  };
}

function exportFormatOf(path: string): 'wav' | 'mp3' {
  const extension = extname(path).toLowerCase();
  if (extension === '.wav') return 'wav';
  if (extension === '.mp3') return 'mp3';
  throw new StudioError('OUTPUT_FORMAT_UNSUPPORTED');
}

/** The generation id is the 64-bit watermark payload: random, and unique in this history. */
function newGenerationId(history: HistoryStore): string {
  for (;;) {
    const id = randomBytes(8).toString('hex');
    if (!history.get(id)) return id;
  }
}

function uniqueKeys(keys: WatermarkKey[]): WatermarkKey[] {
  const seen = new Set<string>();
  return keys.filter((key) => !seen.has(key.id) && seen.add(key.id));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
