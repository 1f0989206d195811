/**
 * Licences of what ships: every production dependency in package-lock.json, the Electron
 * runtime, and the voices in models/manifest.json. Checks each declared licence is compatible
 * with the project's GPL-3.0-or-later, and renders THIRD_PARTY_LICENSES.md (shipped in the
 * package next to the app).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * SPDX identifiers whose terms allow combining the code into a GPL-3.0-or-later work (FSF's list
 * of GPL-compatible licences). Deprecated SPDX forms npm packages still use are included.
 */
export const GPL3_COMPATIBLE = new Set([
  '0BSD',
  'Apache-2.0',
  'Artistic-2.0',
  'BlueOak-1.0.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'BSL-1.0',
  'CC-BY-4.0',
  'CC0-1.0',
  'GPL-2.0+',
  'GPL-2.0-or-later',
  'GPL-3.0',
  'GPL-3.0+',
  'GPL-3.0-only',
  'GPL-3.0-or-later',
  'ISC',
  'LGPL-2.1',
  'LGPL-2.1+',
  'LGPL-2.1-only',
  'LGPL-2.1-or-later',
  'LGPL-3.0',
  'LGPL-3.0+',
  'LGPL-3.0-only',
  'LGPL-3.0-or-later',
  'MIT',
  'MIT-0',
  'MPL-2.0',
  'Python-2.0',
  'Unicode-3.0',
  'Unicode-DFS-2016',
  'Unlicense',
  'WTFPL',
  'X11',
  'Zlib',
]);

/** `WITH` exceptions only add permissions, so the base licence decides. */
const KNOWN_EXCEPTIONS = new Set(['Classpath-exception-2.0', 'LLVM-exception', 'GCC-exception-3.1', 'Autoconf-exception-3.0']);

type Token = { kind: 'open' | 'close' | 'and' | 'or' | 'with' } | { kind: 'id'; value: string };

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  for (const raw of expression.replace(/([()])/g, ' $1 ').split(/\s+/).filter(Boolean)) {
    const upper = raw.toUpperCase();
    if (raw === '(') tokens.push({ kind: 'open' });
    else if (raw === ')') tokens.push({ kind: 'close' });
    else if (upper === 'AND') tokens.push({ kind: 'and' });
    else if (upper === 'OR') tokens.push({ kind: 'or' });
    else if (upper === 'WITH') tokens.push({ kind: 'with' });
    else tokens.push({ kind: 'id', value: raw });
  }
  return tokens;
}

/**
 * Whether an SPDX licence expression allows use in a GPL-3.0-or-later work: `A OR B` when
 * either does, `A AND B` when both do. Throws on an expression that does not parse.
 */
export function isGplCompatible(expression: string): boolean {
  const tokens = tokenize(expression);
  let position = 0;
  const fail = (why: string): never => {
    throw new Error(`cannot parse licence expression "${expression}": ${why}`);
  };
  const atom = (): boolean => {
    const token = tokens[position++];
    if (token == null) return fail('unexpected end');
    if (token.kind === 'open') {
      const value = orExpression();
      if (tokens[position++]?.kind !== 'close') fail('missing )');
      return value;
    }
    if (token.kind !== 'id') return fail(`unexpected ${token.kind}`);
    let compatible = GPL3_COMPATIBLE.has(token.value);
    if (tokens[position]?.kind === 'with') {
      position++;
      const exception = tokens[position++];
      if (exception?.kind !== 'id') fail('WITH needs an exception id');
      if (!KNOWN_EXCEPTIONS.has((exception as { value: string }).value)) compatible = false;
    }
    return compatible;
  };
  const andExpression = (): boolean => {
    let value = atom();
    while (tokens[position]?.kind === 'and') {
      position++;
      value = atom() && value;
    }
    return value;
  };
  const orExpression = (): boolean => {
    let value = andExpression();
    while (tokens[position]?.kind === 'or') {
      position++;
      value = andExpression() || value;
    }
    return value;
  };
  const result = orExpression();
  if (position !== tokens.length) fail('trailing tokens');
  return result;
}

export interface ShippedComponent {
  name: string;
  version: string;
  /** SPDX expression as declared, or null when the package declares none. */
  licence: string | null;
  /** Folder of the installed package (for its licence files). */
  directory: string;
  homepage: string | null;
  /** Why this component ships: a production dependency, or the runtime itself. */
  role: 'dependency' | 'runtime';
}

/** Licence metadata a package.json may carry (the legacy object and array forms included). */
export function declaredLicence(manifest: Record<string, unknown>): string | null {
  const { license, licenses } = manifest as { license?: unknown; licenses?: unknown };
  if (typeof license === 'string' && license.trim()) return license.trim();
  if (license != null && typeof license === 'object' && typeof (license as { type?: unknown }).type === 'string') {
    return (license as { type: string }).type;
  }
  if (Array.isArray(licenses)) {
    const types = licenses.map((entry) => (entry as { type?: unknown }).type).filter((t): t is string => typeof t === 'string');
    if (types.length > 0) return types.length === 1 ? types[0] : `(${types.join(' OR ')})`;
  }
  return null;
}

function homepageOf(manifest: Record<string, unknown>): string | null {
  if (typeof manifest.homepage === 'string') return manifest.homepage;
  const repository = manifest.repository;
  if (typeof repository === 'string') return repository;
  if (repository != null && typeof repository === 'object' && typeof (repository as { url?: unknown }).url === 'string') {
    return (repository as { url: string }).url.replace(/^git\+/, '');
  }
  return null;
}

function readManifest(directory: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as Record<string, unknown>;
}

