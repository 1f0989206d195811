import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Debian command-line tools used to produce real test files (never used by the studio at run time).
 * A missing tool fails the test with the package to install.
 */
const PACKAGE_OF: Record<string, string> = {
  sox: 'sox',
  lame: 'lame',
  opusenc: 'opus-tools',
  oggenc: 'vorbis-tools',
  flac: 'flac',
  ffmpeg: 'ffmpeg',
};

export function requireTools(...tools: string[]): void {
  const missing = tools.filter((tool) => {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length > 0) {
    const packages = [...new Set(missing.map((tool) => PACKAGE_OF[tool] ?? tool))].join(' ');
    throw new Error(`audio tests need ${missing.join(', ')}: apt-get install -y ${packages}`);
  }
}

export function runTool(tool: string, args: string[]): Buffer {
  return execFileSync(tool, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 512 * 1024 * 1024 });
}

export interface TempDir {
  path: string;
  file(name: string): string;
  remove(): void;
}

export function makeTempDir(): TempDir {
  const path = mkdtempSync(join(tmpdir(), 'voicemark-audio-test-'));
  return {
    path,
    file: (name) => join(path, name),
    remove: () => rmSync(path, { recursive: true, force: true }),
  };
}
