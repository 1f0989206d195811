import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openHistory } from './index';
import { makeTempDir, newGenerationId } from './testSupport';

let dir: ReturnType<typeof makeTempDir>;

beforeEach(() => {
  dir = makeTempDir();
});

afterEach(() => {
  dir.remove();
});

it('a process killed between writing the audio and committing the row leaves neither behind', () => {
  const dataDir = join(dir.path, 'data');
  const id = newGenerationId();
  const fixture = fileURLToPath(new URL('./crashDuringSave.fixture.ts', import.meta.url));

  const child = spawnSync(process.execPath, ['--import', 'tsx', fixture, dataDir, id], { encoding: 'utf8', timeout: 30_000 });

  expect(child.signal, child.stderr).toBe('SIGKILL');
  const audioFile = join(dataDir, 'audio', `${id}.wav`);
  expect(existsSync(audioFile)).toBe(true); // the crash came after the audio write

  const store = openHistory(dataDir, { log: () => {} });
  try {
    expect(store.get(id)).toBeNull();
    expect(store.list({}).total).toBe(0);
    expect(existsSync(audioFile)).toBe(false);
    expect(store.startupReport).toEqual({ removedOrphanAudio: 1, removedTempFiles: 0, removalFailures: 0, rowsMissingAudio: [] });
  } finally {
    store.close();
  }
});
