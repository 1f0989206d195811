// Synthesize phoneme-id jobs with an exported voice through onnxruntime-node (the app's runtime).
//   node training/eval/ort_synth.mjs MODEL.onnx jobs.json OUT_DIR [length_scale]
// jobs.json: [{"id": "...", "ids": [1, 0, ...]}, ...] -> OUT_DIR/ID.wav (16-bit PCM, model rate).
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import ort from 'onnxruntime-node';

const [modelPath, jobsPath, outDir, lengthScaleArg] = process.argv.slice(2);
if (!modelPath || !jobsPath || !outDir) {
  console.error('usage: node ort_synth.mjs MODEL.onnx jobs.json OUT_DIR [length_scale]');
  process.exit(2);
}
const config = JSON.parse(readFileSync(modelPath + '.json', 'utf8'));
const jobs = JSON.parse(readFileSync(jobsPath, 'utf8'));
const lengthScale = Number(lengthScaleArg ?? config.inference.length_scale ?? 1);
const session = await ort.InferenceSession.create(modelPath, { intraOpNumThreads: 2, interOpNumThreads: 1 });

function wav(samples, rate) {
  const buf = Buffer.alloc(44 + samples.length * 2);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + samples.length * 2, 4);
  buf.write('WAVEfmt ', 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(samples.length * 2, 40);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]));
    buf.writeInt16LE(Math.round(s * 32767), 44 + i * 2);
  }
  return buf;
}

let computeMs = 0;
let audioSeconds = 0;
for (const job of jobs) {
  const ids = job.ids;
  const t0 = performance.now();
  const out = await session.run({
    input: new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, ids.length]),
    input_lengths: new ort.Tensor('int64', BigInt64Array.from([BigInt(ids.length)]), [1]),
    scales: new ort.Tensor('float32', Float32Array.from([0, lengthScale, 0]), [3]),
  });
  computeMs += performance.now() - t0;
  const audio = out[session.outputNames[0]].data;
  audioSeconds += audio.length / config.audio.sample_rate;
  const target = join(outDir, `${job.id}.wav`);
  writeFileSync(target + '.tmp', wav(audio, config.audio.sample_rate));
  renameSync(target + '.tmp', target);
}
console.log(JSON.stringify({ utterances: jobs.length, audio_seconds: Number(audioSeconds.toFixed(2)),
  compute_seconds: Number((computeMs / 1000).toFixed(2)), rtf: Number((computeMs / 1000 / audioSeconds).toFixed(4)) }));
