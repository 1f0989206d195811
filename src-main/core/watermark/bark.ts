/** Critical-band rate (Bark) of a frequency, after Zwicker and Terhardt. */
export function bark(hz: number): number {
  return 13 * Math.atan(0.00076 * hz) + 3.5 * Math.atan((hz / 7500) ** 2);
}
