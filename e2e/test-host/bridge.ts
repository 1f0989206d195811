/**
 * The browser test host's stand-in for the Electron preload: defines window.studio with exactly
 * the same keys, over fetch to the loopback host instead of ipcRenderer. Its one substitution at
 * the Electron boundary: a dropped File is uploaded to the host (which writes it to a temp file
 * and hands that path to the router), where the preload would ask webUtils.getPathForFile.
 */
import type { SpeakProgress } from '../../src-shared/domain';
import type { LocalFile, RendererStudioApi, Result } from '../../src-shared/rendererApi';
import { RENDERER_OPERATIONS } from '../../src-shared/rendererApi';
import type { RendererOperation } from '../../src-shared/rendererContract';
import { decodeWireInBrowser, EVENTS_PATH, FILE_NAME_HEADER, RPC_PREFIX, TOKEN_HEADER, TOKEN_META, UPLOAD_PATH } from './wire';

const token = document.querySelector<HTMLMetaElement>(`meta[name="${TOKEN_META}"]`)?.content ?? '';

function transportFailure(): Result<never> {
  return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside the studio.' } };
}

async function call(operation: RendererOperation, request: unknown): Promise<Result<unknown>> {
  try {
    const response = await fetch(`${RPC_PREFIX}${operation}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(request),
    });
    return decodeWireInBrowser(await response.text()) as Result<unknown>;
  } catch {
    return transportFailure();
  }
}

async function uploadDropped(file: LocalFile): Promise<Result<string>> {
  try {
    const response = await fetch(UPLOAD_PATH, {
      method: 'POST',
      headers: { [TOKEN_HEADER]: token, [FILE_NAME_HEADER]: encodeURIComponent(file.name) },
      body: file as unknown as Blob,
    });
    return (await response.json()) as Result<string>;
  } catch {
    return transportFailure();
  }
}

const progressListeners = new Set<(progress: SpeakProgress) => void>();
let eventsStarted = false;

async function followEvents(): Promise<void> {
  const response = await fetch(EVENTS_PATH, { headers: { [TOKEN_HEADER]: token } });
  const reader = response.body?.getReader();
  if (!reader) return;
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffered += decoder.decode(value, { stream: true });
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (!line) continue;
      const progress = JSON.parse(line) as SpeakProgress;
      for (const listener of progressListeners) listener({ ...progress });
    }
  }
}

const api: Record<string, unknown> = {};
for (const operation of RENDERER_OPERATIONS) {
  api[operation] = (request: unknown) => call(operation, request);
}
api.checkFile = async (file: LocalFile) => {
  const uploaded = await uploadDropped(file);
  return uploaded.ok ? call('checkFile', { path: uploaded.value }) : uploaded;
};
api.voicesImport = async (files: { model: LocalFile; config?: LocalFile }) => {
  const model = await uploadDropped(files.model);
  if (!model.ok) return model;
  const config = files.config ? await uploadDropped(files.config) : undefined;
  if (config && !config.ok) return config;
  return call('voicesImport', { modelPath: model.value, configPath: config?.value });
};
api.onSpeakProgress = (listener: (progress: SpeakProgress) => void) => {
  progressListeners.add(listener);
  if (!eventsStarted) {
    eventsStarted = true;
    void followEvents().catch(() => {
      eventsStarted = false;
    });
  }
  return () => {
    progressListeners.delete(listener);
  };
};

Object.defineProperty(window, 'studio', {
  value: Object.freeze(api as unknown as RendererStudioApi),
  writable: false,
  configurable: false,
  enumerable: true,
});
