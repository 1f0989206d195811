import type { BrowserWindowConstructorOptions } from 'electron';

export interface MainWindowOptionsInput {
  preloadPath: string;
  /** DevTools only in development builds. */
  devTools: boolean;
}

/**
 * The one place the window's security settings are chosen (unit-tested field by field).
 * Every option that weakens isolation is set explicitly, so a change of Electron default
 * cannot silently loosen it.
 */
export function createMainWindowOptions(input: MainWindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 820,
    minWidth: 880,
    minHeight: 600,
    show: false,
    title: 'Voicemark Studio',
    backgroundColor: '#1b1d23',
    autoHideMenuBar: true,
    webPreferences: {
      preload: input.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: input.devTools,
    },
  };
}
