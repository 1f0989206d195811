import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { VoiceInfo } from '../../../src-shared/domain';
import { StudioError } from '../../../src-shared/errors';
import { probePiperModel, type ProbeRequest } from '../tts';
import { BUILTIN_VOICES, ESPEAK_DEFAULT_VOICE_ID, builtinVoiceInfo } from './builtinVoices';
import { VOICE_ID_PATTERN } from './constants';
import { FileHasher, checkVoiceFiles, type FileIntegrity } from './integrity';
import { parsePiperConfig } from './piperConfig';
import { removeVoiceFiles, stageVoice, removeStagingLeftovers } from './stagedImport';
import { loadBundledManifest, loadUserIndex, saveUserIndex } from './stores';
import type { ResolvedVoice, VoiceRegistry } from './types';
import type { BundledVoice, ImportedVoice } from './voiceRecords';

export interface VoiceRegistryOptions {
  /** Folder with manifest.json and the bundled voices' files. */
  modelsDir: string;
  /** <dataDir>/voices: imported voices and their index.json. */
  userVoicesDir: string;
  /** How an imported model is proven loadable; default: an isolated child process. */
  probeModel?: (request: ProbeRequest) => Promise<void>;
}

const IMPORTED_LICENCE = 'Unknown (imported by the user)';

type PiperEntry = { kind: 'bundled'; record: BundledVoice; dir: string } | { kind: 'imported'; record: ImportedVoice; dir: string };

/**
 * The catalogue: eSpeak NG voices built in, Piper voices shipped in models/ and Piper voices the
 * user imported. Every `resolve` re-hashes the voice's files in full; `list` reuses hashes while
 * the files' stat is unchanged (see FileHasher).
 */
