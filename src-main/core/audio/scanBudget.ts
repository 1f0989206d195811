/**
 * Bounds the bytes a resyncing scanner may re-read. A crafted file can plant a plausible header every
 * few bytes so that each candidate triggers a long checksum pass; with a budget proportional to the
 * file size the scan stays linear and simply ends early on such input.
 */
export class ScanBudget {
  private remaining: number;

  constructor(fileBytes: number, passes = 8) {
    this.remaining = passes * fileBytes + (1 << 20);
  }

  /** Records `bytes` of work; false once the budget is spent. */
  spend(bytes: number): boolean {
    this.remaining -= bytes;
    return this.remaining >= 0;
  }
}
