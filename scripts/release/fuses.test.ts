import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flipFuses, type FuseConfig } from '@electron/fuses';
import { afterAll, describe, expect, it } from 'vitest';
import { builderFuseWire, loadBuilderConfig } from './electronBuilder';
import { E2E_FUSES, SHIPPED_FUSES, readFuses, verifyFuses } from './fuses';
import { writeFakeElectronBinary } from './testing/fakeElectronBinary';

const projectDir = fileURLToPath(new URL('../../', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'vm-fuses-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('fuses', () => {
  it('reads a stock Electron wire and names every fuse that is not as shipped', async () => {
    const binary = join(scratch, 'stock');
    writeFakeElectronBinary(binary);
    const readings = await readFuses(binary);
    expect(readings.runAsNode).toBe(true);
    expect(readings.enableNodeCliInspectArguments).toBe(true);
    const problems = await verifyFuses(binary, 'shipped');
    expect(problems).toEqual([
      'fuse runAsNode is true, expected false',
      'fuse enableCookieEncryption is false, expected true',
      'fuse enableNodeOptionsEnvironmentVariable is true, expected false',
      'fuse enableNodeCliInspectArguments is true, expected false',
      'fuse enableEmbeddedAsarIntegrityValidation is false, expected true',
      'fuse onlyLoadAppFromAsar is false, expected true',
      'fuse grantFileProtocolExtraPrivileges is true, expected false',
    ]);
  });

  it('electron-builder.yml, flipped the way electron-builder flips it, yields exactly the shipped fuses', async () => {
    const binary = join(scratch, 'shipped');
    writeFakeElectronBinary(binary);
    const config = await loadBuilderConfig(projectDir, 'electron-builder.yml');
    await flipFuses(binary, (await builderFuseWire(config)) as unknown as FuseConfig);
    expect(await readFuses(binary)).toEqual(SHIPPED_FUSES);
    expect(await verifyFuses(binary, 'shipped')).toEqual([]);
    expect(await verifyFuses(binary, 'e2e')).toEqual(['fuse enableNodeCliInspectArguments is false, expected true']);
  });

  it('the e2e variant differs from the shipped build only by the inspect fuse', async () => {
    const binary = join(scratch, 'e2e');
    writeFakeElectronBinary(binary);
    const config = await loadBuilderConfig(projectDir, 'electron-builder.e2e.yml');
    await flipFuses(binary, (await builderFuseWire(config)) as unknown as FuseConfig);
    expect(await readFuses(binary)).toEqual(E2E_FUSES);
    expect(await verifyFuses(binary, 'shipped')).toEqual(['fuse enableNodeCliInspectArguments is true, expected false']);
  });

  it('refuses a file that is not an Electron binary', async () => {
    const notElectron = join(scratch, 'not-electron');
    writeFileSync(notElectron, Buffer.alloc(4096, 7));
    await expect(readFuses(notElectron)).rejects.toThrow(/sentinel/);
  });
});
