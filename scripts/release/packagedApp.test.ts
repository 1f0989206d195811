/**
 * Part 1 proves the inspection on packages built here with @electron/asar (good and bad).
 * Part 2 inspects the real package electron-builder produced, in CI right after packaging:
 *   VOICEMARK_PACKAGED_DIR=release-e2e VOICEMARK_PACKAGED_VARIANT=e2e VOICEMARK_REQUIRE_PACKAGED=1 \
 *     npx vitest run scripts/release/packagedApp.test.ts
 * Without a package it skips with the reason printed, unless VOICEMARK_REQUIRE_PACKAGED=1.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPackageWithOptions } from '@electron/asar';
import { flipFuses, FuseV1Options, FuseVersion, type FuseConfig } from '@electron/fuses';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { FUSE_WIRE_INDEX, SHIPPED_FUSES, type FuseVariant } from './fuses';
import { asarEntries, findPackagedApps, inspectPackagedApp, type AppNames } from './packagedApp';
import { writeFakeElectronBinary } from './testing/fakeElectronBinary';

const projectDir = fileURLToPath(new URL('../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'vm-packaged-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const builderYml = parse(readFileSync(join(projectDir, 'electron-builder.yml'), 'utf8')) as { productName: string; linux: { executableName: string } };
const NAMES: AppNames = { productName: builderYml.productName, linuxExecutableName: builderYml.linux.executableName };

function writeTree(root: string, files: Record<string, string | Buffer>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

const APP_FILES: Record<string, string | Buffer> = {
  'package.json': JSON.stringify({ name: 'voicemark-studio', main: 'dist/main/main.cjs' }),
  'dist/main/main.cjs': '"use strict";',
  'dist/main/preload.cjs': '"use strict";',
  'dist/main/synthesisWorker.js': 'export {};',
  'dist/renderer/index.html': '<!doctype html>',
  'node_modules/zod/package.json': '{"name":"zod"}',
  'node_modules/better-sqlite3/package.json': '{"name":"better-sqlite3"}',
  'node_modules/better-sqlite3/build/Release/better_sqlite3.node': Buffer.from([0x7f, 0x45, 0x4c, 0x46]),
  'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 1]),
  'node_modules/@echogarden/espeak-ng-emscripten/espeak-ng.data': Buffer.alloc(2048, 3),
  'node_modules/@echogarden/espeak-ng-emscripten/espeak-ng.js': 'export default {};',
};
const UNPACK = '{**/*.node,**/node_modules/better-sqlite3/**,**/node_modules/onnxruntime-node/**,**/node_modules/@echogarden/espeak-ng-emscripten/**}';
const MODEL = Buffer.from('not really an onnx model, but real bytes with a real hash');

/** An unpacked Linux build the way electron-builder lays it out: linux-unpacked/{exe,resources/...}. */
async function buildLinuxPackage(name: string, options: { extraAppFiles?: Record<string, string | Buffer>; modelHash?: string; fuses?: 'shipped' | 'stock' } = {}): Promise<string> {
  const output = join(scratch, name);
  const app = join(output, 'linux-unpacked');
  const stage = join(scratch, `${name}-stage`);
  writeTree(stage, { ...APP_FILES, ...options.extraAppFiles });
  mkdirSync(join(app, 'resources'), { recursive: true });
  await createPackageWithOptions(stage, join(app, 'resources', 'app.asar'), { unpack: UNPACK });
  writeTree(join(app, 'resources'), {
    'THIRD_PARTY_LICENSES.md': '# Third-party licences\n',
    'models/vm-en.onnx': MODEL,
    'models/manifest.json': JSON.stringify({
      version: 1,
      voices: [{ id: 'vm-en', files: { model: 'vm-en.onnx' }, sha256: { model: options.modelHash ?? createHash('sha256').update(MODEL).digest('hex') } }],
    }),
  });
  const binary = join(app, NAMES.linuxExecutableName);
  writeFakeElectronBinary(binary);
  if (options.fuses !== 'stock') {
    const wire = Object.fromEntries(Object.entries(SHIPPED_FUSES).map(([fuse, on]) => [FUSE_WIRE_INDEX[fuse as keyof typeof FUSE_WIRE_INDEX], on]));
    await flipFuses(binary, { version: FuseVersion.V1, ...wire } as FuseConfig);
  }
  return output;
}

