/**
 * Inspection of a package electron-builder produced (release/ or release-e2e/): what is inside
 * app.asar (read with @electron/asar's listPackage), what was unpacked next to it, the default
 * voice and its checksums, and the fuse wire of the Electron binary.
 */
import { listPackage, extractFile, statFile } from '@electron/asar';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { sha256File } from '../../src-main/core/files';
import { verifyFuses, type FuseVariant } from './fuses';
import type { TargetArch, TargetPlatform } from './electronBuilder';

export interface PackagedApp {
  platform: TargetPlatform;
  arch: TargetArch;
  /** The unpacked app folder (`linux-unpacked`, `win-arm64-unpacked`) or the `.app` bundle. */
  directory: string;
  resourcesDir: string;
  asarPath: string;
  /** What @electron/fuses reads: the executable, or the .app bundle on macOS. */
  electronBinary: string;
}

export interface AppNames {
  productName: string;
  linuxExecutableName: string;
}

const UNPACKED_DIR = /^(linux|win)(?:-(arm64|x64))?-unpacked$/;
const MAC_DIR = /^mac(?:-(arm64|x64))?$/;

/** The packaged apps electron-builder left in an output folder. */
export function findPackagedApps(outputDir: string, names: AppNames): PackagedApp[] {
  if (!existsSync(outputDir)) return [];
  const apps: PackagedApp[] = [];
  for (const entry of readdirSync(outputDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const directory = join(outputDir, entry.name);
    const unpacked = UNPACKED_DIR.exec(entry.name);
    if (unpacked) {
      const platform = unpacked[1] as 'linux' | 'win';
      const executable = platform === 'win' ? `${names.productName}.exe` : names.linuxExecutableName;
      apps.push({
        platform,
        arch: (unpacked[2] as TargetArch | undefined) ?? 'x64',
        directory,
        resourcesDir: join(directory, 'resources'),
        asarPath: join(directory, 'resources', 'app.asar'),
        electronBinary: join(directory, executable),
      });
      continue;
    }
    const mac = MAC_DIR.exec(entry.name);
    if (mac) {
      for (const bundle of readdirSync(directory).filter((name) => name.endsWith('.app'))) {
        const app = join(directory, bundle);
        apps.push({
          platform: 'mac',
          arch: (mac[1] as TargetArch | undefined) ?? 'x64',
          directory: app,
          resourcesDir: join(app, 'Contents', 'Resources'),
          asarPath: join(app, 'Contents', 'Resources', 'app.asar'),
          electronBinary: app,
        });
      }
    }
  }
  return apps.sort((a, b) => a.directory.localeCompare(b.directory));
}

/** The archive's files as forward-slash paths without the leading slash. */
export function asarEntries(asarPath: string): string[] {
  return listPackage(asarPath, { isPack: false }).map((entry) => entry.replace(/\\/g, '/').replace(/^\//, ''));
}

/** Paths outside node_modules that are development-only (docs/ARCHITECTURE.md, the e2e host). */
const DEV_ONLY_PATHS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(e2e|src-[^/]+|scripts|bench|training|docs|\.github|\.ci|bin|models|coverage|test-results)(\/|$)/, 'development folder'],
  [/(^|\/)test-host(\/|$)/, 'browser test host'],
  [/\.(test|spec)\.[cm]?[jt]sx?$/, 'test file'],
  [/\.map$/, 'source map'],
  [/(?<!\.d)\.tsx?$/, 'TypeScript source'],
  [/^(tsconfig[^/]*\.json|vitest\.config\.[^/]+|electron-builder[^/]*\.ya?ml|eslint\.config\.[^/]+)$/, 'tooling configuration'],
];

/** Packages that are build or test tools: none may be in the shipped node_modules. */
export const DEV_ONLY_PACKAGES = [
  'electron',
  'electron-builder',
  'app-builder-lib',
  '@electron/fuses',
  '@electron/asar',
  '@electron/rebuild',
  'vitest',
  'vite',
  'typescript',
  'tsx',
  'esbuild',
  'eslint',
  'playwright-core',
  '@doyensec/electronegativity',
  '@action-validator/core',
];

/** Files that must be real files beside the asar, relative to app.asar.unpacked. */
export function requiredUnpacked(platform: TargetPlatform, arch: TargetArch): string[] {
  const ortPlatform = { mac: 'darwin', win: 'win32', linux: 'linux' }[platform];
  return [
    'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    `node_modules/onnxruntime-node/bin/napi-v6/${ortPlatform}/${arch}/onnxruntime_binding.node`,
    'node_modules/@echogarden/espeak-ng-emscripten/espeak-ng.data',
  ];
}

export interface InspectionOptions {
  variant: FuseVariant;
  /** Built main-process files (project-relative, e.g. dist/main/main.cjs) that must be inside. */
  builtMainFiles?: readonly string[];
  /** Skip the fuse check (for synthetic packages without an Electron binary). */
  skipFuses?: boolean;
}

function isFile(path: string): boolean {
  return existsSync(path) && statSync(path).isFile();
}

/** Every problem with a packaged app, one sentence each; empty when it is as it must be. */
export async function inspectPackagedApp(app: PackagedApp, options: InspectionOptions): Promise<string[]> {
  const problems: string[] = [];
  const label = `${app.platform}-${app.arch}`;
  if (!isFile(app.asarPath)) return [`${label}: no app.asar at ${app.asarPath}`];
  const entries = asarEntries(app.asarPath);
  const entrySet = new Set(entries);

  for (const entry of entries) {
    if (entry.startsWith('node_modules/')) continue;
    for (const [pattern, what] of DEV_ONLY_PATHS) if (pattern.test(entry)) problems.push(`${label}: app.asar contains ${what} ${entry}`);
  }
  for (const name of DEV_ONLY_PACKAGES) {
    if (entrySet.has(`node_modules/${name}/package.json`)) problems.push(`${label}: app.asar contains the development package ${name}`);
  }

  if (!entrySet.has('package.json')) problems.push(`${label}: app.asar has no package.json`);
  else {
    const manifest = JSON.parse(extractFile(app.asarPath, 'package.json').toString('utf8')) as { main?: string };
    const main = manifest.main?.replace(/^\.\//, '');
    if (main == null || !entrySet.has(main)) problems.push(`${label}: package.json main (${String(manifest.main)}) is not in app.asar`);
  }
  for (const file of options.builtMainFiles ?? []) if (!entrySet.has(file)) problems.push(`${label}: built file ${file} is not in app.asar`);
  if (!entrySet.has('dist/renderer/index.html')) problems.push(`${label}: the renderer (dist/renderer/index.html) is not in app.asar`);

  const unpackedDir = `${app.asarPath}.unpacked`;
  for (const path of requiredUnpacked(app.platform, app.arch)) {
    if (!isFile(join(unpackedDir, ...path.split('/')))) problems.push(`${label}: ${path} is not unpacked beside the asar`);
    // @electron/asar looks paths up by the platform's separator.
    else if (!entrySet.has(path) || statFile(app.asarPath, path.split('/').join(sep)).unpacked !== true) {
      problems.push(`${label}: the asar header does not mark ${path} as unpacked`);
    }
  }
  const ortBin = join(unpackedDir, 'node_modules', 'onnxruntime-node', 'bin', 'napi-v6');
  if (existsSync(ortBin)) {
    const ortPlatform = { mac: 'darwin', win: 'win32', linux: 'linux' }[app.platform];
    for (const platform of readdirSync(ortBin)) {
      if (platform !== ortPlatform) problems.push(`${label}: onnxruntime-node binaries for ${platform} are packaged`);
      else for (const arch of readdirSync(join(ortBin, platform))) if (arch !== app.arch) problems.push(`${label}: onnxruntime-node binaries for ${platform}-${arch} are packaged`);
    }
  }

  problems.push(...(await inspectShippedVoices(app.resourcesDir)).map((p) => `${label}: ${p}`));
  if (!isFile(join(app.resourcesDir, 'THIRD_PARTY_LICENSES.md'))) problems.push(`${label}: THIRD_PARTY_LICENSES.md is not in the resources`);
  if (!options.skipFuses) problems.push(...(await verifyFuses(app.electronBinary, options.variant)).map((p) => `${label}: ${p}`));
  return problems;
}

interface ManifestVoice {
  id?: unknown;
  files?: Record<string, unknown>;
  sha256?: Record<string, unknown>;
}

/** The shipped voices: manifest present, every listed file present with the listed sha256. */
export async function inspectShippedVoices(resourcesDir: string): Promise<string[]> {
  const modelsDir = join(resourcesDir, 'models');
  const manifestPath = join(modelsDir, 'manifest.json');
  if (!isFile(manifestPath)) return ['models/manifest.json is not in the resources'];
  let voices: ManifestVoice[];
  try {
    voices = ((JSON.parse(readFileSync(manifestPath, 'utf8')) as { voices?: ManifestVoice[] }).voices ?? []) as ManifestVoice[];
  } catch (error) {
    return [`models/manifest.json does not parse: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  for (const voice of voices) {
    for (const [role, file] of Object.entries(voice.files ?? {})) {
      const expected = voice.sha256?.[role];
      if (typeof file !== 'string' || typeof expected !== 'string') {
        problems.push(`voice ${String(voice.id)}: ${role} has no file name or sha256 in the manifest`);
        continue;
      }
      const path = join(modelsDir, file);
      if (!isFile(path)) problems.push(`voice ${String(voice.id)}: ${file} is not shipped`);
      else if ((await sha256File(path)) !== expected.toLowerCase()) problems.push(`voice ${String(voice.id)}: ${file} does not match its sha256`);
    }
  }
  return problems;
}
