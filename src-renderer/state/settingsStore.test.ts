import { beforeEach, describe, expect, it } from 'vitest';
import { installFakeBridge, ok } from '../testing/fakeBridge';
import { useSettings } from './settingsStore';

const initial = useSettings.getState();
const older = { id: 'private-0a1b2c3d', createdAt: '2025-01-01T00:00:00.000Z', active: true };
const newer = { id: 'private-99887766', createdAt: '2025-02-01T00:00:00.000Z', active: true };

beforeEach(() => useSettings.setState(initial, true));

describe('settings store: private watermark key', () => {
  it('loads the keys, and a created key becomes the active one while older keys stay', async () => {
    const created: unknown[] = [];
    installFakeBridge({
      watermarkKeysList: () => ok({ keys: [older] }),
      watermarkKeyCreate: (request) => {
        created.push(request);
        return ok({ key: newer });
      },
    });
    await useSettings.getState().loadPrivateKeys();
    expect(useSettings.getState().privateKeys).toEqual([older]);
    await useSettings.getState().createPrivateKey();
    expect(created).toEqual([{}]);
    expect(useSettings.getState()).toMatchObject({ privateKeys: [{ ...older, active: false }, newer], creatingKey: false, keysError: null });
  });

  it('shows the typed message of a damaged key file and keeps the keys it knew', async () => {
    installFakeBridge({
      watermarkKeysList: () => ok({ keys: [older] }),
      watermarkKeyCreate: () =>
        Promise.resolve({ ok: false, error: { code: 'WATERMARK_KEYS_INVALID', message: 'The private watermark key file is damaged.' } }),
    });
    await useSettings.getState().loadPrivateKeys();
    await useSettings.getState().createPrivateKey();
    expect(useSettings.getState()).toMatchObject({
      privateKeys: [older],
      creatingKey: false,
      keysError: 'The private watermark key file is damaged.',
    });
  });
});
