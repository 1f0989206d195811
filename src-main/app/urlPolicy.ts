import { isAppPageUrl } from '../ipc/senderCheck';

/** The window may only ever show the app's own pages. */
export function isAllowedNavigation(url: string): boolean {
  return isAppPageUrl(url);
}

/**
 * Sites a link in the app may open in the user's browser (voice licences, the project's pages).
 * Everything else — javascript:, file:, smb:, custom handlers, plain http — is refused, because
 * shell.openExternal hands the URL to the operating system.
 */
export const EXTERNAL_LINK_HOSTS: ReadonlySet<string> = new Set([
  'github.com',
  'huggingface.co',
  'creativecommons.org',
  'www.gnu.org',
  'opensource.org',
  'spdx.org',
]);

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === '' &&
    EXTERNAL_LINK_HOSTS.has(parsed.hostname)
  );
}