interface LockEntry {
  version?: string;
  license?: string;
  dev?: boolean;
  link?: boolean;
}

/**
 * Components that end up in the package: package-lock.json entries not marked `dev` (optional
 * and peer production dependencies included), plus the Electron runtime, which is a
 * devDependency in package.json but is what the installers actually ship.
 */
export function shippedComponents(projectDir: string): ShippedComponent[] {
  const lock = JSON.parse(readFileSync(join(projectDir, 'package-lock.json'), 'utf8')) as {
    lockfileVersion?: number;
    packages?: Record<string, LockEntry>;
  };
  if (lock.packages == null || (lock.lockfileVersion ?? 0) < 2) throw new Error('package-lock.json must be lockfileVersion 2 or 3');
  const components: ShippedComponent[] = [];
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === '' || entry.dev === true || entry.link === true) continue;
    const directory = join(projectDir, key);
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const manifest = existsSync(join(directory, 'package.json')) ? readManifest(directory) : {};
    components.push({
      name,
      version: entry.version ?? String(manifest.version ?? 'unknown'),
      licence: entry.license ?? declaredLicence(manifest),
      directory,
      homepage: homepageOf(manifest),
      role: 'dependency',
    });
  }
  const electronDir = join(projectDir, 'node_modules', 'electron');
  if (existsSync(join(electronDir, 'package.json'))) {
    const manifest = readManifest(electronDir);
    components.push({
      name: 'electron',
      version: String(manifest.version),
      licence: declaredLicence(manifest),
      directory: electronDir,
      homepage: 'https://github.com/electron/electron',
      role: 'runtime',
    });
  }
  return components.sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/** Packages whose metadata is wrong or missing, with the licence a person checked by hand. */
export interface ReviewedLicence {
  licence: string;
  reason: string;
}
export const REVIEWED_LICENCES: Readonly<Record<string, ReviewedLicence>> = {};

/** One sentence per component whose licence is missing, unparsable or not GPL-3.0-compatible. */
export function licenceProblems(components: readonly ShippedComponent[], reviewed: Readonly<Record<string, ReviewedLicence>> = REVIEWED_LICENCES): string[] {
  const problems: string[] = [];
  for (const component of components) {
    const id = `${component.name}@${component.version}`;
    const licence = reviewed[id]?.licence ?? component.licence;
    if (licence == null) {
      problems.push(`${id} declares no licence`);
      continue;
    }
    try {
      if (!isGplCompatible(licence)) problems.push(`${id} is licensed ${licence}, which is not compatible with GPL-3.0-or-later`);
    } catch (error) {
      problems.push(`${id}: ${(error as Error).message}`);
    }
  }
  return problems;
}

const LICENCE_FILE = /^(licen[cs]e|copying|notice)([-._].*)?$/i;

/** The licence and notice files a package carries, sorted by name. */
export function licenceFiles(directory: string): string[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isFile() && LICENCE_FILE.test(entry.name))
    .map((entry) => join(directory, entry.name))
    .sort();
}

export interface ShippedVoice {
  id: string;
  name: string;
  licence: string;
  provenance: string;
}

/** Voices listed in models/manifest.json (empty when there is no manifest). */
export function shippedVoices(projectDir: string): ShippedVoice[] {
  const file = join(projectDir, 'models', 'manifest.json');
  if (!existsSync(file)) return [];
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as { voices?: Array<Record<string, unknown>> };
  return (manifest.voices ?? []).map((voice) => ({
    id: String(voice.id),
    name: String(voice.name ?? voice.id),
    licence: typeof voice.licence === 'string' ? voice.licence : JSON.stringify(voice.licence ?? null),
    provenance: typeof voice.provenance === 'string' ? voice.provenance : JSON.stringify(voice.provenance ?? null),
  }));
}

function fence(text: string): string {
  const longestRun = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longestRun + 1);
  return `${ticks}text\n${text.trimEnd()}\n${ticks}`;
}

/** THIRD_PARTY_LICENSES.md: a summary table, then each component with its licence text. */
export function renderThirdPartyLicences(components: readonly ShippedComponent[], voices: readonly ShippedVoice[]): string {
  const lines: string[] = [
    '# Third-party licences',
    '',
    'Voicemark Studio is free software, licensed GPL-3.0-or-later. The installers also contain the',
    'components below, each under its own licence. The Chromium licences of the Electron runtime are',
    'in `LICENSES.chromium.html` next to the application. This file is generated by',
    '`scripts/release/licences.ts` from package-lock.json; do not edit it by hand.',
    '',
    '| Component | Version | Licence |',
    '|---|---|---|',
    ...components.map((c) => `| ${c.name} | ${c.version} | ${c.licence ?? 'none declared'} |`),
    '',
  ];
  if (voices.length > 0) {
    lines.push('## Voices', '', '| Voice | Licence | Provenance |', '|---|---|---|');
    for (const voice of voices) lines.push(`| ${voice.name} (${voice.id}) | ${voice.licence} | ${voice.provenance} |`);
    lines.push('');
  }
  for (const component of components) {
    lines.push(`## ${component.name} ${component.version}`, '');
    lines.push(`Licence: ${component.licence ?? 'none declared'}${component.role === 'runtime' ? ' (application runtime)' : ''}`);
    if (component.homepage) lines.push(`Source: ${component.homepage}`);
    lines.push('');
    const files = licenceFiles(component.directory);
    if (files.length === 0) lines.push('The package carries no licence file; the licence above is as declared in its package.json.', '');
    for (const file of files) lines.push(fence(readFileSync(file, 'utf8')), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
