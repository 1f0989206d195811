import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { ipcChannelFor } from '../../src-shared/rendererApi';
import type { LogSink } from '../core/log';
import { createIpcRouter, isTrustedAppFrame, type RendererHandlers } from '../ipc';

/**
 * One ipcMain.handle per contract operation, all through the same router. A message is trusted
 * only from the main window's own web contents, from its top frame, showing app://studio/.
 */
export function registerStudioIpc(
  ipcMain: IpcMain,
  options: { handlers: RendererHandlers; mainWebContents: () => WebContents | null; log: LogSink },
): () => void {
  const router = createIpcRouter<IpcMainInvokeEvent>({
    handlers: options.handlers,
    isTrustedSender: (event) => {
      const frame = event.senderFrame;
      return (
        frame !== null &&
        event.sender === options.mainWebContents() &&
        isTrustedAppFrame({ url: frame.url, isTopFrame: frame === event.sender.mainFrame })
      );
    },
    log: options.log,
  });
  for (const operation of router.operations) {
    ipcMain.handle(ipcChannelFor(operation), (event, payload: unknown) => router.handle(operation, payload, event));
  }
  return () => {
    for (const operation of router.operations) ipcMain.removeHandler(ipcChannelFor(operation));
  };
}
