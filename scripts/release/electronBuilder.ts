/**
 * A narrow door into electron-builder's own code: load a configuration file the way
 * `electron-builder --config FILE` does (including `extends`), validate it against its JSON
 * schema, and ask its file matchers which paths a package would contain. Reaching into
 * app-builder-lib/out is deliberate: electron-builder is pinned exactly, and a test that uses
 * its real matching rules fails loudly on an upgrade that changes them instead of drifting.
 */
import { createRequire } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';
import type { Configuration, PlatformSpecificBuildOptions } from 'electron-builder';

const requireFromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));

interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: Configuration | null): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: unknown): Promise<void>;
}
interface FilterStat {
  isDirectory(): boolean;
  moduleFullFilePath?: string;
}
type Filter = (file: string, stat: FilterStat) => boolean;
interface FileMatcherLike {
  readonly patterns: string[];
  readonly macroExpander: (pattern: string) => string;
  createFilter(): Filter;
}
interface FileMatcherModule {
  FileMatcher: new (from: string, to: string, expander: (p: string) => string, patterns?: string[]) => FileMatcherLike;
  getMainFileMatchers(
    appDir: string,
    destination: string,
    expander: (p: string) => string,
    platformOptions: PlatformSpecificBuildOptions,
    platformPackager: unknown,
    outDir: string,
    isElectronCompile: boolean,
  ): FileMatcherLike[];
  getNodeModuleFileMatcher(
    appDir: string,
    destination: string,
    expander: (p: string) => string,
    platformOptions: PlatformSpecificBuildOptions,
    packagerInfo: unknown,
  ): FileMatcherLike;
  getFileMatchers(
    config: Configuration,
    name: 'asarUnpack',
    destination: string,
    options: { macroExpander: (p: string) => string; customBuildOptions: PlatformSpecificBuildOptions; globalOutDir: string; defaultSrc: string },
  ): FileMatcherLike[] | null;
}
interface MacroModule {
  expandMacro(pattern: string, arch: string | null, appInfo: unknown, extra: Record<string, string>): string;
}
interface FuseGenerator {
  generateFuseConfig(fuses: NonNullable<Configuration['electronFuses']>): Promise<Record<string, unknown>>;
}

// The package index first: its platform packagers import each other in an order that only
// resolves when loading starts there.
const { PlatformPackager } = requireFromBuilder('app-builder-lib') as { PlatformPackager: { prototype: FuseGenerator } };
const configModule = requireFromBuilder('app-builder-lib/out/util/config/config') as ConfigModule;
const fileMatcherModule = requireFromBuilder('app-builder-lib/out/fileMatcher') as FileMatcherModule;
const macroModule = requireFromBuilder('app-builder-lib/out/util/macroExpander') as MacroModule;
const { DebugLogger } = requireFromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

/** Loads FILE the way `electron-builder --config FILE` does, `extends` included. */
export async function loadBuilderConfig(projectDir: string, configFile: string): Promise<Configuration> {
  return configModule.getConfig(projectDir, resolve(projectDir, configFile), null);
}

/** Throws electron-builder's own "Invalid configuration object" error when the schema rejects it. */
export async function validateBuilderSchema(config: Configuration): Promise<void> {
  await configModule.validateConfiguration(structuredClone(config), new DebugLogger(false));
}

/** The @electron/fuses wire configuration electron-builder derives from `electronFuses`. */
export async function builderFuseWire(config: Configuration): Promise<Record<string, unknown>> {
  if (config.electronFuses == null) throw new Error('electron-builder configuration has no electronFuses');
  return PlatformPackager.prototype.generateFuseConfig.call({}, config.electronFuses);
}

export type TargetPlatform = 'mac' | 'win' | 'linux';
export type TargetArch = 'x64' | 'arm64';

const NODE_PLATFORM: Record<TargetPlatform, NodeJS.Platform> = { mac: 'darwin', win: 'win32', linux: 'linux' };

export interface PackingRules {
  /** Would this project-relative path (forward slashes) be copied into app.asar? */
  inAsar(path: string): boolean;
  /** Would this file under node_modules/ be copied into the package? */
  nodeModuleShipped(path: string): boolean;
  /** Would this packaged path be placed in app.asar.unpacked rather than inside the archive? */
  unpacked(path: string): boolean;
}

