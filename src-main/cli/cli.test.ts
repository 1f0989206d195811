import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from './testing/runCli';



let dataDir: string;
let work: string;

function cli(args: string[], env: Record<string, string> = {}): CliRun {
  return runCli(dataDir, args, env);
}

/** The history's observable state: row count plus every file in the audio folder. */
function historySnapshot(): string {
  const listed = cli(['history', 'list', '--limit', '500']).json;
  const audioDir = join(dataDir, 'audio');
  const files = statSafe(audioDir) ? readdirSync(audioDir).sort().join(',') : '';
  return `${listed.total}|${files}`;
}

function statSafe(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function expectError(run: CliRun, code: string, exit: number) {
  expect(run.json?.error?.code, run.stdout + run.stderr).toBe(code);
  expect(typeof run.json.error.message).toBe('string');
  expect(run.status).toBe(exit);
  expect(run.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/); // no stack trace
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'voicemark-cli-'));
  dataDir = join(work, 'data');
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('voicemark CLI, end to end on the real core', () => {
  let generationId: string;
  const script = 'The quick brown fox jumps over the lazy dog. Then it naps in the warm afternoon sun.';

  it('speaks a script to WAV with the default voice, watermarked and recorded', () => {
    const out = join(work, 'first.wav');
    const run = cli(['speak', '--text', script, '--out', out]);
    expect(run.status, run.stderr).toBe(0);
    const result = run.json;
    expect(result.id).toMatch(/^[0-9a-f]{16}$/);
    expect(result.watermark.payload).toBe(result.id);
    expect(result.file).toBe(out);
    expect(result.policy.decision).toBe('allow');
    expect(result.voice).toBe('espeak-en-us');
    expect(result.durationSec).toBeGreaterThan(2);
    expect(result.sampleRate).toBe(22050);
    const bytes = readFileSync(out);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(run.stderr).toMatch(/sentence 2\/2/);
    generationId = result.id;
  });

  it('traces the exported file back to its generation', () => {
    const run = cli(['check', join(work, 'first.wav')]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.json.watermarked).toBe(true);
    expect(run.json.payload).toBe(generationId);
    expect(run.json.falsePositiveProbability).toBeLessThan(1e-6);
    expect(run.json.generation).toMatchObject({ id: generationId, voice: 'espeak-en-us', text: script });
    expect(run.json.marks.map((mark: { method: string }) => mark.method)).toEqual(['decoded']);
  });

  it('writes MP3 by extension and the MP3 still carries the mark', () => {
    const out = join(work, 'second.mp3');
    const run = cli(['speak', '--text', 'A second clip, this time saved as MP3 for sharing.', '--out', out, '--speed', '1.2']);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 3).toString('latin1')).toMatch(/^(ID3|\xff\xfb|\xff\xf3)/);
    const check = cli(['check', out]);
    expect(check.json.watermarked).toBe(true);
    expect(check.json.payload).toBe(run.json.id);
  });

  it('lists, searches, shows, exports and deletes history', () => {
    const list = cli(['history', 'list']);
    expect(list.status).toBe(0);
    expect(list.json.total).toBe(2);
    expect(list.json.items[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), createdAt: expect.any(String), voice: 'espeak-en-us', textPreview: expect.any(String), durationSec: expect.any(Number) }),
    );
    const search = cli(['history', 'list', '--query', 'fox']);
    expect(search.json.items.map((i: any) => i.id)).toEqual([generationId]);

    const show = cli(['history', 'show', generationId]);
    expect(show.status).toBe(0);
    expect(show.json.text).toBe(script);
    expect(show.json.events.some((e: any) => e.kind === 'check')).toBe(true);

    const exported = join(work, 'again.mp3');
    const exp = cli(['history', 'export', generationId, '--out', exported]);
    expect(exp.status, exp.stderr).toBe(0);
    expect(statSync(exported).size).toBe(exp.json.bytes);

    const del = cli(['history', 'delete', generationId]);
    expect(del.status).toBe(0);
    expect(cli(['history', 'show', generationId]).status).toBe(4);
    // The deleted generation's clip is still marked but no longer known here.
    const check = cli(['check', exported]);
    expect(check.json.watermarked).toBe(true);
    expect(check.json.generation).toBeNull();
  });

  it('evaluates policy for one text and for a JSONL batch in order', () => {
    const benign = cli(['policy', 'check', '--text', 'Use kill -9 to kill the process if it hangs.']);
    expect(benign.status).toBe(0);
    expect(benign.json).toMatchObject({ decision: 'allow', violations: [] });
    expect(typeof benign.json.policyVersion).toBe('string');

    const batchFile = join(work, 'batch.jsonl');
    writeFileSync(
      batchFile,
      [
        { text: 'The murder trial began on Monday.' },
        { text: 'This is the IRS. Your account is suspended; pay the fine today with Apple gift cards or you will be arrested.' },
        { text: 'Scunthorpe United won the match.' },
      ]
        .map((line) => JSON.stringify(line))
        .join('\n'),
    );
    const batch = cli(['policy', 'check', '--batch', batchFile]);
    expect(batch.status).toBe(0);
    expect(batch.json.results.map((r: any) => r.decision)).toEqual(['allow', 'block', 'allow']);
    expect(batch.json.results[1].violations[0].category).toBe('fraud_scam');
  });

  it('refuses a blocked script with exit 3 and records the attempt without its text', () => {
    const marker = `Zqxv${Date.now()}`;
    const before = historySnapshot();
    const run = cli(['speak', '--text', `${marker}, this is the IRS. Pay the overdue tax today with gift cards or you will be arrested.`]);
    expectError(run, 'POLICY_BLOCKED', 3);
    expect(run.json.error.details.violations[0].ruleId).toEqual(expect.any(String));
    expect(historySnapshot()).toBe(before);
    for (const file of readdirSync(dataDir).filter((name) => name.startsWith('history.sqlite'))) {
      expect(readFileSync(join(dataDir, file)).includes(Buffer.from(marker))).toBe(false);
    }
  });

  it('lists voices with the eSpeak NG default', () => {
    const run = cli(['voices', 'list']);
    expect(run.status).toBe(0);
    const defaults = run.json.voices.filter((v: any) => v.default);
    expect(defaults).toHaveLength(1);
    expect(defaults[0]).toMatchObject({ id: 'espeak-en-us', engine: 'espeak-ng', language: expect.any(String), sampleRate: 22050 });
  });
});

