import { fork } from 'node:child_process';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { HostMessage, WorkerMessage } from './protocol';
import { createWorkerExit } from './workerExit';

/**
 * The host's side of the channel to a synthesis worker. Small on purpose: the Electron app
 * implements it over `utilityProcess` (postMessage / on('message') / on('exit') / kill()),
 * plain Node over a worker thread or a child process.
 */
export interface SynthesisTransport {
  postMessage(message: HostMessage, transfer?: ArrayBuffer[]): void;
  onMessage(listener: (message: WorkerMessage) => void): void;
  /** Called once when the worker is gone, whether it crashed, exited or was terminated. */
  onExit(listener: (code: number | null) => void): void;
  terminate(): Promise<void>;
  /** Optional: let an idle worker not keep the process alive (worker threads, child processes). */
  ref?(): void;
  unref?(): void;
}

/**
 * The worker script next to this module: the tsx bootstrap when running from sources, the
 * compiled `synthesisWorker.js` when this module has been built to JavaScript (the bundler
 * must emit it beside the bundle that contains this module).
 */
export function defaultWorkerEntry(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('./synthesisWorker.bootstrap.mjs', import.meta.url)
    : new URL('./synthesisWorker.js', import.meta.url);
}

/** Worker thread: cheapest to start; shares the process, so a native crash is not contained. */
export function createWorkerThreadTransport(entry: URL = defaultWorkerEntry()): SynthesisTransport {
  const worker = new Worker(entry, { execArgv: [], stdout: false, stderr: false });
  const exit = createWorkerExit();
  // An uncaught error in the worker is followed by 'exit'; report it as the exit.
  worker.on('error', () => exit.report(1));
  worker.on('exit', (code) => exit.report(code));
  return {
    postMessage: (message, transfer) => worker.postMessage(message, transfer ?? []),
    onMessage: (listener) => worker.on('message', listener),
    onExit: exit.onExit,
    terminate: async () => {
      await worker.terminate();
    },
    ref: () => worker.ref(),
    unref: () => worker.unref(),
  };
}

/**
 * Child process: a native crash (a malformed model taking down onnxruntime) kills only the
 * child. Used to probe voices at import; costs a Node start-up (~0.3 s).
 */
export function createChildProcessTransport(entry: URL = defaultWorkerEntry()): SynthesisTransport {
  const child = fork(fileURLToPath(entry), [], { serialization: 'advanced', execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const exit = createWorkerExit();
  child.on('error', () => exit.report(null));
  child.on('exit', (code) => exit.report(code));
  return {
    postMessage: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', (message) => listener(message as WorkerMessage)),
    onExit: exit.onExit,
    terminate: () =>
      new Promise((resolve) => {
        if (exit.exited || child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
    ref: () => {
      child.ref();
      child.channel?.ref();
    },
    unref: () => {
      child.unref();
      child.channel?.unref();
    },
  };
}