const directoryStat: FilterStat = { isDirectory: () => true };
const fileStat: FilterStat = { isDirectory: () => false };

/** Every ancestor directory must pass too: electron-builder never walks into an excluded one. */
function passesWithAncestors(filter: Filter, root: string, path: string, statFor: (rel: string, dir: boolean) => FilterStat): boolean {
  const segments = path.split('/');
  for (let i = 1; i <= segments.length; i++) {
    const rel = segments.slice(0, i).join('/');
    const isDir = i < segments.length;
    if (!filter(join(root, ...rel.split('/')), statFor(rel, isDir))) return false;
  }
  return true;
}

/**
 * electron-builder's file rules for one platform and arch, built with its own matchers.
 * Paths need not exist: only the rules are evaluated.
 */
export function packingRules(projectDir: string, config: Configuration, platform: TargetPlatform, arch: TargetArch): PackingRules {
  const appDir = resolve(projectDir);
  const destination = join(appDir, '__packed__');
  const outDir = resolve(projectDir, config.directories?.output ?? 'dist');
  const platformOptions = (config[platform] ?? {}) as PlatformSpecificBuildOptions;
  const appInfo = { productName: config.productName, sanitizedProductName: config.productName, version: '0.0.0' };
  // ${platform} expands to the build host's platform; packages are built on their target OS.
  const expander = (pattern: string) =>
    macroModule.expandMacro(pattern.replaceAll('${platform}', NODE_PLATFORM[platform]), arch, appInfo, {
      os: platform,
      '/*': '{,/**/*}',
    });
  const packagerInfo = {
    projectDir: appDir,
    buildResourcesDir: resolve(projectDir, config.directories?.buildResources ?? 'build'),
    isPrepackedAppAsar: false,
    config,
    debugLogger: new DebugLogger(false),
  };

  const mainMatchers = fileMatcherModule.getMainFileMatchers(
    appDir,
    destination,
    expander,
    platformOptions,
    { info: packagerInfo },
    outDir,
    false,
  );
  const mainFilters = mainMatchers.map((matcher) => matcher.createFilter());
  const nodeMatcher = fileMatcherModule.getNodeModuleFileMatcher(appDir, destination, expander, platformOptions, packagerInfo);
  const nodeFilter = new fileMatcherModule.FileMatcher(appDir, destination, expander, nodeMatcher.patterns).createFilter();
  const unpackMatchers = fileMatcherModule.getFileMatchers(config, 'asarUnpack', destination, {
    macroExpander: expander,
    customBuildOptions: platformOptions,
    globalOutDir: outDir,
    defaultSrc: appDir,
  });
  const unpackFilter = unpackMatchers?.[0]?.createFilter() ?? null;
  const moduleStat = (rel: string, dir: boolean): FilterStat => ({ isDirectory: () => dir, moduleFullFilePath: rel });

  return {
    inAsar: (path) =>
      !path.startsWith('node_modules/') &&
      mainFilters.some((filter) => passesWithAncestors(filter, appDir, path, (_rel, dir) => (dir ? directoryStat : fileStat))),
    nodeModuleShipped: (path) => {
      if (!path.startsWith('node_modules/')) throw new Error(`not a node_modules path: ${path}`);
      // The walk starts at each package's root, so only test from node_modules/<name>/ down.
      const packageDepth = path.startsWith('node_modules/@') ? 3 : 2;
      const segments = path.split('/');
      for (let i = packageDepth; i <= segments.length; i++) {
        const rel = segments.slice(0, i).join('/');
        if (!nodeFilter(join(appDir, ...rel.split('/')), moduleStat(rel, i < segments.length))) return false;
      }
      return true;
    },
    unpacked: (path) => unpackFilter != null && unpackFilter(join(appDir, ...path.split('/')), moduleStat(path, false)),
  };
}

export function toPosix(path: string): string {
  return path.split(sep).join('/');
}

export function relativePosix(from: string, to: string): string {
  return toPosix(relative(from, to));
}
