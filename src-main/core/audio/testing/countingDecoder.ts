/** Wraps a wasm decoder class so a test can count instances and free() calls. */
export function countingDecoder<T extends new (...args: any[]) => { free(): unknown }>(
  Base: T,
  counts: { created: number; freed: number },
): T {
  return class extends Base {
    constructor(...args: any[]) {
      super(...args);
      counts.created++;
      // Some decoders define free() per instance, others on the prototype: wrap whichever is there.
      const free = this.free.bind(this);
      this.free = () => {
        counts.freed++;
        return free();
      };
    }
  };
}