describe('voicemark CLI, bad input gets a typed error and changes nothing', () => {
  let before: string;
  beforeAll(() => {
    before = historySnapshot();
  });
  afterAll(() => {
    expect(historySnapshot()).toBe(before);
  });

  const textCases: [string, () => string[], string][] = [
    ['empty text', () => ['--text', ''], 'TEXT_EMPTY'],
    ['whitespace-only text', () => ['--text', ' \n\t  '], 'TEXT_EMPTY'],
    ['20,001 characters', () => ['--text', 'a'.repeat(20_001)], 'TEXT_TOO_LONG'],
    [
      'binary text file',
      () => {
        const file = join(work, 'binary.txt');
        writeFileSync(file, Buffer.from([0x48, 0x69, 0x00, 0x01, 0x02, 0x7f, 0x20, 0x41]));
        return ['--text-file', file];
      },
      'TEXT_CONTROL_CHARS',
    ],
    [
      'invalid UTF-8 text file',
      () => {
        const file = join(work, 'latin1.txt');
        writeFileSync(file, Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xff, 0xfe]));
        return ['--text-file', file];
      },
      'TEXT_INVALID_ENCODING',
    ],
  ];
  it.each(textCases)('%s', (_name, args, code) => {
    expectError(cli(['speak', ...args()]), code, 2);
  });

  it('exactly 20,000 characters is within the limit (policy check accepts it)', () => {
    const run = cli(['policy', 'check', '--text', 'word '.repeat(4000)]);
    expect(run.status, run.stdout).toBe(0);
  });

  it('unknown voice', () => {
    expectError(cli(['speak', '--text', 'Hello there.', '--voice', 'no-such-voice']), 'VOICE_NOT_FOUND', 4);
  });

  it('--out into a missing folder', () => {
    expectError(cli(['speak', '--text', 'Hello there.', '--out', join(work, 'missing', 'x.wav')]), 'OUTPUT_DIR_MISSING', 2);
  });

  it('--out with an unsupported extension', () => {
    expectError(cli(['speak', '--text', 'Hello there.', '--out', join(work, 'x.aiff')]), 'OUTPUT_FORMAT_UNSUPPORTED', 2);
  });

  it('speed out of range', () => {
    expectError(cli(['speak', '--text', 'Hello there.', '--speed', '9']), 'INVALID_REQUEST', 2);
  });

  it('history ids that do not exist', () => {
    expectError(cli(['history', 'show', '0123456789abcdef']), 'HISTORY_NOT_FOUND', 4);
    expectError(cli(['history', 'show', 'not-an-id']), 'HISTORY_NOT_FOUND', 4);
    expectError(cli(['history', 'delete', '0123456789abcdef']), 'HISTORY_NOT_FOUND', 4);
    expectError(cli(['history', 'export', '0123456789abcdef', '--out', join(work, 'n.wav')]), 'HISTORY_NOT_FOUND', 4);
  });

  const checkCases: [string, () => string, string][] = [
    ['a missing file', () => join(work, 'nope.wav'), 'FILE_NOT_FOUND'],
    [
      'a directory',
      () => {
        const dir = join(work, 'a-folder.wav');
        mkdirSync(dir, { recursive: true });
        return dir;
      },
      'FILE_NOT_REGULAR',
    ],
    [
      'a zero-byte file',
      () => {
        const file = join(work, 'empty.wav');
        writeFileSync(file, '');
        return file;
      },
      'FILE_EMPTY',
    ],
    [
      'a WAV whose header claims 4 GB',
      () => {
        const file = join(work, 'liar.wav');
        const header = Buffer.alloc(44);
        header.write('RIFF', 0, 'latin1');
        header.writeUInt32LE(0xffffffff, 4);
        header.write('WAVEfmt ', 8, 'latin1');
        header.writeUInt32LE(16, 16);
        header.writeUInt16LE(1, 20);
        header.writeUInt16LE(1, 22);
        header.writeUInt32LE(22050, 24);
        header.writeUInt32LE(44100, 28);
        header.writeUInt16LE(2, 32);
        header.writeUInt16LE(16, 34);
        header.write('data', 36, 'latin1');
        header.writeUInt32LE(0xffffffff, 40);
        writeFileSync(file, Buffer.concat([header, Buffer.alloc(100)]));
        return file;
      },
      'AUDIO_CORRUPT',
    ],
    [
      'a truncated MP3',
      () => {
        const file = join(work, 'truncated.mp3');
        writeFileSync(file, readFileSync(join(work, 'second.mp3')).subarray(0, 300));
        return file;
      },
      'AUDIO_CORRUPT',
    ],
    [
      'a text file renamed .wav',
      () => {
        const file = join(work, 'notes.wav');
        writeFileSync(file, 'These are my meeting notes, not audio at all.\n'.repeat(20));
        return file;
      },
      'AUDIO_UNSUPPORTED_FORMAT',
    ],
  ];
  it.each(checkCases)('check on %s', (_name, path, code) => {
    expectError(cli(['check', path()]), code, 2);
  });

  it('unknown command and unknown option are usage errors', () => {
    expectError(cli(['dance']), 'INVALID_REQUEST', 2);
    expectError(cli(['speak', '--text', 'hi', '--colour', 'red']), 'INVALID_REQUEST', 2);
  });
});
