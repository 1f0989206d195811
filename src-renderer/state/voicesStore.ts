import { create } from 'zustand';
import type { VoiceInfo } from '../../src-shared/domain';
import type { LocalFile } from '../../src-shared/rendererApi';
import { studioApi, unwrap } from '../api/client';
import { describeError } from '../api/errorText';

export type ImportStatus =
  | { kind: 'idle' }
  | { kind: 'importing' }
  | { kind: 'done'; voice: VoiceInfo }
  | { kind: 'failed'; message: string; guidance?: string };

interface VoicesState {
  voices: VoiceInfo[];
  loaded: boolean;
  error: string | null;
  importStatus: ImportStatus;
  load(): Promise<void>;
  importFiles(files: LocalFile[]): Promise<void>;
}

/** A Piper voice is a model (.onnx) and, beside it, its config (.onnx.json). */
export function pairVoiceFiles(files: LocalFile[]): { model: LocalFile; config?: LocalFile } | null {
  const model = files.find((file) => file.name.toLowerCase().endsWith('.onnx'));
  if (!model) return null;
  const config = files.find((file) => file.name.toLowerCase().endsWith('.json'));
  return config ? { model, config } : { model };
}

export const useVoices = create<VoicesState>((set, get) => ({
  voices: [],
  loaded: false,
  error: null,
  importStatus: { kind: 'idle' },
  async load() {
    try {
      const { voices } = await unwrap(studioApi().voicesList({}));
      set({ voices, loaded: true, error: null });
    } catch (error) {
      set({ loaded: true, error: describeError(error).message });
    }
  },
  async importFiles(files) {
    const pair = pairVoiceFiles(files);
    if (!pair) {
      set({
        importStatus: {
          kind: 'failed',
          message: 'No voice model in what was dropped.',
          guidance: 'Choose the .onnx model file and its .onnx.json config together.',
        },
      });
      return;
    }
    set({ importStatus: { kind: 'importing' } });
    try {
      const { voice } = await unwrap(studioApi().voicesImport(pair));
      set({ importStatus: { kind: 'done', voice } });
      await get().load();
    } catch (error) {
      const { code, message, guidance } = describeError(error);
      if (code === 'FILE_NOT_FOUND' && !pair.config) {
        // Without a config the studio looks for <model>.onnx.json beside the model.
        set({
          importStatus: {
            kind: 'failed',
            message: 'The voice config (.onnx.json) is not beside the model.',
            guidance: 'Drop or choose the .onnx model and its .onnx.json config together.',
          },
        });
        return;
      }
      set({ importStatus: { kind: 'failed', message, guidance } });
    }
  },
}));
