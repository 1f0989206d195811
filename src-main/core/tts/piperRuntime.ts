import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { StudioError } from '../../../src-shared/errors';

/** The inputs a Piper VITS export takes; `sid` only in multi-speaker voices. */
const REQUIRED_INPUTS: Record<string, string> = { input: 'int64', input_lengths: 'int64', scales: 'float32' };
const OPTIONAL_INPUTS: Record<string, string> = { sid: 'int64' };

/** Sessions kept loaded (a medium Piper voice holds ~100 MB). */
const MAX_CACHED_SESSIONS = 2;

export interface PiperScales {
  noiseScale: number;
  lengthScale: number;
  noiseW: number;
}

/**
 * Runs Piper-format ONNX voices. Sessions are cached by the model's sha256 and built from the
 * very bytes that were hashed, so the model that runs is the model that was verified even if
 * the file changes between the registry's check and this load.
 */
export class PiperRuntime {
  private readonly sessions = new Map<string, Promise<InferenceSession>>();

  async session(modelPath: string, expectedSha256: string): Promise<InferenceSession> {
    let pending = this.sessions.get(expectedSha256);
    if (pending) {
      this.sessions.delete(expectedSha256); // re-insert below: most recently used last
    } else {
      pending = loadVerifiedSession(modelPath, expectedSha256);
      pending.catch(() => this.sessions.delete(expectedSha256));
    }
    this.sessions.set(expectedSha256, pending);
    while (this.sessions.size > MAX_CACHED_SESSIONS) {
      const [oldest, evicted] = this.sessions.entries().next().value as [string, Promise<InferenceSession>];
      this.sessions.delete(oldest);
      evicted.then((s) => s.release()).catch(() => undefined);
    }
    return pending;
  }

  async synthesize(session: InferenceSession, ids: number[], scales: PiperScales, speakerId: number | null): Promise<Float32Array> {
    const feeds: Record<string, Tensor> = {
      input: new Tensor('int64', BigInt64Array.from(ids, (id) => BigInt(id)), [1, ids.length]),
      input_lengths: new Tensor('int64', BigInt64Array.of(BigInt(ids.length)), [1]),
      scales: new Tensor('float32', Float32Array.of(scales.noiseScale, scales.lengthScale, scales.noiseW), [3]),
    };
    if (session.inputNames.includes('sid')) feeds.sid = new Tensor('int64', BigInt64Array.of(BigInt(speakerId ?? 0)), [1]);
    const results = await session.run(feeds);
    const audio = results[session.outputNames[0]];
    if (!audio || audio.type !== 'float32' || !(audio.data instanceof Float32Array)) throw new Error('unexpected Piper output');
    // Samples run along the last dimension ([1, 1, T] or [1, T]); copy out of ORT's buffer.
    return Float32Array.from(audio.data);
  }
}

async function loadVerifiedSession(modelPath: string, expectedSha256: string): Promise<InferenceSession> {
  let bytes: Buffer;
  try {
    bytes = await readFile(modelPath);
  } catch (error) {
    throw new StudioError('VOICE_INTEGRITY_FAILED', { cause: error, details: { reason: 'model file unreadable' } });
  }
  if (createHash('sha256').update(bytes).digest('hex') !== expectedSha256) throw new StudioError('VOICE_INTEGRITY_FAILED');
  let session: InferenceSession;
  try {
    session = await InferenceSession.create(bytes, { graphOptimizationLevel: 'all' });
  } catch (error) {
    throw new StudioError('VOICE_INVALID', { cause: error, details: { reason: 'not a loadable ONNX model' } });
  }
  try {
    assertPiperSignature(session);
  } catch (error) {
    await session.release().catch(() => undefined);
    throw error;
  }
  return session;
}

/** A Piper voice takes exactly input / input_lengths / scales (/ sid) and returns float audio. */
export function assertPiperSignature(session: InferenceSession): void {
  const metadata = new Map(session.inputMetadata.map((m) => [m.name, m]));
  const problems: string[] = [];
  for (const [name, type] of Object.entries(REQUIRED_INPUTS)) {
    const input = metadata.get(name);
    if (!input) problems.push(`missing input ${name}`);
    else if (input.isTensor && input.type !== type) problems.push(`input ${name} is not ${type}`);
  }
  for (const name of session.inputNames) {
    if (!(name in REQUIRED_INPUTS) && !(name in OPTIONAL_INPUTS)) problems.push('unexpected input');
  }
  if (session.outputNames.length === 0) problems.push('no output');
  if (problems.length > 0) throw new StudioError('VOICE_INVALID', { details: { reason: 'not a Piper model signature', problems } });
}
