import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudio } from '../../src-main/core/studio';
import { createWorkerThreadTransport } from '../../src-main/core/tts';
import { buildMain } from './buildMain';

const root = fileURLToPath(new URL('../../', import.meta.url));
// Inside the checkout so the bundles resolve their externals from node_modules, as the app does.
const outDir = join(root, 'dist', `.build-test-${randomBytes(4).toString('hex')}`);

beforeAll(async () => {
  mkdirSync(outDir, { recursive: true });
  await buildMain(outDir);
}, 120_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('build:main bundles', () => {
  it('keeps native and wasm packages external and gives the CJS main a working import.meta.url', () => {
    const main = readFileSync(join(outDir, 'main.cjs'), 'latin1');
    expect(main).toContain('require("electron")');
    expect(main).toContain('require("better-sqlite3")');
    expect(main).toContain("pathToFileURL(__filename).href");
    expect(main).not.toMatch(/\bimport\.meta\.url\b/);
  });

  it('gives the sandboxed preload nothing to require but electron', () => {
    const preload = readFileSync(join(outDir, 'preload.cjs'), 'utf8');
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
    expect(preload).not.toContain('zod');
  });

  it('produces a synthesis worker that really synthesises when started from the bundle', async () => {
    const dataDir = join(outDir, 'data');
    const worker = pathToFileURL(join(outDir, 'synthesisWorker.js'));
    const studio = await createStudio({
      dataDir,
      modelsDir: join(root, 'models'),
      synthesisTransportFactory: () => createWorkerThreadTransport(worker),
    });
    try {
      const result = await studio.speak({ text: 'The bundled worker speaks.' });
      expect(result.durationSec).toBeGreaterThan(0.5);
      const audio = await studio.historyAudio({ id: result.id });
      expect(Buffer.from(audio.bytes.subarray(0, 4)).toString('latin1')).toBe('RIFF');
    } finally {
      await studio.close();
    }
  });
});
