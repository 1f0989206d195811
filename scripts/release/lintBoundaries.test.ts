import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const projectDir = fileURLToPath(new URL('../../', import.meta.url));

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: projectDir });
});

/** The import-boundary messages ESLint reports for `import ... from specifier` in `filePath`. */
async function boundaryErrors(filePath: string, specifier: string, typeOnly = false): Promise<string[]> {
  const code = typeOnly ? `import type { X } from '${specifier}';\nexport type Y = X;\n` : `import * as m from '${specifier}';\nexport const y = m;\n`;
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries (eslint.config.js)', () => {
  it.each([
    ['src-shared/limits.ts', 'node:fs'],
    ['src-shared/limits.ts', 'fs'],
    ['src-shared/limits.ts', 'path/posix'],
    ['src-shared/limits.ts', 'electron'],
    ['src-shared/limits.ts', '../src-main/core/files'],
    ['src-shared/limits.ts', '../src-renderer/App'],
    ['src-shared/limits.ts', '../e2e/test-host/wire'],
    ['src-shared/deep/nested.ts', '../../src-renderer/format'],
    ['src-main/core/tts/voice.ts', 'electron'],
    ['src-main/core/studio.ts', 'electron/main'],
    ['src-renderer/App.tsx', 'node:path'],
    ['src-renderer/App.tsx', 'electron'],
    ['src-renderer/App.tsx', 'better-sqlite3'],
    ['src-renderer/App.tsx', 'onnxruntime-node'],
    ['src-renderer/App.tsx', '../src-main/core/studio'],
    ['src-renderer/App.tsx', '../e2e/test-host/wire'],
    ['src-renderer/views/StudioView.tsx', '../../src-main/ipc/router'],
    ['src-renderer/views/StudioView.tsx', '../../scripts/release/fuses'],
  ])('%s may not import %s', async (file, specifier) => {
    expect(await boundaryErrors(file, specifier)).toHaveLength(1);
  });

  it('type-only imports across a boundary are refused too', async () => {
    expect(await boundaryErrors('src-renderer/views/StudioView.tsx', '../../src-main/app/preload', true)).toHaveLength(1);
  });

  it.each([
    ['src-shared/contract.ts', './domain'],
    ['src-shared/contract.ts', 'zod'],
    ['src-shared/deep/nested.ts', '../domain'],
    ['src-main/core/studio.ts', 'node:fs'],
    ['src-main/core/tts/voice.ts', '../../../src-shared/limits'],
    ['src-main/app/main.ts', 'electron'],
    ['src-renderer/App.tsx', 'react'],
    ['src-renderer/App.tsx', '../src-shared/domain'],
    ['src-renderer/views/StudioView.tsx', '../../src-shared/contract'],
    ['src-renderer/views/StudioView.tsx', '../api/client'],
    ['src-renderer/views/StudioView.tsx', './HistoryView'],
  ])('%s may import %s', async (file, specifier) => {
    expect(await boundaryErrors(file, specifier)).toEqual([]);
  });
});
