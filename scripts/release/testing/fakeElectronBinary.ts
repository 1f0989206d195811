/**
 * A stand-in for an Electron executable: random bytes around Electron's real fuse sentinel and a
 * V1 fuse wire, which is all @electron/fuses reads or writes. Used where the Electron binary
 * cannot be downloaded; the packaged-app test reads the real one in CI.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { FuseState, FuseV1Options } from '@electron/fuses';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** Electron's default wire: RunAsNode, NODE_OPTIONS, inspect and file:// privileges on. */
export const STOCK_ELECTRON_WIRE: Readonly<Record<FuseV1Options, FuseState>> = {
  [FuseV1Options.RunAsNode]: FuseState.ENABLE,
  [FuseV1Options.EnableCookieEncryption]: FuseState.DISABLE,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: FuseState.ENABLE,
  [FuseV1Options.EnableNodeCliInspectArguments]: FuseState.ENABLE,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: FuseState.DISABLE,
  [FuseV1Options.OnlyLoadAppFromAsar]: FuseState.DISABLE,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: FuseState.DISABLE,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: FuseState.ENABLE,
  [FuseV1Options.WasmTrapHandlers]: FuseState.ENABLE,
};

export function writeFakeElectronBinary(path: string, wire: Readonly<Record<number, FuseState>> = STOCK_ELECTRON_WIRE): void {
  const states = Object.keys(wire)
    .map(Number)
    .sort((a, b) => a - b)
    .map((index) => wire[index]);
  // Fuse wire V1: version byte 1, length byte, one state byte per fuse.
  const fuseBlock = Buffer.concat([Buffer.from(SENTINEL, 'ascii'), Buffer.from([1, states.length, ...states])]);
  writeFileSync(path, Buffer.concat([randomBytes(70_000), fuseBlock, randomBytes(30_000)]), { mode: 0o755 });
}
