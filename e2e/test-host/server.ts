import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { SpeakProgress } from '../../src-shared/domain';
import { ERROR_CATALOGUE, type ErrorCode } from '../../src-shared/errors';
import { LIMITS } from '../../src-shared/limits';
import type { StudioApi } from '../../src-shared/contract';
import type { Result } from '../../src-shared/rendererApi';
import { resolveRendererFile } from '../../src-main/app/appRequest';
import { injectStyleNonce, rendererResponseHeaders } from '../../src-main/app/contentSecurityPolicy';
import type { LogSink } from '../../src-main/core/log';
import { createIpcRouter, createRendererHandlers, type NativeDialogs } from '../../src-main/ipc';
import {
  BRIDGE_PATH,
  encodeWire,
  EVENTS_PATH,
  FILE_NAME_HEADER,
  RPC_PREFIX,
  TOKEN_HEADER,
  TOKEN_META,
  UPLOAD_PATH,
} from './wire';

/** The core as the host needs it: the contract plus progress events (the real `Studio` fits). */
export type HostedStudio = StudioApi & { onSpeakProgress(listener: (p: SpeakProgress) => void): () => void };

export interface TestHostOptions {
  studio: HostedStudio;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** Where the save-dialog shim writes exports and the drop shim stores uploads. */
  workDir: string;
  log?: LogSink;
}

export interface TestHost {
  url: string;
  /** Paths the save-dialog shim handed out, in order. */
  exportedPaths: string[];
  close(): Promise<void>;
}

interface HostSender {
  origin: string | undefined;
  token: string | undefined;
}

const MAX_RPC_BODY_BYTES = LIMITS.maxIpcPayloadBytes * 4;
const MAX_UPLOAD_BYTES = LIMITS.maxVoiceModelBytes;

/**
 * Dev-only browser test host, never packaged. Serves the built renderer under the app's CSP and
 * answers the renderer contract over loopback (127.0.0.1, random port) through the same router
 * and handlers as Electron main. A random per-run token (in the served page) plus the page's own
 * Origin stand in for Electron's sender-frame check. The native dialogs are the one shim: the
 * save dialog picks a path in `workDir/exports`, and a drop is uploaded to `workDir/drops`.
 */
