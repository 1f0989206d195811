import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { APP_SCHEME } from '../ipc/senderCheck';
import { resolveAppRequest } from './appRequest';
import { injectStyleNonce, rendererResponseHeaders } from './contentSecurityPolicy';

/** Must run before `app` is ready: app:// behaves like https (standard, secure origin, fetch). */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true },
    },
  ]);
}

/**
 * Serves the renderer from `rendererDir` only, never file:// or the network. Every response,
 * 404s included, carries the CSP header with a fresh style nonce.
 */
export function handleAppProtocol(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const nonce = randomBytes(16).toString('base64');
    const plan = resolveAppRequest(request.method, request.url, rendererDir);
    if (plan.status !== 200) {
      return new Response('Not found', { status: plan.status, headers: rendererResponseHeaders(nonce, 'text/plain') });
    }
    try {
      const bytes = await readFile(plan.filePath);
      const body = plan.isIndex ? injectStyleNonce(bytes.toString('utf8'), nonce) : bytes;
      return new Response(body, { status: 200, headers: rendererResponseHeaders(nonce, plan.contentType) });
    } catch {
      return new Response('Not found', { status: 404, headers: rendererResponseHeaders(nonce, 'text/plain') });
    }
  });
}
