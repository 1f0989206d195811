/** The Kaiser-windowed sinc low-pass kernel both resamplers (audio/ and watermark/) tabulate. */

/** Modified Bessel function of the first kind, order 0, by its power series (relative error ≤ 1e-12). */
export function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const quarterSquare = (x * x) / 4;
  for (let k = 1; k < 64; k++) {
    term *= quarterSquare / (k * k);
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}

let normBeta = Number.NaN;
let norm = 1;

/**
 * The kernel's value at `distance` input samples from the output instant: a sinc with cut-off
 * `cutoff` (cycles per input sample) under a Kaiser window of shape `beta` reaching `halfWidth`
 * samples each side; 0 outside the window.
 */
export function kaiserSincTap(distance: number, cutoff: number, halfWidth: number, beta: number): number {
  const r = distance / halfWidth;
  if (!(Math.abs(r) < 1)) return 0;
  if (beta !== normBeta) {
    normBeta = beta;
    norm = besselI0(beta);
  }
  const argument = 2 * cutoff * distance;
  const sinc = Math.abs(argument) < 1e-12 ? 1 : Math.sin(Math.PI * argument) / (Math.PI * argument);
  return 2 * cutoff * sinc * (besselI0(beta * Math.sqrt(1 - r * r)) / norm);
}
