/**
 * Real-input FFT of a power-of-two length, computed as a half-length complex radix-2 FFT plus a
 * split step. Buffers are preallocated per instance so the hot loops never allocate.
 */
export class RealFft {
  readonly size: number;
  private readonly half: number;
  private readonly bitReverse: Uint32Array;
  /** Twiddles of the radix-2 stage with half-length h at [h, 2h): cos and ∓sin of 2πj / 2h. */
  private readonly twiddleRe: Float64Array;
  private readonly twiddleImForward: Float64Array;
  private readonly twiddleImInverse: Float64Array;
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
    this.twiddleRe = new Float64Array(half);
    this.twiddleImForward = new Float64Array(half);
    this.twiddleImInverse = new Float64Array(half);
    for (let h = 1; h < half; h <<= 1) {
      for (let j = 0; j < h; j++) {
        this.twiddleRe[h + j] = Math.cos((Math.PI * j) / h);
        this.twiddleImForward[h + j] = -Math.sin((Math.PI * j) / h);
        this.twiddleImInverse[h + j] = Math.sin((Math.PI * j) / h);
      }
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
    outRe[0] = workRe[0] + workIm[0];
    outIm[0] = 0;
    outRe[half] = workRe[0] - workIm[0];
    outIm[half] = 0;
    // bins k and half − k from Z[k] and Z[half − k]: X[k] = E + W^k·O, X[half − k] = conj(E − W^k·O)
    for (let k = 1; k <= half >> 1; k++) {
      const zr = workRe[k];
      const zi = workIm[k];
      const cr = workRe[half - k];
      const ci = -workIm[half - k];
      const er = 0.5 * (zr + cr);
      const ei = 0.5 * (zi + ci);
      // O = (Z[k] − conj(Z[half − k])) / 2i
      const orr = 0.5 * (zi - ci);
      const oi = -0.5 * (zr - cr);
      const wr = splitCos[k];
      const wi = splitSin[k];
      const tr = wr * orr - wi * oi;
      const ti = wr * oi + wi * orr;
      outRe[k] = er + tr;
      outIm[k] = ei + ti;
      outRe[half - k] = er - tr;
      outIm[half - k] = ti - ei;
    }
  }

  /** Inverse of `forward` (including the 1/size scaling) into `output` (length `size`). */
  inverse(inRe: Float64Array, inIm: Float64Array, output: Float64Array): void {
    const { half, workRe, workIm, bitReverse, splitCos, splitSin } = this;
    // Z[0] from bins 0 and half; Z[k] = E + i·O with O = D·conj(W^k), Z[half − k] = conj(E) + i·conj(O)
    workRe[0] = 0.5 * (inRe[0] + inRe[half] - inIm[0] - inIm[half]);
    workIm[0] = 0.5 * (inRe[0] - inRe[half] + inIm[0] - inIm[half]);
    for (let k = 1; k <= half >> 1; k++) {
      const xr = inRe[k];
      const xi = inIm[k];
      const yr = inRe[half - k];
      const yi = -inIm[half - k];
      const er = 0.5 * (xr + yr);
      const ei = 0.5 * (xi + yi);
      const dr = 0.5 * (xr - yr);
      const di = 0.5 * (xi - yi);
      const wr = splitCos[k];
      const wi = -splitSin[k];
      const orr = dr * wr - di * wi;
      const oi = dr * wi + di * wr;
      const j = bitReverse[k];
      workRe[j] = er - oi;
      workIm[j] = ei + orr;
      const m = bitReverse[half - k];
      workRe[m] = er + oi;
      workIm[m] = orr - ei;
    }
    this.complexInPlace(workRe, workIm, true);
    const scale = 1 / half;
    for (let i = 0; i < half; i++) {
      output[2 * i] = workRe[i] * scale;
      output[2 * i + 1] = workIm[i] * scale;
    }
  }

  /**
   * Radix-2 butterflies on bit-reversed input, two stages per pass over the data (half the loads
   * and stores). The first two (twiddles ±1, ±i) need no multiplications; later ones take each
   * twiddle once for all its butterflies.
   */
  private complexInPlace(re: Float64Array, im: Float64Array, inverse: boolean): void {
    const n = this.half;
    if (n === 2) {
      const [r0, i0, r1, i1] = [re[0], im[0], re[1], im[1]];
      [re[0], im[0], re[1], im[1]] = [r0 + r1, i0 + i1, r0 - r1, i0 - i1];
      return;
    }
    // ×(−i) forward, ×(+i) inverse
    const rotation = inverse ? -1 : 1;
    for (let s = 0; s < n; s += 4) {
      const r0 = re[s] + re[s + 1];
      const i0 = im[s] + im[s + 1];
      const r1 = re[s] - re[s + 1];
      const i1 = im[s] - im[s + 1];
      const r2 = re[s + 2] + re[s + 3];
      const i2 = im[s + 2] + im[s + 3];
      const tr = rotation * (im[s + 2] - im[s + 3]);
      const ti = -rotation * (re[s + 2] - re[s + 3]);
      re[s] = r0 + r2;
      im[s] = i0 + i2;
      re[s + 2] = r0 - r2;
      im[s + 2] = i0 - i2;
      re[s + 1] = r1 + tr;
      im[s + 1] = i1 + ti;
      re[s + 3] = r1 - tr;
      im[s + 3] = i1 - ti;
    }
    const twiddleRe = this.twiddleRe;
    const twiddleIm = inverse ? this.twiddleImInverse : this.twiddleImForward;
    let halfLen = 4;
    // stages in pairs (half-lengths h and 2h in one pass over the data), then a last single one if left
    for (; 2 * halfLen < n; halfLen <<= 2) {
      const h = halfLen;
      const len = 4 * h;
      for (let j = 0; j < h; j++) {
        const w1r = twiddleRe[h + j];
        const w1i = twiddleIm[h + j];
        const w2r = twiddleRe[2 * h + j];
        const w2i = twiddleIm[2 * h + j];
        const w3r = twiddleRe[3 * h + j];
        const w3i = twiddleIm[3 * h + j];
        for (let a0 = j; a0 < n; a0 += len) {
          const a1 = a0 + h;
          const a2 = a1 + h;
          const a3 = a2 + h;
          const b1r = re[a1] * w1r - im[a1] * w1i;
          const b1i = re[a1] * w1i + im[a1] * w1r;
          const b3r = re[a3] * w1r - im[a3] * w1i;
          const b3i = re[a3] * w1i + im[a3] * w1r;
          const y0r = re[a0] + b1r;
          const y0i = im[a0] + b1i;
          const y1r = re[a0] - b1r;
          const y1i = im[a0] - b1i;
          const y2r = re[a2] + b3r;
          const y2i = im[a2] + b3i;
          const y3r = re[a2] - b3r;
          const y3i = im[a2] - b3i;
          const c2r = y2r * w2r - y2i * w2i;
          const c2i = y2r * w2i + y2i * w2r;
          const c3r = y3r * w3r - y3i * w3i;
          const c3i = y3r * w3i + y3i * w3r;
          re[a0] = y0r + c2r;
          im[a0] = y0i + c2i;
          re[a2] = y0r - c2r;
          im[a2] = y0i - c2i;
          re[a1] = y1r + c3r;
          im[a1] = y1i + c3i;
          re[a3] = y1r - c3r;
          im[a3] = y1i - c3i;
        }
      }
    }
    if (halfLen < n) {
      const len = halfLen << 1;
      for (let j = 0; j < halfLen; j++) {
        const wr = twiddleRe[halfLen + j];
        const wi = twiddleIm[halfLen + j];
        for (let a = j; a < n; a += len) {
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
