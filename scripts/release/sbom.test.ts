import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { shippedComponents } from './licences';
import { SHIPPED_RUNTIME_PROPERTY, reconcileSbom, type CycloneDx } from './sbom';

const projectDir = fileURLToPath(new URL('../../', import.meta.url));

function npmSbom(): CycloneDx {
  const result = spawnSync('npm', ['sbom', '--sbom-format', 'cyclonedx', '--sbom-type', 'application', '--package-lock-only'], {
    cwd: projectDir,
    encoding: 'utf8',
    maxBuffer: 128 * 1024 * 1024,
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) throw new Error(`npm sbom failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as CycloneDx;
}

describe('the release SBOM', () => {
  let full: CycloneDx;
  beforeAll(() => {
    full = npmSbom();
  });

  it('is CycloneDX for this application, with every shipped component and Electron marked as shipped', () => {
    const { sbom, problems } = reconcileSbom(structuredClone(full), 'voicemark-studio', shippedComponents(projectDir));
    expect(problems).toEqual([]);
    expect(sbom.bomFormat).toBe('CycloneDX');
    expect(sbom.metadata?.component?.name).toBe('voicemark-studio');
    const electron = sbom.components?.find((c) => c.name === 'electron');
    expect(electron?.scope).toBe('required');
    expect(electron?.properties).toContainEqual({ name: SHIPPED_RUNTIME_PROPERTY, value: 'true' });
    expect(sbom.components?.find((c) => c.name === 'zod')?.scope).toBe('required');
  });

  it('reports a shipped component missing from the SBOM (what `npm sbom --omit dev` does to zod with npm 11)', () => {
    const tampered = structuredClone(full);
    tampered.components = tampered.components!.filter((c) => c.name !== 'zod');
    const { problems } = reconcileSbom(tampered, 'voicemark-studio', shippedComponents(projectDir));
    expect(problems).toEqual([expect.stringMatching(/^zod@[\d.]+ ships but is not in the SBOM$/)]);
  });

  it('reports a shipped component the SBOM calls development-only', () => {
    const tampered = structuredClone(full);
    const react = tampered.components!.find((c) => c.name === 'react')!;
    react.properties = [{ name: 'cdx:npm:package:development', value: 'true' }];
    const { problems } = reconcileSbom(tampered, 'voicemark-studio', shippedComponents(projectDir));
    expect(problems).toEqual([expect.stringMatching(/^react@[\d.]+ ships but the SBOM marks it development-only$/)]);
  });
});
