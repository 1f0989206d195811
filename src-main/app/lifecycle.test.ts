import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannelFor, RENDERER_OPERATIONS } from '../../src-shared/rendererApi';
import { createMainWindowOptions } from './windowOptions';

/**
 * The Electron glue wired against a recording stand-in for the `electron` module (the binary is
 * not available everywhere): the order of start-up steps, what is registered, and how the IPC
 * sender check and the guards behave. The studio core behind it is the real one.
 */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

type Listener = (...args: unknown[]) => unknown;

function emitter() {
  const listeners = new Map<string, Listener[]>();
  return {
    listeners,
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return this;
    },
    once(event: string, listener: Listener) {
      return this.on(event, listener);
    },
    emit(event: string, ...args: unknown[]) {
      for (const listener of listeners.get(event) ?? []) listener(...args);
    },
  };
}

const fake = vi.hoisted(() => ({ state: {} as Record<string, any> }));

vi.mock('electron', () => {
  const s = fake.state;
  return {
    app: new Proxy({}, { get: (_t, key: string) => s.app[key] }),
    protocol: new Proxy({}, { get: (_t, key: string) => s.protocol[key] }),
    session: { get defaultSession() { return s.session; } },
    ipcMain: new Proxy({}, { get: (_t, key: string) => s.ipcMain[key] }),
    dialog: { showErrorBox: (...args: unknown[]) => s.errors.push(args), showSaveDialog: async () => ({ canceled: true }) },
    shell: { openExternal: async (url: string) => s.opened.push(url) },
    utilityProcess: { fork: () => { throw new Error('not in this test'); } },
    BrowserWindow: class {
      webContents: any;
      constructor(options: unknown) {
        s.windowOptions.push(options);
        const mainFrame = { url: 'app://studio/index.html' };
        this.webContents = { mainFrame, send: (...args: unknown[]) => s.sent.push(args), isDestroyed: () => false };
        s.window = this;
      }
      on() { return this; }
      once() { return this; }
      async loadURL(url: string) { s.loaded.push(url); }
    },
  };
});

let dataDir: string;

beforeEach(() => {
  vi.resetModules();
  dataDir = mkdtempSync(join(tmpdir(), 'vm-lifecycle-'));
  process.env.VOICEMARK_DATA_DIR = dataDir;
  const s = fake.state;
  const steps: string[] = [];
  let ready!: () => void;
  const readyPromise = new Promise<void>((resolve) => (ready = resolve));
  const appEvents = emitter();
  Object.assign(s, {
    steps,
    errors: [],
    opened: [],
    sent: [],
    loaded: [],
    windowOptions: [],
    handlers: new Map<string, Listener>(),
    protocolHandlers: new Map<string, Listener>(),
    ready,
    singleInstance: true,
    appEvents,
    app: {
      enableSandbox: () => steps.push('enableSandbox'),
      requestSingleInstanceLock: () => (steps.push('singleInstanceLock'), s.singleInstance),
      whenReady: () => readyPromise,
      getAppPath: () => repoRoot,
      getPath: (name: string) => join(dataDir, name),
      isPackaged: false,
      quit: () => steps.push('quit'),
      exit: (code: number) => steps.push(`exit ${code}`),
      on: (event: string, listener: Listener) => appEvents.on(event, listener),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => (steps.push('registerScheme'), (s.schemes = schemes)),
      handle: (scheme: string, handler: Listener) => s.protocolHandlers.set(scheme, handler),
    },
    session: {
      setPermissionRequestHandler: (h: Listener) => (s.permissionRequest = h),
      setPermissionCheckHandler: (h: Listener) => (s.permissionCheck = h),
      setDevicePermissionHandler: (h: Listener) => (s.devicePermission = h),
    },
    ipcMain: {
      handle: (channel: string, handler: Listener) => s.handlers.set(channel, handler),
      removeHandler: (channel: string) => s.handlers.delete(channel),
    },
  });
});