export function createVoiceRegistry(options: VoiceRegistryOptions): VoiceRegistry {
  const manifest = loadBundledManifest(options.modelsDir);
  removeStagingLeftovers(options.userVoicesDir);
  const hasher = new FileHasher();
  const probe = options.probeModel ?? ((request: ProbeRequest) => probePiperModel(request));
  let importChain: Promise<unknown> = Promise.resolve();

  const bundledDefault = manifest.voices.find((voice) => voice.default);
  const defaultId =
    bundledDefault && existsSync(join(options.modelsDir, bundledDefault.files.model)) ? bundledDefault.id : ESPEAK_DEFAULT_VOICE_ID;

  const paths = (entry: PiperEntry) => ({ model: join(entry.dir, entry.record.files.model), config: join(entry.dir, entry.record.files.config) });

  function piperInfo(entry: PiperEntry, integrity: FileIntegrity, sampleRate = entry.record.sampleRate): VoiceInfo {
    return {
      id: entry.record.id,
      name: entry.record.name,
      engine: 'piper-onnx',
      language: entry.record.language,
      sampleRate,
      default: entry.record.id === defaultId,
      source: entry.kind,
      licence: entry.kind === 'bundled' ? entry.record.licence : entry.record.licence || IMPORTED_LICENCE,
      integrity,
      sha256: entry.record.sha256.model,
    };
  }

  async function piperEntries(): Promise<PiperEntry[]> {
    const { index } = await loadUserIndex(options.userVoicesDir);
    const bundledIds = new Set(manifest.voices.map((voice) => voice.id));
    return [
      ...manifest.voices.map((record): PiperEntry => ({ kind: 'bundled', record, dir: options.modelsDir })),
      ...index.voices
        .filter((record) => !bundledIds.has(record.id) && !record.id.startsWith('espeak-'))
        .map((record): PiperEntry => ({ kind: 'imported', record, dir: options.userVoicesDir })),
    ];
  }

  async function resolvePiper(entry: PiperEntry): Promise<ResolvedVoice> {
    const files = paths(entry);
    const integrity = await checkVoiceFiles((path) => hasher.hashNow(path), files, entry.record.sha256);
    if (integrity !== 'ok') throw new StudioError('VOICE_INTEGRITY_FAILED', { details: { voiceId: entry.record.id, integrity } });
    const config = parsePiperConfig(await readFile(files.config, 'utf8'));
    return {
      info: piperInfo(entry, 'ok', config.audio.sample_rate),
      engine: 'piper-onnx',
      modelPath: files.model,
      config,
      modelSha256: entry.record.sha256.model,
    };
  }

  async function importVoice(modelPath: string, configPath = `${modelPath}.json`): Promise<VoiceInfo> {
    mkdirSync(options.userVoicesDir, { recursive: true });
    const loaded = await loadUserIndex(options.userVoicesDir);
    const staged = await stageVoice(modelPath, configPath, options.userVoicesDir);
    try {
      const entries = await piperEntries();
      if (entries.some((entry) => entry.record.sha256.model === staged.sha256.model)) throw new StudioError('VOICE_ALREADY_INSTALLED');
      await probe({
        modelPath: staged.stagedModelPath,
        modelSha256: staged.sha256.model,
        phonemeIdMap: staged.config.phoneme_id_map,
        numSpeakers: staged.config.num_speakers,
        espeakVoice: staged.config.espeak.voice,
      });
      const taken = new Set([...BUILTIN_VOICES.map((voice) => voice.id), ...entries.map((entry) => entry.record.id)]);
      const id = chooseVoiceId(modelPath, staged.sha256.model, taken);
      const record: ImportedVoice = {
        id,
        name: voiceName(staged.config, modelPath),
        language: voiceLanguage(staged.config),
        sampleRate: staged.config.audio.sample_rate,
        files: { model: `${id}.onnx`, config: `${id}.onnx.json` },
        sha256: staged.sha256,
        licence: IMPORTED_LICENCE,
        importedAt: new Date().toISOString(),
      };
      await staged.commit(record.files);
      try {
        saveUserIndex(options.userVoicesDir, { version: 1, voices: [...loaded.index.voices, record] }, loaded.unreadable);
      } catch (error) {
        await removeVoiceFiles(options.userVoicesDir, record.files);
        throw error;
      }
      return piperInfo({ kind: 'imported', record, dir: options.userVoicesDir }, 'ok');
    } finally {
      staged.discard();
    }
  }

  return {
    defaultVoiceId: () => defaultId,

    async list() {
      const piper = await Promise.all(
        (await piperEntries()).map(async (entry) =>
          piperInfo(entry, await checkVoiceFiles((path) => hasher.hashCached(path), paths(entry), entry.record.sha256)),
        ),
      );
      const builtin = BUILTIN_VOICES.map((voice) => builtinVoiceInfo(voice, voice.id === defaultId));
      return [...piper.filter((v) => v.source === 'bundled'), ...builtin, ...piper.filter((v) => v.source === 'imported')];
    },

    async resolve(id = defaultId) {
      const builtin = BUILTIN_VOICES.find((voice) => voice.id === id);
      if (builtin) return { info: builtinVoiceInfo(builtin, builtin.id === defaultId), engine: 'espeak-ng', espeakVoice: builtin.espeakVoice };
      const entry = (await piperEntries()).find((candidate) => candidate.record.id === id);
      if (!entry) throw new StudioError('VOICE_NOT_FOUND');
      return resolvePiper(entry);
    },

    importVoice(modelPath, configPath) {
      // One import at a time: each reads, extends and rewrites the index.
      const run = importChain.then(() => importVoice(modelPath, configPath));
      importChain = run.catch(() => undefined);
      return run;
    },
  };
}

/** From the model's file name ("en_US-lessac-medium.onnx" → "en_us-lessac-medium"), made unique. */
function chooseVoiceId(modelPath: string, modelSha256: string, taken: Set<string>): string {
  let base = basename(modelPath)
    .replace(/\.onnx$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 48);
  if (base === '' || base.startsWith('espeak-')) base = `imported-${base}`.replace(/-$/, '');
  for (const candidate of [base, `${base}-${modelSha256.slice(0, 8)}`, `${base}-${modelSha256.slice(0, 16)}`]) {
    if (VOICE_ID_PATTERN.test(candidate) && !taken.has(candidate)) return candidate;
  }
  throw new StudioError('VOICE_ALREADY_INSTALLED');
}

function voiceName(config: ReturnType<typeof parsePiperConfig>, modelPath: string): string {
  const language = config.language?.name_english ?? config.language?.code;
  const dataset = config.dataset ? config.dataset.charAt(0).toUpperCase() + config.dataset.slice(1) : basename(modelPath).replace(/\.onnx$/i, '');
  return (language ? `${dataset} (${language})` : dataset).slice(0, 200);
}

function voiceLanguage(config: ReturnType<typeof parsePiperConfig>): string {
  return (config.language?.code ?? config.espeak.voice).replace('_', '-').slice(0, 64);
}
