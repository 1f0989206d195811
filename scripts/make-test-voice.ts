/**
 * Builds a small, real Piper-signature voice (`.onnx` + `.onnx.json`) from scratch, for tests and
 * benchmarks. It is not a neural voice: each phoneme id selects one fixed 128-sample waveform
 * frame from a table baked into the model, and the frame is repeated round(8 × length_scale)
 * times, so the audio length really follows the `scales` input (speed control is exercised
 * end to end). Deterministic: the same bytes every run.
 *
 *   npx tsx scripts/make-test-voice.ts OUT_DIR
 *
 * writes OUT_DIR/test-voice.onnx and OUT_DIR/test-voice.onnx.json.
 *
 * Graph (opset 13):
 *   ids      = Slice(input, 0, input_lengths, axis 1)          int64 [1, n]
 *   frames   = Gather(table, ids)                              float [1, n, 128]
 *   repeats  = Max(Cast<int64>(Round(scales[1] × 8)), 1)
 *   audio    = Reshape(Tile(Unsqueeze(frames, 2), [1,1,repeats,1]), [1, 1, -1])   → output [1, 1, T]
 * with T = n × repeats × 128. `noise_scale` and `noise_w` are accepted and ignored.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import onnxProto, { type onnx as Onnx } from 'onnx-proto';

const { onnx } = onnxProto;

export const TEST_VOICE_SAMPLE_RATE = 22_050;
/** Samples in one phoneme frame. */
export const TEST_VOICE_FRAME = 128;
/** Frame repeats per phoneme id at length_scale 1. */
export const TEST_VOICE_BASE_REPEATS = 8;

/**
 * The symbols of the test voice: Piper's specials, punctuation, Latin letters and the IPA that
 * eSpeak NG emits (English and the other languages we list), after NFD decomposition.
 */
const SYMBOLS: string[] = [
  '_', '^', '$', ' ', '!', "'", '(', ')', ',', '-', '.', ':', ';', '?',
  ...'abcdefghijklmnopqrstuvwxyz',
  ...'æðøœçħŋβθχᵻⱱ',
  ...'ɐɑɒɓɔɕɖɗɘəɚɛɜɝɞɟɠɡɢɣɤɥɦɧɨɪɫɬɭɮɯɰɱɲɳɴɵɶɸɹɺɻɽɾʀʁʂʃʄʈʉʊʋʌʍʎʏʐʑʒʔʕʘʙʛʜʝʟʡʢ',
  ...'ʰʲˈˌːˑ˞ˤ',
  // Combining marks that NFD leaves behind (tilde, cedilla, syllabic, dental, tie bar, ...).
  ...'\u0303\u0327\u0329\u032a\u032f\u0330\u0334\u0361\u0306\u0308\u030a',
  ...'↑↓→↗↘',
];

const VOWELS = new Set([...'aeiouyæøœɐɑɒɔɘəɚɛɜɝɞɤɨɪɯɵɶʉʊʌʏᵻ']);
const SILENT = new Set(['_', '^', '$', ' ', '!', "'", '(', ')', ',', '-', '.', ':', ';', '?']);

export function testVoicePhonemeIdMap(): Record<string, number[]> {
  const map: Record<string, number[]> = {};
  SYMBOLS.forEach((symbol, id) => {
    if (map[symbol]) throw new Error(`duplicate test-voice symbol ${JSON.stringify(symbol)}`);
    map[symbol] = [id];
  });
  return map;
}

/** Deterministic waveform frame per symbol: harmonic tones for vowels, hashed noise otherwise. */
function frameFor(symbol: string, id: number): Float32Array {
  const frame = new Float32Array(TEST_VOICE_FRAME);
  if (SILENT.has(symbol)) return frame;
  let state = (id * 2654435761) >>> 0 || 1;
  const random = (): number => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 0x1_0000_0000;
  };
  if (VOWELS.has(symbol)) {
    // Harmonics of sampleRate / FRAME (≈172 Hz) so repeated frames join without clicks.
    for (let harmonic = 1; harmonic <= 12; harmonic++) {
      const gain = (0.25 / harmonic) * (0.5 + random());
      const phase = random() * 2 * Math.PI;
      for (let n = 0; n < TEST_VOICE_FRAME; n++) {
        frame[n] += gain * Math.sin((2 * Math.PI * harmonic * n) / TEST_VOICE_FRAME + phase);
      }
    }
  } else {
    for (let n = 0; n < TEST_VOICE_FRAME; n++) frame[n] = (random() * 2 - 1) * 0.15;
  }
  return frame;
}

/**
 * What the model computes, in plain TypeScript: lets tests check the exact phoneme ids that
 * reached the model from the audio it returned.
 */
export function testVoiceReferenceAudio(ids: number[], lengthScale: number): Float32Array {
  const repeats = Math.max(1, Math.round(Math.fround(lengthScale) * TEST_VOICE_BASE_REPEATS));
  const out = new Float32Array(ids.length * repeats * TEST_VOICE_FRAME);
  let offset = 0;
  for (const id of ids) {
    const frame = frameFor(SYMBOLS[id], id);
    for (let r = 0; r < repeats; r++, offset += TEST_VOICE_FRAME) out.set(frame, offset);
  }
  return out;
}

type TensorInit = { name: string; dataType: number; dims: number[]; raw: Uint8Array };

