import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from './index';
import { resolveDataDir } from './dataDir';

describe('defaultDataDir', () => {
  it('follows each platform’s convention for per-user application data', () => {
    expect(resolveDataDir('Voicemark Studio', { platform: 'linux', env: {}, home: '/home/ada' })).toBe(
      '/home/ada/.local/share/voicemark-studio',
    );
    expect(resolveDataDir('Voicemark Studio', { platform: 'linux', env: { XDG_DATA_HOME: '/data/ada' }, home: '/home/ada' })).toBe(
      '/data/ada/voicemark-studio',
    );
    expect(resolveDataDir('Voicemark Studio', { platform: 'freebsd', env: { XDG_DATA_HOME: 'relative/ignored' }, home: '/home/ada' })).toBe(
      '/home/ada/.local/share/voicemark-studio',
    );
    expect(resolveDataDir('Voicemark Studio', { platform: 'darwin', env: {}, home: '/Users/ada' })).toBe(
      '/Users/ada/Library/Application Support/Voicemark Studio',
    );
    expect(
      resolveDataDir('Voicemark Studio', { platform: 'win32', env: { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, home: 'C:\\Users\\ada' }),
    ).toBe('C:\\Users\\ada\\AppData\\Roaming\\Voicemark Studio');
    expect(resolveDataDir('Voicemark Studio', { platform: 'win32', env: {}, home: 'C:\\Users\\ada' })).toBe(
      'C:\\Users\\ada\\AppData\\Roaming\\Voicemark Studio',
    );
  });

  it('uses the running process’s platform, environment and home', () => {
    expect(defaultDataDir()).toBe(resolveDataDir('Voicemark Studio', { platform: process.platform, env: process.env, home: homedir() }));
    expect(defaultDataDir('Voicemark Studio Beta')).not.toBe(defaultDataDir());
  });

  it('refuses an app name that is not a single folder name', () => {
    for (const name of ['', ' ', '..', '.', 'a/b', 'a\\b']) expect(() => defaultDataDir(name)).toThrow();
  });
});
