import { join } from 'node:path';
import { dialog, type BrowserWindow, type SaveDialogOptions } from 'electron';
import type { NativeDialogs } from '../ipc';

/** The OS save dialog, attached to the main window; the renderer never names a path. */
export function electronDialogs(getWindow: () => BrowserWindow | null, defaultFolder: () => string): NativeDialogs {
  return {
    async chooseExportPath({ suggestedName, format }) {
      const options: SaveDialogOptions = {
        title: 'Export clip',
        defaultPath: join(defaultFolder(), suggestedName),
        filters: [{ name: format === 'wav' ? 'WAV audio' : 'MP3 audio', extensions: [format] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const window = getWindow();
      const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