function int64Tensor(name: string, values: number[]): TensorInit {
  const raw = new Uint8Array(values.length * 8);
  const view = new DataView(raw.buffer);
  values.forEach((value, i) => view.setBigInt64(i * 8, BigInt(value), true));
  return { name, dataType: onnx.TensorProto.DataType.INT64, dims: [values.length], raw };
}

function floatTensor(name: string, dims: number[], values: Float32Array): TensorInit {
  const raw = new Uint8Array(values.length * 4);
  const view = new DataView(raw.buffer);
  values.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return { name, dataType: onnx.TensorProto.DataType.FLOAT, dims, raw };
}

function tensorProto(init: TensorInit): Onnx.ITensorProto {
  return { name: init.name, dataType: init.dataType, dims: init.dims, rawData: init.raw };
}

function valueInfo(name: string, elemType: number, dims: Array<number | string>): Onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function node(opType: string, inputs: string[], outputs: string[], attribute: Onnx.IAttributeProto[] = []): Onnx.INodeProto {
  return { opType, input: inputs, output: outputs, name: outputs[0], attribute };
}

export interface TestVoiceOptions {
  /** Rename the phoneme input (a wrong signature for negative tests). Default `input`. */
  inputName?: string;
}

export interface TestVoice {
  model: Uint8Array;
  config: Record<string, unknown>;
}

export function buildTestVoice(options: TestVoiceOptions = {}): TestVoice {
  const inputName = options.inputName ?? 'input';
  const idMap = testVoicePhonemeIdMap();
  const table = new Float32Array(SYMBOLS.length * TEST_VOICE_FRAME);
  SYMBOLS.forEach((symbol, id) => table.set(frameFor(symbol, id), id * TEST_VOICE_FRAME));

  const FLOAT = onnx.TensorProto.DataType.FLOAT;
  const INT64 = onnx.TensorProto.DataType.INT64;
  const initializers = [
    floatTensor('table', [SYMBOLS.length, TEST_VOICE_FRAME], table),
    int64Tensor('zero', [0]),
    int64Tensor('axis1', [1]),
    int64Tensor('axis2', [2]),
    int64Tensor('one_1d', [1]),
    int64Tensor('ones_2', [1, 1]),
    int64Tensor('one_last', [1]),
    int64Tensor('out_shape', [1, 1, -1]),
    int64Tensor('length_index', [1]),
    floatTensor('base_repeats', [], Float32Array.of(TEST_VOICE_BASE_REPEATS)),
  ];

  const nodes: Onnx.INodeProto[] = [
    node('Slice', [inputName, 'zero', 'input_lengths', 'axis1'], ['ids']),
    node('Gather', ['table', 'ids'], ['frames'], [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }]),
    node('Unsqueeze', ['frames', 'axis2'], ['frames4']),
    node('Gather', ['scales', 'length_index'], ['length_scale']),
    node('Mul', ['length_scale', 'base_repeats'], ['repeats_f']),
    node('Round', ['repeats_f'], ['repeats_r']),
    node('Cast', ['repeats_r'], ['repeats_i'], [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: INT64 }]),
    node('Max', ['repeats_i', 'one_1d'], ['repeats']),
    node('Concat', ['ones_2', 'repeats', 'one_last'], ['tile_counts'], [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }]),
    node('Tile', ['frames4', 'tile_counts'], ['tiled']),
    node('Reshape', ['tiled', 'out_shape'], ['output']),
  ];

  const model: Onnx.IModelProto = {
    irVersion: 7,
    producerName: 'voicemark-make-test-voice',
    producerVersion: '1',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'voicemark_test_voice',
      node: nodes,
      initializer: initializers.map(tensorProto),
      input: [
        valueInfo(inputName, INT64, [1, 'phonemes']),
        valueInfo('input_lengths', INT64, [1]),
        valueInfo('scales', FLOAT, [3]),
      ],
      output: [valueInfo('output', FLOAT, [1, 1, 'time'])],
    },
  };

  const config = {
    dataset: 'voicemark-test',
    audio: { sample_rate: TEST_VOICE_SAMPLE_RATE, quality: 'x_low' },
    espeak: { voice: 'en-us' },
    language: { code: 'en_US', family: 'en', region: 'US', name_english: 'English (test voice)' },
    inference: { noise_scale: 0.667, length_scale: 1, noise_w: 0.8 },
    phoneme_type: 'espeak',
    phoneme_map: {},
    phoneme_id_map: idMap,
    num_symbols: SYMBOLS.length,
    num_speakers: 1,
    speaker_id_map: {},
    piper_version: '1.0.0',
  };

  return { model: onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish(), config };
}

/** Writes `<name>.onnx` and `<name>.onnx.json` into outDir; returns both paths. */
export function writeTestVoice(
  outDir: string,
  options: TestVoiceOptions & { name?: string } = {},
): { modelPath: string; configPath: string } {
  const { model, config } = buildTestVoice(options);
  mkdirSync(outDir, { recursive: true });
  const modelPath = join(outDir, `${options.name ?? 'test-voice'}.onnx`);
  const configPath = `${modelPath}.json`;
  writeFileSync(modelPath, model);
  writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);
  return { modelPath, configPath };
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  const outDir = process.argv[2];
  if (!outDir) {
    process.stderr.write('usage: npx tsx scripts/make-test-voice.ts OUT_DIR\n');
    process.exit(2);
  }
  const { modelPath, configPath } = writeTestVoice(resolve(outDir));
  process.stdout.write(`${modelPath}\n${configPath}\n`);
}