describe('packaged-app inspection (packages built here with @electron/asar)', () => {
  it('finds the app electron-builder laid out and passes a correct package', async () => {
    const output = await buildLinuxPackage('good');
    const apps = findPackagedApps(output, NAMES);
    expect(apps).toHaveLength(1);
    expect(apps[0]).toMatchObject({ platform: 'linux', arch: 'x64' });
    expect(asarEntries(apps[0].asarPath)).toContain('dist/main/main.cjs');
    expect(await inspectPackagedApp(apps[0], { variant: 'shipped', builtMainFiles: ['dist/main/main.cjs', 'dist/main/preload.cjs', 'dist/main/synthesisWorker.js'] })).toEqual([]);
  });

  it('names the test host, dev code, dev packages, foreign binaries, a bad voice hash and wrong fuses', async () => {
    const output = await buildLinuxPackage('bad', {
      extraAppFiles: {
        'e2e/test-host/server.js': 'server',
        'dist/test-host/index.cjs': 'host',
        'dist/main/main.cjs.map': '{}',
        'src-main/core/studio.ts': 'export {}',
        'node_modules/vitest/package.json': '{"name":"vitest"}',
        'node_modules/onnxruntime-node/bin/napi-v6/darwin/arm64/onnxruntime_binding.node': Buffer.from([0xcf, 0xfa]),
      },
      modelHash: '0'.repeat(64),
      fuses: 'stock',
    });
    const [app] = findPackagedApps(output, NAMES);
    const problems = (await inspectPackagedApp(app, { variant: 'shipped', builtMainFiles: ['dist/main/missing.cjs'] })).join('\n');
    for (const expected of [
      'app.asar contains development folder e2e/test-host/server.js',
      'app.asar contains browser test host dist/test-host/index.cjs',
      'app.asar contains source map dist/main/main.cjs.map',
      'app.asar contains TypeScript source src-main/core/studio.ts',
      'app.asar contains the development package vitest',
      'built file dist/main/missing.cjs is not in app.asar',
      'onnxruntime-node binaries for darwin are packaged',
      'voice vm-en: vm-en.onnx does not match its sha256',
      'fuse runAsNode is true, expected false',
      'fuse enableNodeCliInspectArguments is true, expected false',
    ]) {
      expect(problems).toContain(expected);
    }
  });

  it('notices native files left inside the archive', async () => {
    const output = join(scratch, 'packed-natives');
    const app = join(output, 'linux-unpacked');
    const stage = join(scratch, 'packed-natives-stage');
    writeTree(stage, APP_FILES);
    mkdirSync(join(app, 'resources'), { recursive: true });
    await createPackageWithOptions(stage, join(app, 'resources', 'app.asar'), {});
    const [found] = findPackagedApps(output, NAMES);
    const problems = await inspectPackagedApp(found, { variant: 'shipped', skipFuses: true });
    expect(problems).toContain('linux-x64: node_modules/better-sqlite3/build/Release/better_sqlite3.node is not unpacked beside the asar');
    expect(problems).toContain('linux-x64: models/manifest.json is not in the resources');
  });
});

// ---------------------------------------------------------------------------------------------

const packagedDir = resolve(projectDir, process.env.VOICEMARK_PACKAGED_DIR ?? 'release');
const variant: FuseVariant = (process.env.VOICEMARK_PACKAGED_VARIANT as FuseVariant | undefined) ?? (packagedDir.endsWith('-e2e') ? 'e2e' : 'shipped');
const required = process.env.VOICEMARK_REQUIRE_PACKAGED === '1';
const builtApps = findPackagedApps(packagedDir, NAMES);
if (builtApps.length === 0 && !required) {
  console.log(`SKIPPED packaged-app checks: no packaged app in ${packagedDir} (run \`npm run package\` or \`npm run package:e2e\`; CI runs this after packaging)`);
}

describe.skipIf(builtApps.length === 0 && !required)(`the package electron-builder built (${packagedDir}, ${variant})`, () => {
  it('exists', () => {
    expect(builtApps.map((app) => app.directory), `no packaged app in ${packagedDir}`).not.toEqual([]);
  });

  const mainDir = join(projectDir, 'dist', 'main');
  const builtMainFiles = existsSync(mainDir)
    ? readdirSync(mainDir).filter((name) => /\.(c|m)?js$/.test(name)).map((name) => `dist/main/${name}`)
    : [];

  it.each(builtApps.map((app) => [`${app.platform}-${app.arch}`, app] as const))('%s: app.asar holds the app and no development code; natives unpacked; voice verified; fuses set', async (label, app) => {
    // The listing is kept as evidence with the test reports (CI uploads test-results/).
    const entries = asarEntries(app.asarPath);
    mkdirSync(join(projectDir, 'test-results'), { recursive: true });
    writeFileSync(join(projectDir, 'test-results', `asar-contents-${variant}-${label}.txt`), `${entries.join('\n')}\n`);
    console.log(`${label}: ${entries.length} files in app.asar (listing in test-results/asar-contents-${variant}-${label}.txt)`);
    expect(await inspectPackagedApp(app, { variant, builtMainFiles })).toEqual([]);
  });

  it('the build is the variant it claims to be (the inspect fuse is on only in the e2e variant)', async () => {
    const { readFuses } = await import('./fuses');
    for (const app of builtApps) {
      expect((await readFuses(app.electronBinary)).enableNodeCliInspectArguments).toBe(variant === 'e2e');
    }
  });
});

// Keeps the wire positions honest against @electron/fuses' own enum.
it('fuse names map to the @electron/fuses wire positions', () => {
  expect(FUSE_WIRE_INDEX.runAsNode).toBe(FuseV1Options.RunAsNode);
  expect(FUSE_WIRE_INDEX.grantFileProtocolExtraPrivileges).toBe(FuseV1Options.GrantFileProtocolExtraPrivileges);
});
