/**
 * The preload (bundled to dist/main/preload.cjs, runs sandboxed). It exposes exactly one object,
 * window.studio: one method per renderer-contract operation plus progress events, with no
 * generic invoke(channel) and nothing Electron-shaped (no event objects, no ipcRenderer).
 * Dropped or picked Files become paths here (webUtils.getPathForFile); main re-checks them.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { SpeakProgress } from '../../src-shared/domain';
import { ERROR_CATALOGUE } from '../../src-shared/errors';
import {
  ipcChannelFor,
  RENDERER_OPERATIONS,
  SPEAK_PROGRESS_CHANNEL,
  type LocalFile,
  type Result,
} from '../../src-shared/rendererApi';
import type { RendererOperation } from '../../src-shared/rendererContract';

function invoke(operation: RendererOperation, request: unknown): Promise<Result<unknown>> {
  return ipcRenderer.invoke(ipcChannelFor(operation), request) as Promise<Result<unknown>>;
}

/** '' for a File that is not on disk (made by script, dragged from a web page). */
function pathOf(file: LocalFile): string {
  try {
    return webUtils.getPathForFile(file as unknown as File);
  } catch {
    return '';
  }
}

const notOnDisk: Result<never> = {
  ok: false,
  error: { code: 'FILE_UNREADABLE', message: ERROR_CATALOGUE.FILE_UNREADABLE.message },
};

const api: Record<string, unknown> = {};
for (const operation of RENDERER_OPERATIONS) {
  api[operation] = (request: unknown) => invoke(operation, request);
}
api.checkFile = async (file: LocalFile) => {
  const path = pathOf(file);
  return path ? invoke('checkFile', { path }) : notOnDisk;
};
api.voicesImport = async (files: { model: LocalFile; config?: LocalFile }) => {
  const modelPath = pathOf(files.model);
  const configPath = files.config ? pathOf(files.config) : undefined;
  if (!modelPath || configPath === '') return notOnDisk;
  return invoke('voicesImport', configPath ? { modelPath, configPath } : { modelPath });
};
api.onSpeakProgress = (listener: (progress: SpeakProgress) => void) => {
  const forward = (_event: IpcRendererEvent, progress: SpeakProgress) => listener(progress);
  ipcRenderer.on(SPEAK_PROGRESS_CHANNEL, forward);
  return () => {
    ipcRenderer.removeListener(SPEAK_PROGRESS_CHANNEL, forward);
  };
};

contextBridge.exposeInMainWorld('studio', api);
