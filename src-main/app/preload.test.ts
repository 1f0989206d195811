import { beforeEach, describe, expect, it, vi } from 'vitest';
import { RENDERER_API_KEYS, SPEAK_PROGRESS_CHANNEL } from '../../src-shared/rendererApi';

/** What the preload handed to contextBridge, and what it sent over ipcRenderer. */
const exposed = new Map<string, unknown>();
const invoked: Array<{ channel: string; payload: unknown }> = [];
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
const paths = new Map<object, string>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => exposed.set(key, value) },
  ipcRenderer: {
    invoke: async (channel: string, payload: unknown) => {
      invoked.push({ channel, payload });
      return { ok: true, value: { echoed: channel } };
    },
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => listeners.get(channel)?.delete(listener),
  },
  webUtils: { getPathForFile: (file: object) => paths.get(file) ?? '' },
}));

type Api = Record<string, (...args: unknown[]) => unknown>;

beforeEach(async () => {
  vi.resetModules();
  exposed.clear();
  invoked.length = 0;
  listeners.clear();
  await import('./preload');
});

function api(): Api {
  return exposed.get('studio') as Api;
}

describe('preload', () => {
  it('exposes exactly one object, window.studio, with exactly the contract’s keys', () => {
    expect([...exposed.keys()]).toEqual(['studio']);
    expect(Object.keys(api())).toEqual([...RENDERER_API_KEYS]);
    expect(Object.keys(api())).not.toContain('invoke');
  });

  it('sends each operation on its own channel', async () => {
    await api().historyShow({ id: '0123456789abcdef' });
    expect(invoked).toEqual([{ channel: 'studio:historyShow', payload: { id: '0123456789abcdef' } }]);
  });

  it('turns a dropped file into its path and sends only the path', async () => {
    const file = { name: 'clip.wav', size: 10 };
    paths.set(file, '/home/user/clip.wav');
    await api().checkFile(file);
    expect(invoked).toEqual([{ channel: 'studio:checkFile', payload: { path: '/home/user/clip.wav' } }]);
  });

  it('refuses a file that is not on disk without calling main', async () => {
    const result = await api().checkFile({ name: 'made-by-script.wav', size: 3 });
    expect(result).toEqual({ ok: false, error: { code: 'FILE_UNREADABLE', message: 'The file could not be read.' } });
    expect(invoked).toEqual([]);
  });

  it('imports a voice from its model and config paths', async () => {
    const model = { name: 'v.onnx', size: 1 };
    const config = { name: 'v.onnx.json', size: 1 };
    paths.set(model, '/v/v.onnx');
    paths.set(config, '/v/v.onnx.json');
    await api().voicesImport({ model, config });
    await api().voicesImport({ model });
    expect(invoked).toEqual([
      { channel: 'studio:voicesImport', payload: { modelPath: '/v/v.onnx', configPath: '/v/v.onnx.json' } },
      { channel: 'studio:voicesImport', payload: { modelPath: '/v/v.onnx' } },
    ]);
  });

  it('passes progress to listeners without the Electron event, and unsubscribes', () => {
    const received: unknown[][] = [];
    const unsubscribe = api().onSpeakProgress((...args: unknown[]) => received.push(args)) as () => void;
    const progress = { requestId: 'r', sentenceIndex: 0, sentenceCount: 2 };
    for (const listener of listeners.get(SPEAK_PROGRESS_CHANNEL)!) listener({ sender: 'electron-event' }, progress);
    expect(received).toEqual([[progress]]);
    unsubscribe();
    expect(listeners.get(SPEAK_PROGRESS_CHANNEL)!.size).toBe(0);
  });
});
