/**
 * Real-input FFT of a power-of-two length, computed as a half-length complex radix-2 FFT plus a
 * split step. Buffers are preallocated per instance so the hot loops never allocate.
 */
export class RealFft {
  readonly size: number;
  private readonly half: number;
  private readonly bitReverse: Uint32Array;
  private readonly cosTable: Float64Array;
  private readonly sinTable: Float64Array;
  private readonly splitCos: Float64Array;
  private readonly splitSin: Float64Array;
  private readonly workRe: Float64Array;
  private readonly workIm: Float64Array;

  constructor(size: number) {
    if (size < 4 || (size & (size - 1)) !== 0) throw new RangeError('FFT size must be a power of two ≥ 4');
    this.size = size;
    const half = size >> 1;
    this.half = half;
    this.bitReverse = new Uint32Array(half);
    const bits = Math.log2(half);
    for (let i = 0; i < half; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.bitReverse[i] = r;
    }
    this.cosTable = new Float64Array(half >> 1 || 1);
    this.sinTable = new Float64Array(half >> 1 || 1);
    for (let i = 0; i < half >> 1; i++) {
      this.cosTable[i] = Math.cos((-2 * Math.PI * i) / half);
      this.sinTable[i] = Math.sin((-2 * Math.PI * i) / half);
    }
    this.splitCos = new Float64Array(half + 1);
    this.splitSin = new Float64Array(half + 1);
    for (let k = 0; k <= half; k++) {
      this.splitCos[k] = Math.cos((-2 * Math.PI * k) / size);
      this.splitSin[k] = Math.sin((-2 * Math.PI * k) / size);
    }
    this.workRe = new Float64Array(half);
    this.workIm = new Float64Array(half);
  }

  /** Spectrum bins 0..size/2 of `input` (length `size`) into outRe/outIm (length size/2 + 1). */
  forward(input: ArrayLike<number>, outRe: Float64Array, outIm: Float64Array): void {
    const { half, workRe, workIm, bitReverse } = this;
    for (let i = 0; i < half; i++) {
      const j = bitReverse[i];
      workRe[j] = input[2 * i];
      workIm[j] = input[2 * i + 1];
    }
    this.complexInPlace(workRe, workIm, false);
    const { splitCos, splitSin } = this;
    for (let k = 0; k <= half; k++) {
      const a = k === half ? 0 : k;
      const b = k === 0 ? 0 : half - k;
      const zr = workRe[a];
      const zi = workIm[a];
      const cr = workRe[b];
      const ci = -workIm[b];
      const er = 0.5 * (zr + cr);
      const ei = 0.5 * (zi + ci);
      // O = (Z - conj(Z[N-k])) / 2i
      const orr = 0.5 * (zi - ci);
      const oi = -0.5 * (zr - cr);
      const wr = splitCos[k];
      const wi = splitSin[k];
      outRe[k] = er + wr * orr - wi * oi;
      outIm[k] = ei + wr * oi + wi * orr;
    }
  }

  /** Inverse of `forward` (including the 1/size scaling) into `output` (length `size`). */
  inverse(inRe: Float64Array, inIm: Float64Array, output: Float64Array): void {
    const { half, workRe, workIm, bitReverse, splitCos, splitSin } = this;
    for (let k = 0; k < half; k++) {
      const xr = inRe[k];
      const xi = inIm[k];
      const yr = inRe[half - k];
      const yi = -inIm[half - k];
      const er = 0.5 * (xr + yr);
      const ei = 0.5 * (xi + yi);
      const dr = 0.5 * (xr - yr);
      const di = 0.5 * (xi - yi);
      // O = D * conj(W^k)
      const wr = splitCos[k];
      const wi = -splitSin[k];
      const orr = dr * wr - di * wi;
      const oi = dr * wi + di * wr;
      // Z = E + i O
      const j = bitReverse[k];
      workRe[j] = er - oi;
      workIm[j] = ei + orr;
    }
    this.complexInPlace(workRe, workIm, true);
    const scale = 1 / half;
    for (let i = 0; i < half; i++) {
      output[2 * i] = workRe[i] * scale;
      output[2 * i + 1] = workIm[i] * scale;
    }
  }

  /** Iterative radix-2 butterflies on bit-reversed input. */
  private complexInPlace(re: Float64Array, im: Float64Array, inverse: boolean): void {
    const n = this.half;
    const { cosTable, sinTable } = this;
    const sign = inverse ? -1 : 1;
    for (let len = 2; len <= n; len <<= 1) {
      const halfLen = len >> 1;
      const stride = n / len;
      for (let start = 0; start < n; start += len) {
        for (let j = 0; j < halfLen; j++) {
          const wr = cosTable[j * stride];
          const wi = sign * sinTable[j * stride];
          const a = start + j;
          const b = a + halfLen;
          const tr = re[b] * wr - im[b] * wi;
          const ti = re[b] * wi + im[b] * wr;
          re[b] = re[a] - tr;
          im[b] = im[a] - ti;
          re[a] += tr;
          im[a] += ti;
        }
      }
    }
  }
}
