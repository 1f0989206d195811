import { realpathSync, statSync } from 'node:fs';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import { APP_HOST, APP_SCHEME } from '../ipc/senderCheck';

/** What to serve for one request to the renderer's files. */
export type RendererFilePlan =
  | { status: 200; filePath: string; contentType: string; isIndex: boolean }
  | { status: 404 }
  | { status: 405 };

/** Only these file types are ever served; anything else in the folder is a 404. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * Maps a URL path to a file strictly inside `rootDir`. The URL parser already folds `..`
 * segments; this also refuses encoded separators and dots that decode to an escape, NUL bytes,
 * backslashes, symlinks that lead outside the root, and anything not a regular file.
 */
export function resolveRendererFile(pathname: string, rootDir: string): RendererFilePlan {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { status: 404 };
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return { status: 404 };
  const relativePath = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const segments = relativePath.split('/');
  if (segments.some((segment) => segment === '..' || segment === '.' || segment === '')) return { status: 404 };

  const contentType = CONTENT_TYPES[extname(relativePath).toLowerCase()];
  if (!contentType) return { status: 404 };

  let realRoot: string;
  let realFile: string;
  try {
    realRoot = realpathSync(rootDir);
    realFile = realpathSync(join(rootDir, ...segments));
  } catch {
    return { status: 404 };
  }
  if (!isInside(realRoot, realFile)) return { status: 404 };
  try {
    if (!statSync(realFile).isFile()) return { status: 404 };
  } catch {
    return { status: 404 };
  }
  return { status: 200, filePath: realFile, contentType, isIndex: relativePath === 'index.html' };
}

/** For the app:// handler: the URL must be app://studio/… and the method a read. */
export function resolveAppRequest(method: string, url: string, rootDir: string): RendererFilePlan {
  if (method !== 'GET' && method !== 'HEAD') return { status: 405 };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { status: 404 };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || parsed.username || parsed.password) {
    return { status: 404 };
  }
  return resolveRendererFile(parsed.pathname, rootDir);
}

function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}
