import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { open, readFile, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { LIMITS } from '../../../src-shared/limits';
import { StudioError } from '../../../src-shared/errors';
import { TEMP_FILE_PREFIX, assertReadableInputFile, sha256Hex } from '../files';
import { parsePiperConfig, type PiperVoiceConfig } from './piperConfig';

/**
 * A voice being imported: both files copied into a hidden staging folder inside the user's
 * voices folder (same file system, so the final move is a rename) and hashed from the bytes
 * actually written. Nothing becomes visible until `commit`; `discard` removes every trace, and a
 * crash leaves only a `.tmp-` folder that start-up cleaning removes.
 */
export interface StagedVoice {
  config: PiperVoiceConfig;
  sha256: { model: string; config: string };
  /** The staged model: probe this copy, not the source, which could change meanwhile. */
  stagedModelPath: string;
  commit(files: { model: string; config: string }): Promise<void>;
  discard(): void;
}

export async function stageVoice(modelPath: string, configPath: string, userVoicesDir: string): Promise<StagedVoice> {
  assertReadableInputFile(modelPath, LIMITS.maxVoiceModelBytes);
  assertReadableInputFile(configPath, LIMITS.maxVoiceConfigBytes);

  const configBytes = await readSmallFile(configPath, LIMITS.maxVoiceConfigBytes);
  let configText: string;
  try {
    configText = new TextDecoder('utf-8', { fatal: true }).decode(configBytes);
  } catch (error) {
    throw new StudioError('VOICE_INVALID', { cause: error, details: { reason: 'config is not UTF-8 text' } });
  }
  const config = parsePiperConfig(configText);

  const staging = mkdtempSync(join(userVoicesDir, `${TEMP_FILE_PREFIX}import-`));
  const stagedModelPath = join(staging, 'model.onnx');
  const stagedConfigPath = join(staging, 'model.onnx.json');
  const discard = (): void => rmSync(staging, { recursive: true, force: true });
  try {
    const modelSha256 = await copyAndHash(modelPath, stagedModelPath, LIMITS.maxVoiceModelBytes);
    await writeDurably(stagedConfigPath, configBytes);
    return {
      config,
      sha256: { model: modelSha256, config: sha256Hex(configBytes) },
      stagedModelPath,
      async commit(files) {
        const modelTarget = join(userVoicesDir, basename(files.model));
        const configTarget = join(userVoicesDir, basename(files.config));
        await rename(stagedConfigPath, configTarget);
        try {
          await rename(stagedModelPath, modelTarget);
        } catch (error) {
          await rm(configTarget, { force: true });
          throw error;
        }
      },
      discard,
    };
  } catch (error) {
    discard();
    throw error;
  }
}

/** Removes committed voice files (when recording them in the index failed). */
export async function removeVoiceFiles(userVoicesDir: string, files: { model: string; config: string }): Promise<void> {
  await rm(join(userVoicesDir, basename(files.model)), { force: true });
  await rm(join(userVoicesDir, basename(files.config)), { force: true });
}

async function readSmallFile(path: string, maxBytes: number): Promise<Buffer> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new StudioError('FILE_UNREADABLE', { cause: error });
  }
  if (bytes.length > maxBytes) throw new StudioError('FILE_TOO_LARGE', { details: { maxBytes } });
  return bytes;
}

/** Streams source → destination, hashing the bytes written; enforces the size limit as it goes. */
async function copyAndHash(source: string, destination: string, maxBytes: number): Promise<string> {
  const hash = createHash('sha256');
  let input;
  try {
    input = await open(source, 'r');
  } catch (error) {
    throw new StudioError('FILE_UNREADABLE', { cause: error });
  }
  const output = await open(destination, 'wx', 0o600);
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    let total = 0;
    for (;;) {
      let bytesRead: number;
      try {
        ({ bytesRead } = await input.read(buffer, 0, buffer.length, null));
      } catch (error) {
        throw new StudioError('FILE_UNREADABLE', { cause: error });
      }
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw new StudioError('FILE_TOO_LARGE', { details: { maxBytes } });
      const chunk = buffer.subarray(0, bytesRead);
      hash.update(chunk);
      for (let offset = 0; offset < chunk.length; ) offset += (await output.write(chunk, offset, chunk.length - offset)).bytesWritten;
    }
    await output.sync();
  } finally {
    await input.close();
    await output.close();
  }
  return hash.digest('hex');
}

async function writeDurably(path: string, bytes: Uint8Array): Promise<void> {
  const handle = await open(path, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Start-up: an import interrupted by a crash leaves only `.tmp-` entries; remove them. */
export function removeStagingLeftovers(userVoicesDir: string): number {
  if (!existsSync(userVoicesDir)) return 0;
  const leftovers = readdirSync(userVoicesDir).filter((name) => name.startsWith(TEMP_FILE_PREFIX));
  for (const name of leftovers) rmSync(join(userVoicesDir, name), { recursive: true, force: true });
  return leftovers.length;
}
