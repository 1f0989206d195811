import { create } from 'zustand';
import type { CheckResult } from '../../src-shared/domain';
import { LIMITS } from '../../src-shared/limits';
import type { LocalFile } from '../../src-shared/rendererApi';
import { studioApi, unwrap } from '../api/client';
import { describeError } from '../api/errorText';

export type CheckEntry = {
  key: number;
  name: string;
  size: number;
} & (
  | { status: 'waiting' }
  | { status: 'checking' }
  | { status: 'done'; result: CheckResult }
  | { status: 'failed'; message: string; guidance?: string; code: string }
);

interface CheckState {
  entries: CheckEntry[];
  notice: string | null;
  addFiles(files: LocalFile[]): Promise<void>;
  clear(): void;
}

let nextKey = 1;

export const useCheck = create<CheckState>((set, get) => {
  function update(key: number, patch: Partial<CheckEntry>): void {
    set({ entries: get().entries.map((entry) => (entry.key === key ? ({ ...entry, ...patch } as CheckEntry) : entry)) });
  }

  return {
    entries: [],
    notice: null,
    async addFiles(files) {
      if (files.length === 0) return;
      const accepted = files.slice(0, LIMITS.maxCheckFilesPerBatch);
      set({
        notice:
          files.length > accepted.length
            ? `Only the first ${LIMITS.maxCheckFilesPerBatch} files were checked; drop the rest separately.`
            : null,
      });
      const queued = accepted.map((file) => ({ file, key: nextKey++ }));
      set({
        entries: [
          ...queued.map(({ file, key }): CheckEntry => ({ key, name: file.name, size: file.size, status: 'waiting' })),
          ...get().entries,
        ],
      });
      // One at a time: decoding and detection are heavy, and results appear as they finish.
      for (const { file, key } of queued) {
        update(key, { status: 'checking' });
        try {
          const result = await unwrap(studioApi().checkFile(file));
          update(key, { status: 'done', result });
        } catch (error) {
          const { code, message, guidance } = describeError(error);
          update(key, { status: 'failed', code, message, guidance });
        }
      }
    },
    clear() {
      set({ entries: get().entries.filter((entry) => entry.status === 'waiting' || entry.status === 'checking'), notice: null });
    },
  };
});