export async function startTestHost(options: TestHostOptions): Promise<TestHost> {
  const token = randomBytes(24).toString('hex');
  const exportDir = join(options.workDir, 'exports');
  const dropDir = join(options.workDir, 'drops');
  mkdirSync(exportDir, { recursive: true });
  mkdirSync(dropDir, { recursive: true });
  const exportedPaths: string[] = [];
  const bridge = await bundleBridge();
  let origin = '';

  const dialogs: NativeDialogs = {
    async chooseExportPath({ suggestedName }) {
      const path = join(exportDir, suggestedName);
      exportedPaths.push(path);
      return path;
    },
  };
  const router = createIpcRouter<HostSender>({
    handlers: createRendererHandlers(options.studio, dialogs),
    isTrustedSender: (sender) => sender.origin === origin && sameSecret(sender.token, token),
    log: options.log,
  });
  const progressStreams = new Set<ServerResponse>();
  const unsubscribe = options.studio.onSpeakProgress((progress) => {
    for (const stream of progressStreams) stream.write(`${JSON.stringify(progress)}\n`);
  });

  function senderOf(request: IncomingMessage): HostSender {
    const header = request.headers[TOKEN_HEADER];
    return { origin: request.headers.origin, token: typeof header === 'string' ? header : undefined };
  }

  async function handleRpc(request: IncomingMessage, response: ServerResponse, operation: string): Promise<void> {
    const body = await readBody(request, MAX_RPC_BODY_BYTES);
    let result: Result<unknown>;
    if (body === null) result = refusal('PAYLOAD_TOO_LARGE');
    else {
      let payload: unknown;
      try {
        payload = JSON.parse(body.toString('utf8'));
      } catch {
        payload = Symbol('unparseable');
      }
      result = await router.handle(operation, payload, senderOf(request));
    }
    sendJson(response, encodeWire(result));
  }

  async function handleDrop(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const sender = senderOf(request);
    if (!(sender.origin === origin && sameSecret(sender.token, token))) {
      request.resume();
      return sendJson(response, JSON.stringify(refusal('FORBIDDEN_SENDER')));
    }
    const rawName = request.headers[FILE_NAME_HEADER];
    const name = safeFileName(typeof rawName === 'string' ? decodeURIComponentSafe(rawName) : 'dropped');
    const folder = join(dropDir, randomBytes(6).toString('hex'));
    mkdirSync(folder);
    const path = join(folder, name);
    const written = await writeBody(request, path, MAX_UPLOAD_BYTES);
    sendJson(response, JSON.stringify(written ? { ok: true, value: path } : refusal('FILE_TOO_LARGE')));
  }

  function handleEvents(request: IncomingMessage, response: ServerResponse): void {
    const sender = senderOf(request);
    if (!sameSecret(sender.token, token)) {
      response.writeHead(403).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
    response.flushHeaders();
    progressStreams.add(response);
    request.on('close', () => progressStreams.delete(response));
  }

  function serveStatic(request: IncomingMessage, response: ServerResponse, pathname: string): void {
    const nonce = randomBytes(16).toString('base64');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, rendererResponseHeaders(nonce, 'text/plain')).end();
      return;
    }
    if (pathname === BRIDGE_PATH) {
      response.writeHead(200, rendererResponseHeaders(nonce, 'text/javascript; charset=utf-8')).end(bridge);
      return;
    }
    const plan = resolveRendererFile(pathname, options.rendererDir);
    if (plan.status !== 200) {
      response.writeHead(plan.status, rendererResponseHeaders(nonce, 'text/plain')).end('Not found');
      return;
    }
    let bytes: Buffer = readFileSync(plan.filePath);
    if (plan.isIndex) bytes = Buffer.from(pageWithBridge(bytes.toString('utf8'), nonce, token));
    response.writeHead(200, rendererResponseHeaders(nonce, plan.contentType)).end(bytes);
  }

  const server = createServer((request, response) => {
    const pathname = (request.url ?? '/').split('?')[0];
    if (request.method === 'POST' && pathname.startsWith(RPC_PREFIX)) {
      void handleRpc(request, response, pathname.slice(RPC_PREFIX.length)).catch(() => internalError(response));
    } else if (request.method === 'POST' && pathname === UPLOAD_PATH) {
      void handleDrop(request, response).catch(() => internalError(response));
    } else if (request.method === 'GET' && pathname === EVENTS_PATH) {
      handleEvents(request, response);
    } else {
      serveStatic(request, response, pathname);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${origin}/`,
    exportedPaths,
    async close() {
      unsubscribe();
      for (const stream of progressStreams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function refusal(code: ErrorCode): Result<never> {
  return { ok: false, error: { code, message: ERROR_CATALOGUE[code].message } };
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(expected));
}

function sendJson(response: ServerResponse, body: string): void {
  response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(body);
}

function internalError(response: ServerResponse): void {
  if (!response.headersSent) sendJson(response, JSON.stringify(refusal('INTERNAL')));
  else response.end();
}

/** The bridge runs first (a classic script before the app's module) and learns the token from a meta tag. */
function pageWithBridge(html: string, nonce: string, token: string): string {
  const withNonce = injectStyleNonce(html, nonce);
  const injected = `<meta name="${TOKEN_META}" content="${token}" />\n    <script src="${BRIDGE_PATH}"></script>\n    `;
  return withNonce.replace('<title>', `${injected}<title>`);
}

async function bundleBridge(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./bridge.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    logLevel: 'silent',
  });
  return result.outputFiles[0].text;
}

/** Reads a request body up to `limit` bytes; null (and the rest discarded) beyond it. */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function writeBody(request: IncomingMessage, path: string, limit: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    let size = 0;
    let over = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      else out.write(chunk);
    });
    request.on('end', () => out.end(() => resolve(!over)));
    request.on('error', reject);
    out.on('error', reject);
  });
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return 'dropped';
  }
}

/** Keeps the name's extension (decoders look at it) and nothing that could leave the folder. */
function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[^\w.\- ]+/g, '_').replace(/^\.+/, '').slice(-120);
  return cleaned || 'dropped';
}
