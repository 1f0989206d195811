/**
 * The security-relevant promises of the packaging configuration, checked against what
 * electron-builder will actually do with it. Each audit returns one sentence per broken promise
 * (empty when all hold), so a regression names itself.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Configuration } from 'electron-builder';
import { FUSE_NAMES, SHIPPED_FUSES, expectedFuses, type FuseVariant } from './fuses';
import { packingRules, type TargetArch, type TargetPlatform } from './electronBuilder';

export const SHIPPED_CONFIG_FILE = 'electron-builder.yml';
export const E2E_CONFIG_FILE = 'electron-builder.e2e.yml';

/** The only entitlement the hardened runtime needs: V8 and WebAssembly compile at run time. */
export const ALLOWED_ENTITLEMENTS: Readonly<Record<string, boolean>> = { 'com.apple.security.cs.allow-jit': true };

/** Each packaged build is checked for every platform/arch it ships for. */
export const SHIPPED_TARGETS: ReadonlyArray<readonly [TargetPlatform, TargetArch]> = [
  ['mac', 'arm64'],
  ['win', 'x64'],
  ['win', 'arm64'],
  ['linux', 'x64'],
  ['linux', 'arm64'],
];

/** Paths the asar must contain (the app) and must never contain (development-only code). */
export const MUST_SHIP = [
  'package.json',
  'dist/main/main.cjs',
  'dist/main/preload.cjs',
  'dist/main/synthesisWorker.js',
  'dist/renderer/index.html',
  'dist/renderer/assets/index.js',
];
export const MUST_NOT_SHIP = [
  'e2e/test-host/server.ts',
  'e2e/electron.spec.ts',
  'dist/test-host/server.cjs',
  'dist/e2e/test-host/index.html',
  'dist/main/test-host/host.cjs',
  'dist/renderer/test-host/index.html',
  'dist/main/main.cjs.map',
  'dist/main/studio.test.cjs',
  'src-main/app/main.ts',
  'src-main/core/studio.ts',
  'src-shared/contract.ts',
  'src-renderer/App.tsx',
  'scripts/release/fuses.ts',
  'bench/run.ts',
  'training/train.py',
  'docs/RELEASING.md',
  '.github/workflows/ci.yml',
  'bin/voicemark.mjs',
  'models/manifest.json',
  'tsconfig.json',
  'electron-builder.yml',
  'release/linux-unpacked/resources/app.asar',
];

/** Native code, and the files native code or the eSpeak NG loader read by path. */
export const MUST_UNPACK = [
  'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
  'node_modules/better-sqlite3/lib/index.js',
  'node_modules/@echogarden/espeak-ng-emscripten/espeak-ng.data',
  'node_modules/@echogarden/espeak-ng-emscripten/espeak-ng.js',
];

const ORT_PLATFORM: Record<TargetPlatform, string> = { mac: 'darwin', win: 'win32', linux: 'linux' };
const ORT_LIBRARY: Record<TargetPlatform, string> = {
  mac: 'libonnxruntime.1.30.0.dylib',
  win: 'onnxruntime.dll',
  linux: 'libonnxruntime.so.1',
};

function ortBinary(platform: TargetPlatform, arch: TargetArch, file: string): string {
  return `node_modules/onnxruntime-node/bin/napi-v6/${ORT_PLATFORM[platform]}/${arch}/${file}`;
}

function targetsOf(section: unknown): Array<{ target: string; arch: string[] }> {
  const list = Array.isArray(section) ? section : section == null ? [] : [section];
  return list.map((entry) =>
    typeof entry === 'string'
      ? { target: entry, arch: [] }
      : { target: String((entry as { target: string }).target), arch: [(entry as { arch?: string | string[] }).arch ?? []].flat() },
  );
}

function expectTargets(problems: string[], platform: TargetPlatform, config: Configuration, wanted: Record<string, string[]>): void {
  const targets = targetsOf((config[platform] as { target?: unknown } | undefined)?.target);
  for (const [name, arches] of Object.entries(wanted)) {
    const found = targets.find((t) => t.target.toLowerCase() === name.toLowerCase());
    if (found == null) {
      problems.push(`${platform}: no ${name} target`);
      continue;
    }
    const missing = arches.filter((arch) => !found.arch.includes(arch));
    if (missing.length > 0) problems.push(`${platform}: ${name} is not built for ${missing.join(', ')}`);
  }
}

