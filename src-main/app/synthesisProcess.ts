import { utilityProcess } from 'electron';
import { createWorkerExit, type SynthesisTransport } from '../core/tts';

/** V8 heap cap for the synthesis process; ONNX Runtime's own buffers come on top. */
export const SYNTHESIS_MAX_HEAP_MB = 1024;

/**
 * The synthesis worker as an Electron utilityProcess: off the main thread, in its own OS process
 * (a native crash in ONNX Runtime or the eSpeak NG WebAssembly glue ends only that process), with
 * a capped heap. The core's synthesizer owns the per-request time limit and cancellation, and
 * starts a fresh process for the next request after this one exits.
 */
export function createUtilityProcessTransport(entryPath: string): SynthesisTransport {
  const child = utilityProcess.fork(entryPath, [], {
    serviceName: 'Voicemark synthesis',
    execArgv: [`--max-old-space-size=${SYNTHESIS_MAX_HEAP_MB}`],
    stdio: 'inherit',
    env: withoutRunAsNode(process.env),
  });
  const exit = createWorkerExit();
  // A fatal V8 error (out of memory under the heap cap) is reported before the exit.
  child.on('error', () => exit.report(null));
  child.on('exit', (code) => exit.report(code));

  return {
    // utilityProcess copies typed arrays; it can only transfer MessagePorts.
    postMessage: (message) => {
      if (!exit.exited) child.postMessage(message);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: exit.onExit,
    terminate: () =>
      new Promise<void>((resolve) => {
        if (exit.exited) return resolve();
        exit.onExit(() => resolve());
        child.kill();
      }),
  };
}

function withoutRunAsNode(env: NodeJS.ProcessEnv): Record<string, string> {
  const copy: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') copy[key] = value;
  }
  return copy;
}
