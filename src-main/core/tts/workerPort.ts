import { parentPort } from 'node:worker_threads';

/** The worker's side of the channel, whichever way it was started. */
export interface WorkerPort {
  post(message: unknown, transfer?: ArrayBuffer[]): void;
  onMessage(listener: (message: unknown) => void): void;
}

interface ElectronParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

/**
 * Worker thread (plain Node), Electron utilityProcess (`process.parentPort`) or Node child
 * process with an IPC channel (`process.send`). The last two copy typed arrays instead of
 * transferring them.
 */
export function connectWorkerPort(): WorkerPort {
  if (parentPort) {
    const port = parentPort;
    return {
      post: (message, transfer) => port.postMessage(message, transfer ?? []),
      onMessage: (listener) => port.on('message', listener),
    };
  }
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      post: (message) => electronPort.postMessage(message),
      onMessage: (listener) => electronPort.on('message', (event) => listener(event.data)),
    };
  }
  if (process.send) {
    // The host going away must not leave an orphan holding a model in memory.
    process.on('disconnect', () => process.exit(0));
    return {
      post: (message) => process.send!(message),
      onMessage: (listener) => process.on('message', listener),
    };
  }
  throw new Error('synthesis worker started without a channel to its host');
}