/** Reads a plist of booleans (our entitlements files) with the plist parser electron-builder uses. */
export function readEntitlements(file: string): Record<string, unknown> {
  const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('app-builder-lib/package.json'));
  const plist = requireFromBuilder('plist') as { parse(xml: string): unknown };
  const parsed = plist.parse(readFileSync(file, 'utf8'));
  if (parsed == null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${file} is not a plist dictionary`);
  return parsed as Record<string, unknown>;
}

function auditEntitlements(problems: string[], projectDir: string, field: 'entitlements' | 'entitlementsInherit', value: unknown): void {
  if (typeof value !== 'string') {
    problems.push(`mac.${field} is not set: electron-builder would fall back to its own, broader entitlements`);
    return;
  }
  const file = resolve(projectDir, value);
  if (!existsSync(file)) {
    problems.push(`mac.${field} points at ${value}, which does not exist`);
    return;
  }
  const granted = readEntitlements(file);
  for (const [key, grant] of Object.entries(granted)) {
    if (!(key in ALLOWED_ENTITLEMENTS)) problems.push(`mac.${field} grants ${key}, which the app does not need`);
    else if (grant !== ALLOWED_ENTITLEMENTS[key]) problems.push(`mac.${field} sets ${key} to ${String(grant)}`);
  }
  for (const key of Object.keys(ALLOWED_ENTITLEMENTS)) {
    if (!(key in granted)) problems.push(`mac.${field} lacks ${key}: V8 cannot run under the hardened runtime without it`);
  }
}

function auditFuses(problems: string[], config: Configuration, variant: FuseVariant): void {
  const fuses = config.electronFuses as Record<string, unknown> | undefined;
  if (fuses == null) {
    problems.push('electronFuses is missing: the package would ship with Electron default fuses');
    return;
  }
  const expected = expectedFuses(variant);
  for (const name of FUSE_NAMES) {
    if (fuses[name] !== expected[name]) {
      problems.push(`electronFuses.${name} is ${String(fuses[name])}, must be ${String(expected[name])}`);
    }
  }
}

function auditPacking(problems: string[], projectDir: string, config: Configuration): void {
  for (const [platform, arch] of SHIPPED_TARGETS) {
    const rules = packingRules(projectDir, config, platform, arch);
    const where = `${platform}-${arch}`;
    for (const path of MUST_SHIP) if (!rules.inAsar(path)) problems.push(`${where}: ${path} would be left out of the package`);
    for (const path of MUST_NOT_SHIP) if (rules.inAsar(path)) problems.push(`${where}: development file ${path} would be packaged`);
    for (const path of MUST_UNPACK) {
      if (!rules.nodeModuleShipped(path)) problems.push(`${where}: ${path} would be left out`);
      else if (!rules.unpacked(path)) problems.push(`${where}: ${path} would stay inside the asar (must be unpacked)`);
    }
    for (const file of ['onnxruntime_binding.node', ORT_LIBRARY[platform]]) {
      const own = ortBinary(platform, arch, file);
      if (!rules.nodeModuleShipped(own)) problems.push(`${where}: ${own} would be left out`);
      else if (!rules.unpacked(own)) problems.push(`${where}: ${own} would stay inside the asar (must be unpacked)`);
    }
    for (const otherPlatform of Object.keys(ORT_PLATFORM) as TargetPlatform[]) {
      for (const otherArch of ['x64', 'arm64'] as const) {
        if (otherPlatform === platform && otherArch === arch) continue;
        const foreign = ortBinary(otherPlatform, otherArch, 'onnxruntime_binding.node');
        if (rules.nodeModuleShipped(foreign)) problems.push(`${where}: would also pack ${foreign}`);
      }
    }
  }
}

/** Everything the shipped configuration (electron-builder.yml, merged) must keep. */
export function auditShippedConfig(config: Configuration, projectDir: string): string[] {
  const problems: string[] = [];
  if (config.asar === false || config.asar == null) problems.push('asar is off: app code would ship as loose files and ASAR integrity could not apply');
  if (config.npmRebuild === false) problems.push('npmRebuild is off: better-sqlite3 would ship built for Node, not for Electron');
  if (config.directories?.output !== 'release') problems.push(`directories.output is ${String(config.directories?.output)}, the release workflow reads release/`);
  auditFuses(problems, config, 'shipped');
  if (config.electronFuses?.resetAdHocDarwinSignature !== true) {
    problems.push('electronFuses.resetAdHocDarwinSignature is off: unsigned arm64 builds would not launch after fuse flipping');
  }
  if (config.disableSanityCheckAsar === true) problems.push('disableSanityCheckAsar hides a broken asar');
  if ((config as { disableAsarIntegrity?: boolean }).disableAsarIntegrity === true) {
    problems.push('disableAsarIntegrity is on: the asar integrity fuse would have nothing to check');
  }
  if (config.forceCodeSigning === true) problems.push('forceCodeSigning belongs in the release workflow (-c.forceCodeSigning=true), not the file');

  const mac = config.mac ?? {};
  if (mac.hardenedRuntime !== true) problems.push('mac.hardenedRuntime is not on: notarization requires it');
  if (mac.notarize === false) problems.push('mac.notarize is off');
  if ('identity' in mac && mac.identity === null) problems.push('mac.identity is null: the mac build would never be signed');
  auditEntitlements(problems, projectDir, 'entitlements', mac.entitlements);
  auditEntitlements(problems, projectDir, 'entitlementsInherit', mac.entitlementsInherit);
  expectTargets(problems, 'mac', config, { dmg: ['arm64'], zip: ['arm64'] });

  expectTargets(problems, 'win', config, { nsis: ['x64', 'arm64'] });
  if (config.nsis?.perMachine !== false) problems.push('nsis.perMachine must be false: the installer is per-user');
  if (config.nsis?.oneClick !== true) problems.push('nsis.oneClick must be true: an assisted installer offers a per-machine install');
  expectTargets(problems, 'linux', config, { AppImage: ['x64', 'arm64'], deb: ['x64', 'arm64'] });

  if (config.publish != null && config.win?.verifyUpdateCodeSignature === false) {
    problems.push('auto-update is configured with win.verifyUpdateCodeSignature off: updates would not be signature-checked');
  }
  const extraResources = [config.extraResources ?? []].flat() as Array<string | { from?: string; to?: string }>;
  const shipsModels = extraResources.some((entry) => typeof entry !== 'string' && entry.from === 'models' && entry.to === 'models');
  if (!shipsModels) problems.push('extraResources does not ship models/ as Resources/models: the default voice would be missing');
  auditPacking(problems, projectDir, config);
  return problems;
}

/** Flattens a configuration into dotted paths so two can be compared field by field. */
function flatten(value: unknown, prefix = '', out: Map<string, string> = new Map()): Map<string, string> {
  if (value != null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, JSON.stringify(value));
  }
  return out;
}

/** Fields the e2e variant may change, and what each must be. */
const E2E_ALLOWED_CHANGES: Record<string, (value: unknown) => boolean> = {
  extends: (v) => v === `./${SHIPPED_CONFIG_FILE}`,
  'directories.output': (v) => v === 'release-e2e',
  'electronFuses.enableNodeCliInspectArguments': (v) => v === true,
  'mac.target': (v) => v === 'dir',
  'win.target': (v) => v === 'dir',
  'linux.target': (v) => v === 'dir',
  'mac.identity': (v) => v === null,
  'mac.notarize': (v) => v === false,
};

/** The e2e variant must equal the shipped configuration except for the fields above. */
export function auditE2eConfig(e2e: Configuration, shipped: Configuration, projectDir: string): string[] {
  const problems: string[] = [];
  const a = flatten(shipped);
  const b = flatten(e2e);
  const changed = new Set<string>();
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    if (a.get(key) === b.get(key)) continue;
    const field = Object.keys(E2E_ALLOWED_CHANGES).find((allowed) => key === allowed || key.startsWith(`${allowed}.`) || key.startsWith(`${allowed}[`));
    if (field == null) problems.push(`the e2e variant changes ${key}; it may differ from the shipped build only in ${Object.keys(E2E_ALLOWED_CHANGES).join(', ')}`);
    else changed.add(field);
  }
  for (const field of changed) {
    const value = field.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], e2e);
    if (!E2E_ALLOWED_CHANGES[field](value)) problems.push(`the e2e variant sets ${field} to ${JSON.stringify(value)}`);
  }
  if (e2e.directories?.output === shipped.directories?.output) {
    problems.push('the e2e variant writes into the shipped output folder: the release workflow could pick it up');
  }
  for (const platform of ['mac', 'win', 'linux'] as const) {
    const targets = targetsOf((e2e[platform] as { target?: unknown } | undefined)?.target);
    if (targets.some((t) => t.target !== 'dir')) problems.push(`the e2e variant builds ${platform} installers; it must build the dir target only`);
  }
  auditFuses(problems, e2e, 'e2e');
  // The variant must still leave development code out: Playwright drives the same package.
  auditPacking(problems, projectDir, e2e);
  return problems;
}

export { SHIPPED_FUSES };
