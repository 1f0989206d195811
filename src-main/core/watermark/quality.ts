import { bark } from './bark';
import { RealFft } from './fft';

/** SNR (dB) of `marked` against `original`: signal energy over difference energy. */
export function measureSnrDb(original: Float32Array, marked: Float32Array): number {
  const n = Math.min(original.length, marked.length);
  let signal = 0;
  let noise = 0;
  for (let i = 0; i < n; i++) {
    signal += original[i] * original[i];
    const d = marked[i] - original[i];
    noise += d * d;
  }
  if (noise === 0) return Infinity;
  if (signal === 0) return -Infinity;
  return 10 * Math.log10(signal / noise);
}

/**
 * Segmental SNR (dB): the mean over 20 ms frames of each frame's SNR, clamped to [−10, 35] dB,
 * skipping frames more than 50 dB below the loudest. Unlike the global SNR it does not let loud
 * passages hide a mark that is too strong in quiet ones.
 */
export function segmentalSnrDb(original: Float32Array, marked: Float32Array, sampleRate: number): number {
  const frame = Math.max(1, Math.round(0.02 * sampleRate));
  const n = Math.min(original.length, marked.length);
  const energies: [number, number][] = [];
  let loudest = 0;
  for (let start = 0; start + frame <= n; start += frame) {
    let s = 0;
    let d = 0;
    for (let i = start; i < start + frame; i++) {
      s += original[i] * original[i];
      const e = marked[i] - original[i];
      d += e * e;
    }
    energies.push([s, d]);
    if (s > loudest) loudest = s;
  }
  let sum = 0;
  let count = 0;
  for (const [s, d] of energies) {
    if (!(s > loudest * 1e-5)) continue;
    const snr = d > 0 ? 10 * Math.log10(s / d) : 35;
    sum += Math.min(35, Math.max(-10, snr));
    count++;
  }
  return count > 0 ? sum / count : Infinity;
}

export interface MaskingReport {
  /** Mean over active frames of the mark's energy relative to the masking threshold, in dB (below 0: masked). */
  meanNoiseToMaskDb: number;
  /** Share of (frame, critical band) cells, in active frames, where the mark exceeds the threshold. */
  audibleCellShare: number;
}


/**
 * A simple masking model (after Zwicker/Terhardt; approximate, not a standard such as PEAQ): per
 * 32 ms frame and critical band, the host's band energy is spread over neighbouring bands (+25 dB
 * per Bark towards lower, −10 dB per Bark towards higher bands) and lowered by 10 dB to give a
 * masking threshold; the mark's energy in the band is compared with it.
 */
export function maskingReport(original: Float32Array, marked: Float32Array, sampleRate: number): MaskingReport {
  let size = 1;
  while (size < 0.032 * sampleRate) size <<= 1;
  const fft = new RealFft(size);
  const hop = size / 2;
  const window = Float64Array.from({ length: size }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size));
  const bands = Math.ceil(bark(Math.min(sampleRate / 2, 16000)));
  const bandOfBin = Int32Array.from({ length: size / 2 + 1 }, (_, k) => Math.min(bands - 1, Math.floor(bark((k * sampleRate) / size))));
  const hostBuf = new Float64Array(size);
  const markBuf = new Float64Array(size);
  const re = new Float64Array(size / 2 + 1);
  const im = new Float64Array(size / 2 + 1);
  const n = Math.min(original.length, marked.length);
  const frames: { host: Float64Array; mark: Float64Array; total: number }[] = [];
  let loudest = 0;
  for (let start = 0; start + size <= n; start += hop) {
    for (let i = 0; i < size; i++) {
      hostBuf[i] = original[start + i] * window[i];
      markBuf[i] = (marked[start + i] - original[start + i]) * window[i];
    }
    const host = new Float64Array(bands);
    const mark = new Float64Array(bands);
    fft.forward(hostBuf, re, im);
    for (let k = 1; k <= size / 2; k++) host[bandOfBin[k]] += re[k] * re[k] + im[k] * im[k];
    fft.forward(markBuf, re, im);
    for (let k = 1; k <= size / 2; k++) mark[bandOfBin[k]] += re[k] * re[k] + im[k] * im[k];
    const total = host.reduce((a, b) => a + b, 0);
    if (total > loudest) loudest = total;
    frames.push({ host, mark, total });
  }
  let nmrSum = 0;
  let nmrCount = 0;
  let audible = 0;
  let cells = 0;
  for (const { host, mark, total } of frames) {
    if (!(total > loudest * 1e-5)) continue;
    let ratioSum = 0;
    let bandCount = 0;
    for (let b = 0; b < bands; b++) {
      let spread = 0;
      for (let j = 0; j < bands; j++) {
        const dz = b - j;
        spread += host[j] * Math.pow(10, (dz >= 0 ? -10 * dz : 25 * dz) / 10);
      }
      const threshold = spread * 0.1;
      if (!(threshold > loudest * 1e-9)) continue;
      const ratio = mark[b] / threshold;
      ratioSum += ratio;
      bandCount++;
      cells++;
      if (ratio > 1) audible++;
    }
    if (bandCount > 0) {
      nmrSum += 10 * Math.log10(Math.max(1e-12, ratioSum / bandCount));
      nmrCount++;
    }
  }
  return { meanNoiseToMaskDb: nmrCount > 0 ? nmrSum / nmrCount : -Infinity, audibleCellShare: cells > 0 ? audible / cells : 0 };
}
