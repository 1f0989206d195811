import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALLOWED_ENTITLEMENTS,
  E2E_CONFIG_FILE,
  SHIPPED_CONFIG_FILE,
  auditE2eConfig,
  auditShippedConfig,
  readEntitlements,
} from './builderConfig';
import { loadBuilderConfig, packingRules, validateBuilderSchema } from './electronBuilder';
import { SHIPPED_FUSES } from './fuses';

const projectDir = fileURLToPath(new URL('../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'vm-builder-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let shipped: Configuration;
let e2e: Configuration;
beforeAll(async () => {
  shipped = await loadBuilderConfig(projectDir, SHIPPED_CONFIG_FILE);
  e2e = await loadBuilderConfig(projectDir, E2E_CONFIG_FILE);
});

/** A deep copy with one change, so each test breaks exactly one promise. */
function changed(base: Configuration, change: (config: Record<string, any>) => void): Configuration {
  const copy = structuredClone(base) as Record<string, any>;
  change(copy);
  return copy as Configuration;
}

describe('electron-builder configuration: schema', () => {
  it('electron-builder.yml and the e2e variant pass electron-builder 26’s own schema validation', async () => {
    await expect(validateBuilderSchema(shipped)).resolves.toBeUndefined();
    await expect(validateBuilderSchema(e2e)).resolves.toBeUndefined();
  });

  it('the validator is live: it rejects an unknown option and a wrongly typed one', async () => {
    await expect(validateBuilderSchema(changed(shipped, (c) => (c.asarUnpak = ['**/*.node'])))).rejects.toThrow(/unknown property 'asarUnpak'/);
    await expect(validateBuilderSchema(changed(shipped, (c) => (c.mac.hardenedRuntime = 'yes')))).rejects.toThrow(/hardenedRuntime/);
  });
});

describe('electron-builder configuration: security-relevant fields', () => {
  it('keeps every promise (fuses, asar, hardened runtime, entitlements, targets, file rules)', () => {
    expect(auditShippedConfig(shipped, projectDir)).toEqual([]);
  });

  it('states the fields literally, so a change shows up in review as a test change too', () => {
    expect(shipped.asar).toBe(true);
    expect(shipped.electronFuses).toEqual({ ...SHIPPED_FUSES, resetAdHocDarwinSignature: true });
    expect(shipped.mac?.hardenedRuntime).toBe(true);
    expect(shipped.mac?.entitlements).toBe('build/entitlements.mac.plist');
    expect(readEntitlements(join(projectDir, 'build/entitlements.mac.plist'))).toEqual(ALLOWED_ENTITLEMENTS);
    expect(shipped.asarUnpack).toEqual(
      expect.arrayContaining(['**/node_modules/better-sqlite3/**', '**/node_modules/onnxruntime-node/**', '**/node_modules/@echogarden/espeak-ng-emscripten/**']),
    );
    const filePatterns = (shipped.files as Array<{ filter: string[] }>)[0].filter;
    expect(filePatterns).toEqual(expect.arrayContaining(['!dist/**/test-host{,/**}', '!**/*.map']));
    expect(filePatterns.find((p) => p.startsWith('!{e2e,'))).toMatch(/e2e,src-shared,src-main,src-renderer,bench,scripts,training,docs,\.github/);
    expect(shipped.nsis?.perMachine).toBe(false);
    expect(shipped.npmRebuild).toBe(true);
  });

  const mutations: Array<[string, (c: Record<string, any>) => void, RegExp]> = [
    ['inspect fuse on', (c) => (c.electronFuses.enableNodeCliInspectArguments = true), /enableNodeCliInspectArguments is true, must be false/],
    ['RunAsNode on', (c) => (c.electronFuses.runAsNode = true), /runAsNode is true/],
    ['asar integrity off', (c) => delete c.electronFuses.enableEmbeddedAsarIntegrityValidation, /enableEmbeddedAsarIntegrityValidation is undefined/],
    ['fuses removed', (c) => delete c.electronFuses, /electronFuses is missing/],
    ['asar off', (c) => (c.asar = false), /asar is off/],
    ['hardened runtime off', (c) => (c.mac.hardenedRuntime = false), /hardenedRuntime is not on/],
    ['notarization off', (c) => (c.mac.notarize = false), /notarize is off/],
    ['native rebuild off', (c) => (c.npmRebuild = false), /npmRebuild is off/],
    ['per-machine installer', (c) => (c.nsis.perMachine = true), /perMachine must be false/],
    ['no arm64 Windows build', (c) => (c.win.target = [{ target: 'nsis', arch: ['x64'] }]), /nsis is not built for arm64/],
    ['models not shipped', (c) => (c.extraResources = []), /models/],
    ['better-sqlite3 left in the asar', (c) => (c.asarUnpack = c.asarUnpack.filter((p: string) => !p.includes('better-sqlite3') && p !== '**/*.node')), /better_sqlite3.node would stay inside the asar/],
    ['eSpeak data left in the asar', (c) => (c.asarUnpack = c.asarUnpack.filter((p: string) => !p.includes('espeak'))), /espeak-ng.data would stay inside the asar/],
    ['test-host exclusion dropped and dist widened', (c) => {
      c.files[0].filter = c.files[0].filter.filter((p: string) => !p.includes('test-host')).concat('dist/**/*');
    }, /development file dist\/test-host\/server.cjs would be packaged/],
    ['e2e folder included', (c) => c.files[0].filter.push('e2e/**/*'), /development file e2e\/test-host\/server.ts would be packaged/],
    ['whole project included and the exclusion lock removed', (c) => {
      c.files[0].filter = ['**/*', ...c.files[0].filter.filter((p: string) => !p.startsWith('!{e2e,'))];
    }, /development file src-main\/core\/studio.ts would be packaged/],
    ['a platform section with string file patterns', (c) => (c.linux.files = ['!**/*.md']), /linux-x64: development file src-main/],
    ['onnxruntime for every platform', (c) => {
      c.files[0].filter = c.files[0].filter.filter((p: string) => !p.includes('onnxruntime-node/bin'));
    }, /would also pack node_modules\/onnxruntime-node\/bin\/napi-v6\/darwin\/arm64/],
    ['auto-update without signature check', (c) => {
      c.publish = { provider: 'github' };
      c.win.verifyUpdateCodeSignature = false;
    }, /verifyUpdateCodeSignature off/],
  ];
  it.each(mutations)('flags a regression: %s', (_name, mutate, expected) => {
    const problems = auditShippedConfig(changed(shipped, mutate), projectDir);
    expect(problems.join('\n')).toMatch(expected);
  });

  it('the exclusion lock holds even when someone includes the whole project', () => {
    expect(auditShippedConfig(changed(shipped, (c) => c.files[0].filter.unshift('**/*')), projectDir)).toEqual([]);
  });

  it('flags an entitlement the app does not need, and a missing allow-jit', () => {
    const broad = join(scratch, 'broad.plist');
    writeFileSync(
      broad,
      '<?xml version="1.0" encoding="UTF-8"?><plist version="1.0"><dict>' +
        '<key>com.apple.security.cs.allow-jit</key><true/>' +
        '<key>com.apple.security.cs.disable-library-validation</key><true/></dict></plist>',
    );
    const empty = join(scratch, 'empty.plist');
    writeFileSync(empty, '<?xml version="1.0" encoding="UTF-8"?><plist version="1.0"><dict></dict></plist>');
    expect(auditShippedConfig(changed(shipped, (c) => (c.mac.entitlements = broad)), projectDir)).toEqual([
      'mac.entitlements grants com.apple.security.cs.disable-library-validation, which the app does not need',
    ]);
    expect(auditShippedConfig(changed(shipped, (c) => (c.mac.entitlementsInherit = empty)), projectDir)).toEqual([
      'mac.entitlementsInherit lacks com.apple.security.cs.allow-jit: V8 cannot run under the hardened runtime without it',
    ]);
  });
});

describe('electron-builder configuration: what gets packed (electron-builder’s own matchers)', () => {
  it('packs the built app and nothing of the browser test host, sources or tooling', () => {
    const rules = packingRules(projectDir, shipped, 'linux', 'x64');
    expect(rules.inAsar('dist/main/main.cjs')).toBe(true);
    expect(rules.inAsar('dist/renderer/assets/index-abc.js')).toBe(true);
    for (const path of ['e2e/test-host/server.ts', 'dist/test-host/index.cjs', 'dist/renderer/test-host/host.js', 'src-main/app/main.ts', 'scripts/release/fuses.ts', 'models/manifest.json']) {
      expect(rules.inAsar(path), path).toBe(false);
    }
  });

  it('unpacks the native modules and keeps only the target’s onnxruntime binaries', () => {
    const rules = packingRules(projectDir, shipped, 'win', 'arm64');
    const own = 'node_modules/onnxruntime-node/bin/napi-v6/win32/arm64/onnxruntime.dll';
    expect(rules.nodeModuleShipped(own) && rules.unpacked(own)).toBe(true);
    expect(rules.nodeModuleShipped('node_modules/onnxruntime-node/bin/napi-v6/win32/x64/onnxruntime.dll')).toBe(false);
    expect(rules.nodeModuleShipped('node_modules/onnxruntime-node/bin/napi-v6/linux/arm64/libonnxruntime.so.1')).toBe(false);
    expect(rules.unpacked('node_modules/zod/index.js')).toBe(false);
    expect(rules.nodeModuleShipped('node_modules/better-sqlite3/deps/sqlite3/sqlite3.c')).toBe(false);
  });
});

describe('the e2e variant', () => {
  it('differs from the shipped configuration only by the inspect fuse, its output folder and unsigned dir targets', () => {
    expect(auditE2eConfig(e2e, shipped, projectDir)).toEqual([]);
    expect(e2e.electronFuses?.enableNodeCliInspectArguments).toBe(true);
    expect(e2e.directories?.output).toBe('release-e2e');
  });

  it('flags any other difference', () => {
    expect(auditE2eConfig(changed(e2e, (c) => (c.electronFuses.runAsNode = true)), shipped, projectDir).join('\n')).toMatch(
      /changes electronFuses.runAsNode/,
    );
    expect(auditE2eConfig(changed(e2e, (c) => (c.directories.output = 'release')), shipped, projectDir).join('\n')).toMatch(
      /writes into the shipped output folder/,
    );
    expect(auditE2eConfig(changed(e2e, (c) => (c.asarUnpack = ['**/*'])), shipped, projectDir).join('\n')).toMatch(/changes asarUnpack/);
    expect(auditE2eConfig(changed(e2e, (c) => (c.linux.target = 'AppImage')), shipped, projectDir).join('\n')).toMatch(/builds linux installers/);
  });
});
