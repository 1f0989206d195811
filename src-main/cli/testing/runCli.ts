import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/** The real CLI, spawned exactly as a user runs it after `npm ci`: through package.json "bin". */
const BIN = resolve(__dirname, '../../../bin/voicemark.mjs');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** The parsed JSON answer; tests read whatever fields they check. */
  json: any;
}

/** Runs `voicemark --data-dir <dataDir> --json <args…>` and parses its JSON answer (null when there is none). */
export function runCli(dataDir: string, args: string[], env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, [BIN, '--data-dir', dataDir, '--json', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 120_000,
  });
  let json: unknown;
  try {
    json = JSON.parse(result.stdout);
  } catch {
    json = null;
  }
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, json };
}
