import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gateFindings, projectChecks, runElectronegativity, syntaxFacts, toSarif, type ElectronFinding } from './electronConfig';

const scratch = mkdtempSync(join(tmpdir(), 'vm-electron-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Shaped like esbuild's CommonJS output: the electron import is a namespace object. */
const INSECURE_BUNDLE = `"use strict";
var import_electron = require("electron");
function createOptions() {
  return { webPreferences: { nodeIntegration: !0, contextIsolation: false, sandbox: !1, webSecurity: false, enableBlinkFeatures: "CSSVariables", webviewTag: true } };
}
import_electron.app.whenReady().then(() => {
  const win = new import_electron.BrowserWindow(createOptions());
  win.loadFile("index.html");
});
`;

const SECURE_BUNDLE = `"use strict";
var import_electron = require("electron");
const CSP_HEADER = "Content-Security-Policy";
function createOptions(preload) {
  return { webPreferences: { preload, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, webviewTag: false } };
}
import_electron.app.enableSandbox();
import_electron.protocol.registerSchemesAsPrivileged([{ scheme: "app", privileges: { standard: true, secure: true } }]);
import_electron.app.whenReady().then(() => {
  import_electron.protocol.handle("app", async (request) => new Response("", { headers: { [CSP_HEADER]: "default-src 'none'" } }));
  import_electron.session.defaultSession.setPermissionRequestHandler((_wc, _p, callback) => callback(false));
  import_electron.session.defaultSession.setPermissionCheckHandler(() => false);
  import_electron.app.on("web-contents-created", (_e, contents) => {
    contents.on("will-navigate", (event) => event.preventDefault());
    contents.on("will-attach-webview", (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: "deny" }));
  });
  const win = new import_electron.BrowserWindow(createOptions(__dirname + "/preload.cjs"));
  win.loadURL("app://studio/index.html");
});
`;

function writeBuild(name: string, files: Record<string, string>): string {
  const root = join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const ids = (findings: readonly ElectronFinding[]) => findings.map((f) => f.id).sort();

describe('the project’s checks over built bundles', () => {
  it('find weakened webPreferences and file:// loading even through esbuild’s namespace calls and !0/!1', () => {
    const facts = syntaxFacts('dist/main/main.cjs', INSECURE_BUNDLE);
    expect(ids(facts.forbidden)).toEqual([
      'BLINK_FEATURES',
      'CONTEXT_ISOLATION_OFF',
      'FILE_PROTOCOL_LOAD',
      'NODE_INTEGRATION',
      'SANDBOX_OFF',
      'WEBVIEW_TAG',
      'WEB_SECURITY_OFF',
    ]);
    expect(facts.forbidden.find((f) => f.id === 'SANDBOX_OFF')).toMatchObject({ file: 'dist/main/main.cjs', line: 4, severity: 'HIGH' });
  });

  it('report every missing guard in an otherwise harmless main bundle', () => {
    const root = writeBuild('bare', { 'dist/main/main.cjs': 'require("electron").app.whenReady();\n' });
    expect(ids(projectChecks(root, join(root, 'dist/main/main.cjs'), []))).toEqual([
      'REQUIRES_APP_SANDBOX',
      'REQUIRES_CSP_HEADER',
      'REQUIRES_NAVIGATION_GUARD',
      'REQUIRES_PERMISSION_CHECK_HANDLER',
      'REQUIRES_PERMISSION_REQUEST_HANDLER',
      'REQUIRES_PROTOCOL_HANDLE',
      'REQUIRES_WEBVIEW_GUARD',
      'REQUIRES_WINDOW_OPEN_HANDLER',
    ]);
  });

  it('pass a bundle that installs every guard, and catch a preload that hands ipcRenderer to the page', () => {
    const root = writeBuild('secure', {
      'dist/main/main.cjs': SECURE_BUNDLE,
      'dist/main/preload.cjs': 'var e = require("electron");\ne.contextBridge.exposeInMainWorld("studio", { ipcRenderer: e.ipcRenderer });\n',
    });
    expect(ids(projectChecks(root, join(root, 'dist/main/main.cjs'), [join(root, 'dist/main/preload.cjs')]))).toEqual(['PRELOAD_EXPOSES_IPC_RENDERER']);
    expect(ids(projectChecks(root, join(root, 'dist/main/main.cjs'), []))).toEqual([]);
  });

  it('require openExternal to sit behind an allowlist check, and ignore inherited names like toString()', () => {
    const guarded = syntaxFacts('m.cjs', 'if (isAllowedExternalUrl(u)) void shell2.openExternal(u);\nconst s = x.toString(); y.constructor();\n');
    expect(guarded.forbidden).toEqual([]);
    const bare = syntaxFacts('m.cjs', 'app.on("x", (u) => shell.openExternal(u));\n');
    expect(ids(bare.forbidden)).toEqual(['OPEN_EXTERNAL_UNGUARDED']);
    const wrongBranch = syntaxFacts('m.cjs', 'if (isAllowedExternalUrl(u)) {} else { shell.openExternal(u); }\n');
    expect(ids(wrongBranch.forbidden)).toEqual(['OPEN_EXTERNAL_UNGUARDED']);
  });

  it('recognise protocol.handle through a renamed parameter (esbuild’s protocol2)', () => {
    expect(syntaxFacts('m.cjs', 'function serve(protocol2) { protocol2.handle("app", h); }\n').calls.has('handle')).toBe(true);
    expect(syntaxFacts('m.cjs', 'ipcMain2.handle("studio:speak", h);\n').calls.has('handle')).toBe(false);
  });

  it('report a main entry the build did not produce', () => {
    expect(ids(projectChecks(scratch, join(scratch, 'dist/main/missing.cjs'), []))).toEqual(['MAIN_BUNDLE_MISSING']);
  });
});

describe('electronegativity through its run() API', () => {
  it('scans .cjs bundles (staged as .js) and maps findings back to the real files', async () => {
    const root = writeBuild('eng', {
      'dist/main/main.cjs': `const { BrowserWindow } = require("electron");\nnew BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false } });\n`,
      'dist/renderer/index.html': '<!doctype html><html><head></head><body><webview src="http://example.com/"></webview></body></html>',
    });
    const findings = await runElectronegativity(root, [join(root, 'dist/main'), join(root, 'dist/renderer')], { electronVersion: '45.4.1', offline: true });
    const byId = new Map(findings.map((f) => [f.id, f]));
    expect(byId.get('CONTEXT_ISOLATION_JS_CHECK')).toMatchObject({ file: 'dist/main/main.cjs', line: 2, source: 'electronegativity' });
    expect(byId.get('SANDBOX_JS_CHECK')?.file).toBe('dist/main/main.cjs');
    expect(byId.get('HTTP_RESOURCES_HTML_CHECK')?.file).toBe('dist/renderer/index.html');
  }, 60_000);
});

describe('the gate', () => {
  const finding = (id: string, severity: ElectronFinding['severity'] = 'MEDIUM', file = 'N/A'): ElectronFinding => ({
    id,
    severity,
    file,
    line: 0,
    description: id,
    manualReview: false,
    source: 'electronegativity',
  });

  it('fails on any finding it does not accept, warns on informational ones and on outdated Electron', () => {
    const result = gateFindings([finding('SANDBOX_JS_CHECK'), finding('SECURITY_WARNINGS_DISABLED_JS_CHECK', 'INFORMATIONAL'), finding('AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK', 'HIGH')]);
    expect(ids(result.blocking)).toEqual(['SANDBOX_JS_CHECK']);
    expect(ids(result.warnings)).toEqual(['AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK', 'SECURITY_WARNINGS_DISABLED_JS_CHECK']);
  });

  it('accepts the header-set CSP only while the project check proves the header is set', () => {
    expect(ids(gateFindings([finding('CSP_GLOBAL_CHECK')]).accepted.map((a) => a.finding))).toEqual(['CSP_GLOBAL_CHECK']);
    const unproven = gateFindings([finding('CSP_GLOBAL_CHECK'), { ...finding('REQUIRES_CSP_HEADER', 'HIGH'), source: 'project' }]);
    expect(ids(unproven.blocking)).toEqual(['CSP_GLOBAL_CHECK', 'REQUIRES_CSP_HEADER']);
  });

  it('limits a file-scoped acceptance to that file', () => {
    const accepted = [{ id: 'OPEN_EXTERNAL_JS_CHECK', file: 'dist/main/main.cjs', reason: 'allowlisted' }];
    const result = gateFindings([finding('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'dist/main/main.cjs'), finding('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'dist/main/preload.cjs')], accepted);
    expect(result.accepted.map((a) => a.finding.file)).toEqual(['dist/main/main.cjs']);
    expect(result.blocking.map((f) => f.file)).toEqual(['dist/main/preload.cjs']);
  });

  it('writes SARIF 2.1.0 with blocking findings as errors', () => {
    const blocking = finding('SANDBOX_JS_CHECK', 'MEDIUM', 'dist/main/main.cjs');
    const sarif = toSarif([blocking, finding('CSP_GLOBAL_CHECK')], new Set([blocking])) as any;
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results[0]).toMatchObject({ ruleId: 'SANDBOX_JS_CHECK', level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'dist/main/main.cjs' } } }] });
    expect(sarif.runs[0].results[1]).toMatchObject({ ruleId: 'CSP_GLOBAL_CHECK', level: 'warning', locations: [] });
  });
});
