/**
 * The renderer's Content-Security-Policy, sent as a response header on every app:// response
 * (and by the browser test host, so the e2e runs under the same policy). No eval, no inline
 * script, no remote origin: scripts, styles and fetches come from the app itself; audio plays
 * from blob: URLs made of bytes main sent; wavesurfer's shadow-DOM <style> carries a per-response
 * nonce instead of opening style-src to 'unsafe-inline'.
 */
export function buildContentSecurityPolicy(styleNonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${styleNonce}'`,
    "img-src 'self' data:",
    "media-src 'self' blob:",
    "connect-src 'self'",
    "font-src 'self'",
    "worker-src 'none'",
    "frame-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers for every response that serves the renderer. */
export function rendererResponseHeaders(styleNonce: string, contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': buildContentSecurityPolicy(styleNonce),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

/** index.html carries this placeholder; the server puts the response's nonce in its place. */
export const STYLE_NONCE_PLACEHOLDER = '__VOICEMARK_STYLE_NONCE__';

export function injectStyleNonce(html: string, styleNonce: string): string {
  return html.split(STYLE_NONCE_PLACEHOLDER).join(styleNonce);
}
