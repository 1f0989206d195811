/** The app's own page is served from app://studio/; nothing else may talk to main. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'studio';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export interface FrameInfo {
  /** URL of the frame that sent the message (undefined once the frame is gone). */
  url: string | undefined;
  /** True only for the window's main frame: iframes never get the API. */
  isTopFrame: boolean;
}

export function isAppPageUrl(url: string | undefined): boolean {
  if (typeof url !== 'string') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Node reports origin "null" for custom schemes, so compare the parts.
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
}

export function isTrustedAppFrame(frame: FrameInfo): boolean {
  return frame.isTopFrame === true && isAppPageUrl(frame.url);
}
