/**
 * JSON on the test host's loopback socket, with byte arrays (historyAudio's WAV) carried as
 * base64 so the renderer receives the same Uint8Array the Electron IPC would give it.
 */
const BYTES_KEY = '$bytes';

export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item instanceof Uint8Array ? { [BYTES_KEY]: Buffer.from(item).toString('base64') } : item,
  );
}

export function decodeWireInBrowser(text: string): unknown {
  return JSON.parse(text, (_key, item: unknown) => {
    if (item && typeof item === 'object' && BYTES_KEY in item && Object.keys(item).length === 1) {
      const binary = atob((item as Record<string, string>)[BYTES_KEY]);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      return bytes;
    }
    return item;
  });
}

export const TOKEN_HEADER = 'x-voicemark-token';
export const FILE_NAME_HEADER = 'x-voicemark-file-name';
export const RPC_PREFIX = '/__studio/rpc/';
export const UPLOAD_PATH = '/__studio/drop';
export const EVENTS_PATH = '/__studio/events';
export const BRIDGE_PATH = '/__test-host/bridge.js';
export const TOKEN_META = 'voicemark-test-token';
