import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

export const DEFAULT_APP_NAME = 'Voicemark Studio';

export interface DataDirEnvironment {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
}

/**
 * The per-user folder of the studio's data (history, imported voices):
 * - Linux and other Unix: `$XDG_DATA_HOME/voicemark-studio`, else `~/.local/share/voicemark-studio`
 * - macOS: `~/Library/Application Support/Voicemark Studio`
 * - Windows: `%APPDATA%\Voicemark Studio`
 *
 * On macOS and Windows this is Electron's `app.getPath('userData')`. On Linux Electron would pick
 * `~/.config/<name>`; the app shell therefore sets `app.setPath('userData', defaultDataDir())`
 * before `ready` so the window and the command line share one history.
 */
export function defaultDataDir(appName: string = DEFAULT_APP_NAME): string {
  return resolveDataDir(appName, { platform: process.platform, env: process.env, home: homedir() });
}

export function resolveDataDir(appName: string, { platform, env, home }: DataDirEnvironment): string {
  if (!appName.trim() || /[\\/]|^\.\.?$/.test(appName)) {
    throw new Error('app name must be a single, non-empty folder name');
  }
  if (platform === 'win32') {
    return win32.join(env.APPDATA || win32.join(home, 'AppData', 'Roaming'), appName);
  }
  if (platform === 'darwin') {
    return posix.join(home, 'Library', 'Application Support', appName);
  }
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdgDataHome = env.XDG_DATA_HOME && posix.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : null;
  return posix.join(xdgDataHome ?? posix.join(home, '.local', 'share'), linuxFolderName(appName));
}

/** 'Voicemark Studio' → 'voicemark-studio': the Unix convention for folders under ~/.local/share. */
function linuxFolderName(appName: string): string {
  return appName.trim().toLowerCase().replace(/\s+/g, '-');
}
