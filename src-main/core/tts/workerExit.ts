type ExitListener = (code: number | null) => void;

/**
 * The exit side of a SynthesisTransport: a worker may report its end more than once (an 'error'
 * and then an 'exit'), but listeners hear of it once, with the first code reported.
 */
export interface WorkerExit {
  readonly exited: boolean;
  /** Records the end; calls after the first are ignored. */
  report(code: number | null): void;
  /** A listener added after the end is not called. */
  onExit(listener: ExitListener): void;
}

export function createWorkerExit(): WorkerExit {
  let exited = false;
  const listeners: ExitListener[] = [];
  return {
    get exited() {
      return exited;
    },
    report: (code) => {
      if (exited) return;
      exited = true;
      for (const listener of listeners) listener(code);
    },
    onExit: (listener) => {
      listeners.push(listener);
    },
  };
}
