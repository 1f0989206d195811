// Load an exported voice with onnxruntime-node (the app's runtime) and check it against the
// torch reference that training/export.py wrote beside it.
//   node training/eval/ort_check.mjs training/out/voice/en_US-voicemark-medium.onnx
// Prints one JSON line; exits 1 if the contract or the numbers are off.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ort from 'onnxruntime-node';

const modelPath = process.argv[2];
if (!modelPath) {
  console.error('usage: node ort_check.mjs MODEL.onnx');
  process.exit(2);
}
const config = JSON.parse(readFileSync(modelPath + '.json', 'utf8'));
const reference = JSON.parse(readFileSync(join(dirname(modelPath), 'reference.json'), 'utf8'));
const refBytes = readFileSync(join(dirname(modelPath), 'reference.f32'));
const refAudio = new Float32Array(refBytes.buffer, refBytes.byteOffset, refBytes.byteLength / 4);

const tLoad = performance.now();
const session = await ort.InferenceSession.create(modelPath, {
  intraOpNumThreads: 2,
  interOpNumThreads: 1,
  executionMode: 'sequential',
});
const loadMs = performance.now() - tLoad;

function feeds(ids, lengthScale) {
  return {
    input: new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, ids.length]),
    input_lengths: new ort.Tensor('int64', BigInt64Array.from([BigInt(ids.length)]), [1]),
    scales: new ort.Tensor('float32', Float32Array.from([0.667, lengthScale, 0.8]), [3]),
  };
}

async function synth(ids, lengthScale) {
  const t0 = performance.now();
  const out = await session.run(feeds(ids, lengthScale));
  const ms = performance.now() - t0;
  const tensor = out[session.outputNames[0]];
  return { audio: tensor.data, dims: tensor.dims, ms };
}

const problems = [];
const base = await synth(reference.ids, 1.0);
if (base.dims.length !== 3 || base.dims[0] !== 1 || base.dims[1] !== 1) problems.push(`output dims ${base.dims}`);
if (base.audio.length !== reference.samples) problems.push(`samples ${base.audio.length} != torch ${reference.samples}`);
let maxDiff = 0;
for (let i = 0; i < Math.min(base.audio.length, refAudio.length); i++) {
  if (!Number.isFinite(base.audio[i])) { problems.push('non-finite sample'); break; }
  maxDiff = Math.max(maxDiff, Math.abs(base.audio[i] - refAudio[i]));
}
if (maxDiff > 1e-3) problems.push(`max |ort - torch| = ${maxDiff}`);
const slow = await synth(reference.ids, 1.5);
const ratio = slow.audio.length / base.audio.length;
if (!(ratio > 1.3 && ratio < 1.7)) problems.push(`length_scale 1.5 gave ${ratio.toFixed(3)}x samples`);

// Speed on a long input (the reference ids repeated): RTF = compute time / audio time.
const longIds = [];
for (let k = 0; k < 6; k++) longIds.push(...reference.ids.slice(k === 0 ? 0 : 1, -1));
longIds.push(reference.ids.at(-1));
await synth(longIds, 1.0);
const timed = [];
for (let k = 0; k < 3; k++) timed.push(await synth(longIds, 1.0));
const best = timed.reduce((a, b) => (a.ms < b.ms ? a : b));
// First audio of a text = one sentence's compute time with the session loaded (best of 3).
const sentence = [];
for (let k = 0; k < 3; k++) sentence.push((await synth(reference.ids, 1.0)).ms);
const warm = { ms: Math.min(...sentence) };
const seconds = best.audio.length / config.audio.sample_rate;

console.log(JSON.stringify({
  ok: problems.length === 0,
  problems,
  inputs: session.inputNames,
  outputs: session.outputNames,
  sample_rate: config.audio.sample_rate,
  phoneme_type: config.phoneme_type,
  reference_samples: base.audio.length,
  reference_seconds: Number((base.audio.length / config.audio.sample_rate).toFixed(2)),
  reference_ms: Number(warm.ms.toFixed(1)),
  load_ms: Math.round(loadMs),
  max_abs_diff_vs_torch: maxDiff,
  length_scale_1_5_ratio: Number(ratio.toFixed(3)),
  long_audio_seconds: Number(seconds.toFixed(2)),
  long_ms: Number(best.ms.toFixed(1)),
  rtf: Number((best.ms / 1000 / seconds).toFixed(4)),
  rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20),
}));
process.exit(problems.length === 0 ? 0 : 1);
