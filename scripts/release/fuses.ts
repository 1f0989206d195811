/**
 * The Electron fuse states Voicemark Studio ships with, and a reader that checks a packaged
 * Electron binary against them. electron-builder flips the fuses (the `electronFuses` block of
 * electron-builder.yml, named as electron-builder names them); this module is the independent
 * statement of what they must be.
 */
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';

export type FuseName =
  | 'runAsNode'
  | 'enableCookieEncryption'
  | 'enableNodeOptionsEnvironmentVariable'
  | 'enableNodeCliInspectArguments'
  | 'enableEmbeddedAsarIntegrityValidation'
  | 'onlyLoadAppFromAsar'
  | 'loadBrowserProcessSpecificV8Snapshot'
  | 'grantFileProtocolExtraPrivileges';

export type FuseSet = Readonly<Record<FuseName, boolean>>;

/** Position of each fuse on Electron's V1 fuse wire. */
export const FUSE_WIRE_INDEX: Readonly<Record<FuseName, FuseV1Options>> = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

export const FUSE_NAMES = Object.keys(FUSE_WIRE_INDEX) as FuseName[];

/** What every shipped build must carry (docs/ELECTRON-SECURITY.md item 19). */
export const SHIPPED_FUSES: FuseSet = Object.freeze({
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
});

/** The Playwright build: Playwright's _electron attaches through --inspect. Never shipped. */
export const E2E_FUSES: FuseSet = Object.freeze({ ...SHIPPED_FUSES, enableNodeCliInspectArguments: true });

export type FuseVariant = 'shipped' | 'e2e';

export function expectedFuses(variant: FuseVariant): FuseSet {
  return variant === 'e2e' ? E2E_FUSES : SHIPPED_FUSES;
}

export type FuseReading = boolean | 'removed' | 'inherit' | 'absent';

function readingOf(state: number | undefined): FuseReading {
  if (state === undefined) return 'absent';
  if (state === FuseState.ENABLE) return true;
  if (state === FuseState.DISABLE) return false;
  if (state === FuseState.REMOVED) return 'removed';
  return 'inherit';
}

/**
 * Reads the fuse wire of an Electron binary: the executable on Windows and Linux, the `.app`
 * bundle (or its Electron Framework) on macOS.
 */
export async function readFuses(electronBinary: string): Promise<Record<FuseName, FuseReading>> {
  const wire = (await getCurrentFuseWire(electronBinary)) as unknown as Record<number, number | undefined>;
  const readings = {} as Record<FuseName, FuseReading>;
  for (const name of FUSE_NAMES) readings[name] = readingOf(wire[FUSE_WIRE_INDEX[name]]);
  return readings;
}

/** One line per fuse that differs from what is expected; empty when the binary is right. */
export function describeFuseMismatches(actual: Record<FuseName, FuseReading>, expected: FuseSet): string[] {
  return FUSE_NAMES.filter((name) => actual[name] !== expected[name]).map(
    (name) => `fuse ${name} is ${String(actual[name])}, expected ${String(expected[name])}`,
  );
}

export async function verifyFuses(electronBinary: string, variant: FuseVariant): Promise<string[]> {
  return describeFuseMismatches(await readFuses(electronBinary), expectedFuses(variant));
}
