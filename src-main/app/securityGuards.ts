import type { App, Session, Shell, WebContents } from 'electron';
import { isAllowedExternalUrl, isAllowedNavigation } from './urlPolicy';

/** Every permission (camera, microphone, notifications, geolocation, clipboard, HID, …) is refused. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/**
 * For every web contents the app ever creates: no navigation away from the app, no new windows
 * (an allowlisted https link opens in the user's browser instead), no <webview>.
 */
export function installWebContentsGuards(app: App, shell: Shell): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, shell));
}

export function guardWebContents(contents: WebContents, shell: Shell): void {
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}
