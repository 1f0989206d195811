import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron';
import { SPEAK_PROGRESS_CHANNEL } from '../../src-shared/rendererApi';
import { stderrLog } from '../core/log';
import { createStudio, type Studio } from '../core/studio';
import { createRendererHandlers } from '../ipc';
import { APP_ORIGIN } from '../ipc/senderCheck';
import { handleAppProtocol, registerAppScheme } from './appProtocol';
import { desktopPaths } from './desktopPaths';
import { registerStudioIpc } from './ipcRegistration';
import { electronDialogs } from './nativeDialogs';
import { denyAllPermissions, installWebContentsGuards } from './securityGuards';
import { createUtilityProcessTransport } from './synthesisProcess';
import { createMainWindowOptions } from './windowOptions';

const log = stderrLog;

/** The Electron app: one instance, one window, the studio core behind the IPC router. */
export function startDesktopApp(): void {
  // Both must happen before `ready`.
  app.enableSandbox();
  registerAppScheme(protocol);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  let studio: Studio | null = null;
  let window: BrowserWindow | null = null;
  let closing = false;

  installWebContentsGuards(app, shell);

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.on('window-all-closed', () => app.quit());

  app.on('before-quit', (event) => {
    if (closing || !studio) return;
    event.preventDefault();
    closing = true;
    const opened = studio;
    studio = null;
    void opened
      .close()
      .catch(() => log('error', 'app.close_failed', {}))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(async () => {
      const paths = desktopPaths(app);
      denyAllPermissions(session.defaultSession);
      handleAppProtocol(protocol, paths.rendererDir);

      studio = await createStudio({
        dataDir: paths.dataDir,
        modelsDir: paths.modelsDir,
        synthesisTransportFactory: () => createUtilityProcessTransport(paths.synthesisWorkerPath),
        log,
      });
      const openedStudio = studio;

      window = new BrowserWindow(createMainWindowOptions({ preloadPath: paths.preloadPath, devTools: !app.isPackaged }));
      const mainWindow = window;
      mainWindow.on('closed', () => {
        window = null;
      });
      mainWindow.once('ready-to-show', () => mainWindow.show());

      registerStudioIpc(ipcMain, {
        handlers: createRendererHandlers(
          openedStudio,
          electronDialogs(() => window, () => app.getPath('documents')),
        ),
        mainWebContents: () => window?.webContents ?? null,
        log,
      });
      openedStudio.onSpeakProgress((progress) => {
        if (window && !window.webContents.isDestroyed()) window.webContents.send(SPEAK_PROGRESS_CHANNEL, progress);
      });

      await mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
      log('info', 'app.ready', {});
    })
    .catch((error: unknown) => {
      log('error', 'app.start_failed', { errorName: error instanceof Error ? error.name : typeof error });
      dialog.showErrorBox(
        'Voicemark Studio could not start',
        'The studio could not open its data folder or its voices. Check that the data folder is writable and try again.',
      );
      app.exit(1);
    });
}
