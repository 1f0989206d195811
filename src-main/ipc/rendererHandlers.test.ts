import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src-shared/limits';
import { createRendererHandlers, type NativeDialogs } from './rendererHandlers';
import { createIpcRouter } from './router';
import { createFakeStudio, FAKE_ID, FAKE_KEY_ID, FAKE_KEY_SECRET } from './testing/fakeStudio';

let folder: string;
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'vm-handlers-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function setup(dialogs: NativeDialogs = { chooseExportPath: async () => null }) {
  const studio = createFakeStudio();
  const router = createIpcRouter<null>({
    handlers: createRendererHandlers(studio, dialogs),
    isTrustedSender: () => true,
  });
  return { studio, router };
}

function codeOf(result: { ok: boolean; error?: { code: string } }): string {
  return result.ok ? 'ok' : (result.error?.code ?? '?');
}

describe('renderer handlers: paths from drops are re-checked in main', () => {
  it('checks a regular file through the core', async () => {
    const { router, studio } = setup();
    const file = join(folder, 'clip.wav');
    writeFileSync(file, Buffer.alloc(64, 1));
    expect(codeOf(await router.handle('checkFile', { path: file }, null))).toBe('ok');
    expect(studio.calls).toEqual([{ operation: 'check', request: { path: file } }]);
  });

  it.each([
    ['a relative path', () => 'clip.wav', 'INVALID_REQUEST'],
    ['a missing file', () => join(folder, 'missing.wav'), 'FILE_NOT_FOUND'],
    ['a folder', () => folder, 'FILE_NOT_REGULAR'],
    [
      'an empty file',
      () => {
        const file = join(folder, 'empty.wav');
        writeFileSync(file, '');
        return file;
      },
      'FILE_EMPTY',
    ],
    [
      'a file over the check limit',
      () => {
        const file = join(folder, 'huge.wav');
        writeFileSync(file, '');
        truncateSync(file, LIMITS.maxCheckFileBytes + 1); // sparse: no real disk use
        return file;
      },
      'FILE_TOO_LARGE',
    ],
  ])('refuses %s before the core reads it', async (_label, makePath, code) => {
    const { router, studio } = setup();
    expect(codeOf(await router.handle('checkFile', { path: makePath() }, null))).toBe(code);
    expect(studio.calls).toEqual([]);
  });

  it('refuses a voice config over its own limit', async () => {
    const { router, studio } = setup();
    const model = join(folder, 'voice.onnx');
    const config = join(folder, 'voice.onnx.json');
    writeFileSync(model, Buffer.alloc(16, 1));
    writeFileSync(config, '');
    truncateSync(config, LIMITS.maxVoiceConfigBytes + 1);
    expect(codeOf(await router.handle('voicesImport', { modelPath: model, configPath: config }, null))).toBe(
      'FILE_TOO_LARGE',
    );
    expect(studio.calls).toEqual([]);
  });
});

describe('renderer handlers: export goes through the native save dialog', () => {
  it('returns saved:false and writes nothing when the dialog is cancelled', async () => {
    const { router, studio } = setup({ chooseExportPath: async () => null });
    const result = await router.handle('historyExport', { id: FAKE_ID, format: 'wav' }, null);
    expect(result).toEqual({ ok: true, value: { saved: false } });
    expect(studio.calls.map((c) => c.operation)).toEqual(['historyShow']);
  });

  it('adds the chosen format’s extension and returns only the base name', async () => {
    const asked: unknown[] = [];
    const exportDir = join(folder, 'exports');
    mkdirSync(exportDir, { recursive: true });
    const { router, studio } = setup({
      chooseExportPath: async (request) => {
        asked.push(request);
        return join(exportDir, 'my clip');
      },
    });
    const result = await router.handle('historyExport', { id: FAKE_ID, format: 'mp3' }, null);
    expect(asked).toEqual([{ suggestedName: `voicemark-${FAKE_ID}.mp3`, format: 'mp3' }]);
    expect(result).toEqual({ ok: true, value: { saved: true, fileName: 'my clip.mp3', bytes: 44, format: 'mp3' } });
    expect(studio.calls[1]).toEqual({
      operation: 'historyExport',
      request: { id: FAKE_ID, path: join(exportDir, 'my clip.mp3') },
    });
  });

  it('does not open the dialog for a generation that is not in the history', async () => {
    let opened = false;
    const { router } = setup({
      chooseExportPath: async () => {
        opened = true;
        return '/tmp/x.wav';
      },
    });
    const result = await router.handle('historyExport', { id: 'ffffffffffffffff', format: 'wav' }, null);
    expect(codeOf(result)).toBe('HISTORY_NOT_FOUND');
    expect(opened).toBe(false);
  });
});

describe('renderer handlers: private watermark keys cross as ids and dates only', () => {
  it('creates a key through the core and answers its id, date and state, without the secret', async () => {
    const { router, studio } = setup();
    const created = await router.handle('watermarkKeyCreate', {}, null);
    const key = { id: FAKE_KEY_ID, createdAt: '2025-01-02T00:00:00.000Z', active: true };
    expect(created).toEqual({ ok: true, value: { key } });
    expect(JSON.stringify(created)).not.toContain(FAKE_KEY_SECRET);
    expect(await router.handle('watermarkKeysList', {}, null)).toEqual({ ok: true, value: { keys: [key] } });
    expect(studio.calls).toEqual([
      { operation: 'watermarkKeyCreate', request: {} },
      { operation: 'watermarkKeysList', request: {} },
    ]);
  });

  it('refuses a create request carrying anything but an id, before the core', async () => {
    const { router, studio } = setup();
    expect(codeOf(await router.handle('watermarkKeyCreate', { secret: FAKE_KEY_SECRET }, null))).toBe('INVALID_REQUEST');
    expect(codeOf(await router.handle('watermarkKeyCreate', { id: 7 }, null))).toBe('INVALID_REQUEST');
    expect(studio.calls).toEqual([]);
  });

  it('offers the window no key export or import (those name paths and move secrets)', async () => {
    const { router, studio } = setup();
    const path = join(folder, 'key.json');
    expect(codeOf(await router.handle('watermarkKeyExport', { id: FAKE_KEY_ID, path }, null))).toBe('INVALID_REQUEST');
    expect(codeOf(await router.handle('watermarkKeyImport', { path }, null))).toBe('INVALID_REQUEST');
    expect(studio.calls).toEqual([]);
  });

  it('lets a page create only a few keys in a row (each one is kept for good)', async () => {
    const { router } = setup();
    const outcomes: string[] = [];
    for (let i = 0; i < 4; i++) outcomes.push(codeOf(await router.handle('watermarkKeyCreate', { id: `k${i}` }, null)));
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED']);
  });
});
