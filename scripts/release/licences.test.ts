import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { declaredLicence, isGplCompatible, licenceProblems, renderThirdPartyLicences, shippedComponents, shippedVoices } from './licences';

const projectDir = fileURLToPath(new URL('../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'vm-licences-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('SPDX expressions against GPL-3.0-or-later', () => {
  it.each([
    ['MIT', true],
    ['Apache-2.0', true],
    ['LGPL-3.0-or-later', true],
    ['GPL-3.0', true],
    ['(MIT OR Apache-2.0)', true],
    ['(BSD-2-Clause OR MIT OR Apache-2.0)', true],
    ['MIT AND Zlib', true],
    ['GPL-2.0-only', false],
    ['GPL-2.0', false],
    ['SSPL-1.0', false],
    ['MIT AND CC-BY-NC-4.0', false],
    ['(GPL-2.0-only OR MIT)', true],
    ['((MIT AND EPL-1.0) OR BSD-3-Clause)', true],
    ['(MIT AND EPL-1.0) OR SSPL-1.0', false],
    ['GPL-2.0-or-later WITH Classpath-exception-2.0', true],
    ['UNLICENSED', false],
  ])('%s → %s', (expression, compatible) => {
    expect(isGplCompatible(expression)).toBe(compatible);
  });

  it('refuses an expression that does not parse', () => {
    expect(() => isGplCompatible('(MIT OR')).toThrow(/cannot parse/);
    expect(() => isGplCompatible('MIT OR OR ISC')).toThrow(/cannot parse/);
    expect(() => isGplCompatible('SEE LICENSE IN LICENSE.txt')).toThrow(/cannot parse/);
  });

  it('reads the legacy license forms of old package.json files', () => {
    expect(declaredLicence({ license: { type: 'BSD-3-Clause', url: 'x' } })).toBe('BSD-3-Clause');
    expect(declaredLicence({ licenses: [{ type: 'MIT' }, { type: 'Apache-2.0' }] })).toBe('(MIT OR Apache-2.0)');
    expect(declaredLicence({})).toBeNull();
  });
});

describe('the shipped components', () => {
  const components = shippedComponents(projectDir);

  it('are the production dependencies of package-lock.json plus the Electron runtime, and exclude dev tools', () => {
    const names = new Set(components.map((c) => c.name));
    for (const name of ['better-sqlite3', 'onnxruntime-node', '@echogarden/espeak-ng-emscripten', 'react', 'zod', 'electron']) expect(names).toContain(name);
    for (const name of ['vitest', 'electron-builder', 'typescript', 'eslint', 'vite']) expect(names).not.toContain(name);
    expect(components.find((c) => c.name === 'electron')?.role).toBe('runtime');
  });

  it('are all licensed compatibly with GPL-3.0-or-later', () => {
    expect(licenceProblems(components)).toEqual([]);
  });
});

describe('a project with an incompatible dependency', () => {
  const project = join(scratch, 'project');
  const addPackage = (name: string, version: string, license: string | undefined, licenceText?: string) => {
    const dir = join(project, 'node_modules', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version, ...(license ? { license } : {}) }));
    if (licenceText) writeFileSync(join(dir, 'LICENSE'), licenceText);
  };
  mkdirSync(project, { recursive: true });
  addPackage('fine', '1.0.0', 'MIT', 'MIT License\n\nCopyright (c) Fine authors');
  addPackage('gpl2only', '2.0.0', 'GPL-2.0-only');
  addPackage('nolicence', '0.1.0', undefined);
  addPackage('devtool', '9.9.9', 'SSPL-1.0');
  writeFileSync(
    join(project, 'package-lock.json'),
    JSON.stringify({
      name: 'p',
      lockfileVersion: 3,
      packages: {
        '': { name: 'p' },
        'node_modules/fine': { version: '1.0.0', license: 'MIT' },
        'node_modules/gpl2only': { version: '2.0.0', license: 'GPL-2.0-only' },
        'node_modules/nolicence': { version: '0.1.0' },
        'node_modules/devtool': { version: '9.9.9', license: 'SSPL-1.0', dev: true },
      },
    }),
  );
  mkdirSync(join(project, 'models'), { recursive: true });
  writeFileSync(
    join(project, 'models', 'manifest.json'),
    JSON.stringify({ version: 1, voices: [{ id: 'vm-en', name: 'Voicemark English', licence: 'CC0-1.0', provenance: 'trained by the project on LJSpeech (public domain)' }] }),
  );

  it('reports the incompatible and the undeclared licence, and ignores dev-only packages', () => {
    const components = shippedComponents(project);
    expect(components.map((c) => c.name)).toEqual(['fine', 'gpl2only', 'nolicence']);
    expect(licenceProblems(components)).toEqual([
      'gpl2only@2.0.0 is licensed GPL-2.0-only, which is not compatible with GPL-3.0-or-later',
      'nolicence@0.1.0 declares no licence',
    ]);
  });

  it('a reviewed override settles a package whose metadata is missing', () => {
    const components = shippedComponents(project).filter((c) => c.name !== 'gpl2only');
    expect(licenceProblems(components, { 'nolicence@0.1.0': { licence: 'ISC', reason: 'LICENSE file in the tarball is ISC' } })).toEqual([]);
  });

  it('renders THIRD_PARTY_LICENSES.md with each component, its licence text and the shipped voices', () => {
    const text = renderThirdPartyLicences(shippedComponents(project), shippedVoices(project));
    expect(text).toContain('| fine | 1.0.0 | MIT |');
    expect(text).toContain('## fine 1.0.0');
    expect(text).toContain('Copyright (c) Fine authors');
    expect(text).toContain('## nolicence 0.1.0');
    expect(text).toContain('The package carries no licence file');
    expect(text).toContain('| Voicemark English (vm-en) | CC0-1.0 | trained by the project on LJSpeech (public domain) |');
    expect(text).not.toContain('devtool');
  });
});