afterEach(async () => {
  const s = fake.state;
  // Quit so the real studio closes its database.
  const event = { defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
  s.appEvents.emit('before-quit', event);
  await new Promise((resolve) => setTimeout(resolve, 50));
  rmSync(dataDir, { recursive: true, force: true });
  delete process.env.VOICEMARK_DATA_DIR;
});

async function startAndWaitForWindow(): Promise<Record<string, any>> {
  const s = fake.state;
  const { startDesktopApp } = await import('./lifecycle');
  startDesktopApp();
  s.ready();
  await vi.waitFor(() => expect(s.loaded).toHaveLength(1), { timeout: 20_000 });
  return s;
}

describe('desktop app start-up', () => {
  it('sandboxes every renderer and registers app:// before ready, then takes the single-instance lock', async () => {
    const s = await startAndWaitForWindow();
    expect(s.steps.slice(0, 3)).toEqual(['enableSandbox', 'registerScheme', 'singleInstanceLock']);
    expect(s.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true } },
    ]);
  });

  it('opens one window with the factory’s secure options and loads the app page from app://', async () => {
    const s = await startAndWaitForWindow();
    expect(s.windowOptions).toEqual([
      createMainWindowOptions({ preloadPath: join(repoRoot, 'dist', 'main', 'preload.cjs'), devTools: true }),
    ]);
    expect(s.loaded).toEqual(['app://studio/index.html']);
  });

  it('refuses every permission', async () => {
    const s = await startAndWaitForWindow();
    const answers: boolean[] = [];
    s.permissionRequest({}, 'media', (granted: boolean) => answers.push(granted));
    s.permissionRequest({}, 'notifications', (granted: boolean) => answers.push(granted));
    expect(answers).toEqual([false, false]);
    expect(s.permissionCheck({}, 'clipboard-read')).toBe(false);
    expect(s.devicePermission({})).toBe(false);
  });

  it('serves app:// with the CSP header and 404s a traversal', async () => {
    const s = await startAndWaitForWindow();
    const handler = s.protocolHandlers.get('app');
    const response: Response = await handler(new Request('app://studio/..%2f..%2fpackage.json'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('registers one IPC handler per operation and answers only the window’s own top frame', async () => {
    const s = await startAndWaitForWindow();
    expect([...s.handlers.keys()]).toEqual(RENDERER_OPERATIONS.map(ipcChannelFor));
    const handle = s.handlers.get('studio:voicesList');
    const contents = s.window.webContents;

    const fromApp = await handle({ sender: contents, senderFrame: contents.mainFrame }, {});
    expect(fromApp.ok).toBe(true);
    expect(fromApp.value.voices.length).toBeGreaterThan(0);

    const iframe = { url: 'app://studio/index.html' };
    const refusals = [
      { sender: contents, senderFrame: iframe },
      { sender: { mainFrame: iframe }, senderFrame: iframe },
      { sender: contents, senderFrame: null },
    ];
    for (const event of refusals) {
      const answer = await handle(event, {});
      expect(answer).toEqual({ ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'The request came from an untrusted page.' } });
    }
    const elsewhere = { url: 'https://evil.example/' };
    const navigatedAway = await handle({ sender: { ...contents, mainFrame: elsewhere }, senderFrame: elsewhere }, {});
    expect(navigatedAway.ok).toBe(false);
  });

  it('guards every web contents: no navigation away, no new windows, no <webview>', async () => {
    const s = await startAndWaitForWindow();
    const contents = Object.assign(emitter(), {
      setWindowOpenHandler(handler: Listener) {
        (contents as any).openHandler = handler;
      },
    });
    s.appEvents.emit('web-contents-created', {}, contents);

    const navigate = (event: string, url: string) => {
      const details = { url, prevented: false, preventDefault() { this.prevented = true; } };
      contents.emit(event, details);
      return details.prevented;
    };
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-redirect', 'http://127.0.0.1/')).toBe(true);
    expect(navigate('will-navigate', 'app://studio/index.html')).toBe(false);
    expect(navigate('will-attach-webview', 'app://studio/index.html')).toBe(true);

    const open = (contents as any).openHandler as (details: { url: string }) => { action: string };
    expect(open({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(open({ url: 'https://github.com/rhasspy/piper' })).toEqual({ action: 'deny' });
    expect(s.opened).toEqual(['https://github.com/rhasspy/piper']);
  });

  it('quits at once when another instance holds the lock', async () => {
    const s = fake.state;
    s.singleInstance = false;
    const { startDesktopApp } = await import('./lifecycle');
    startDesktopApp();
    s.ready();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(s.steps).toContain('quit');
    expect(s.windowOptions).toEqual([]);
    expect(s.handlers.size).toBe(0);
  });
});
