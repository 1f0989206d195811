import type { SpeakProgress } from './domain';
import type { SerializedError } from './errors';
import type { RendererOperation, RendererRequest, RendererResponse } from './rendererContract';

/**
 * `window.studio`: the only object the renderer can reach. It is built from the renderer
 * contract (one method per operation, plus progress events) and has no generic invoke(channel).
 *
 * This file has no runtime dependency on zod so the preload and the renderer stay small and
 * never need `new Function` (which the renderer's CSP forbids).
 */

/** Errors are values at this boundary: Electron's contextBridge drops custom Error properties. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

/** A file the user dropped or picked. Structural so this file needs no DOM types; a File fits. */
export interface LocalFile {
  readonly name: string;
  readonly size: number;
}

/** Operations whose renderer-side argument is a File (turned into a path by the preload). */
export type FileOperation = 'checkFile' | 'voicesImport';
type PlainOperation = Exclude<RendererOperation, FileOperation>;

export type RendererStudioApi = {
  [K in PlainOperation]: (request: RendererRequest<K>) => Promise<Result<RendererResponse<K>>>;
} & {
  checkFile(file: LocalFile): Promise<Result<RendererResponse<'checkFile'>>>;
  voicesImport(files: { model: LocalFile; config?: LocalFile }): Promise<Result<RendererResponse<'voicesImport'>>>;
  /** Returns the unsubscribe function. Listeners receive plain data, never an Electron event. */
  onSpeakProgress(listener: (progress: SpeakProgress) => void): () => void;
};

/** Must list exactly the keys of `rendererContract` (a unit test holds them together). */
export const RENDERER_OPERATIONS = [
  'speak',
  'cancelSpeak',
  'policyEvaluate',
  'historyList',
  'historyShow',
  'historyDelete',
  'historyAudio',
  'historyExport',
  'checkFile',
  'voicesList',
  'voicesImport',
  'settingsGet',
  'settingsSet',
  'watermarkKeysList',
  'watermarkKeyCreate',
] as const satisfies readonly RendererOperation[];

/** Every key of window.studio, in order. */
export const RENDERER_API_KEYS = [...RENDERER_OPERATIONS, 'onSpeakProgress'] as const;

export const IPC_CHANNEL_PREFIX = 'studio:';
export const SPEAK_PROGRESS_CHANNEL = 'studio-event:speakProgress';

export function ipcChannelFor(operation: RendererOperation): string {
  return `${IPC_CHANNEL_PREFIX}${operation}`;
}
