/**
 * Static analysis of the Electron configuration of the BUILT app (dist/), in two parts:
 *
 * - @doyensec/electronegativity through its run() API. It only parses .js/.html, so the
 *   .cjs/.mjs bundles are staged under .js names first, and its findings are mapped back.
 * - The project's own checks. electronegativity recognises `new BrowserWindow({...})` only when
 *   the constructor is a bare identifier and the options are an inline literal; an esbuild bundle
 *   calls `new import_electron.BrowserWindow(createMainWindowOptions(...))`, which it cannot see.
 *   These checks read the bundles' syntax trees for the settings that matter wherever they are.
 *
 * A finding fails the gate unless ACCEPTED_FINDINGS records why it does not apply; an accepted
 * finding may name a project check whose passing proves the mitigation.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, relative, sep } from 'node:path';
import ts from 'typescript';

export type Severity = 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH';
const SEVERITY_RANK: Record<Severity, number> = { INFORMATIONAL: 0, LOW: 1, MEDIUM: 2, HIGH: 3 };

export interface ElectronFinding {
  id: string;
  severity: Severity;
  /** Project-relative path with forward slashes, or 'N/A' for whole-app findings. */
  file: string;
  line: number;
  description: string;
  manualReview: boolean;
  source: 'electronegativity' | 'project';
}

// ---------------------------------------------------------------------------------------------
// electronegativity

interface EngIssue {
  id: string;
  file: string;
  location: { line: number; column: number };
  severity: { name: Severity };
  description: string;
  manualReview?: boolean;
}
interface EngResult {
  errors: Array<{ file: string; message: string; tolerable: boolean }>;
  issues: EngIssue[];
}
type EngRun = (options: Record<string, unknown>) => Promise<EngResult>;

const SCANNABLE = new Set(['.js', '.cjs', '.mjs', '.html', '.htm']);

function listFiles(directory: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

function toProjectPath(projectDir: string, path: string): string {
  return relative(projectDir, path).split(sep).join('/');
}

/**
 * Runs electronegativity over the built app. `offline` leaves out its one networked check (the
 * list of Electron releases with security fixes), which the CI job runs online.
 */
export async function runElectronegativity(
  projectDir: string,
  buildDirs: readonly string[],
  options: { electronVersion: string; offline?: boolean },
): Promise<ElectronFinding[]> {
  const stage = mkdtempSync(join(tmpdir(), 'voicemark-electronegativity-'));
  const stagedToSource = new Map<string, string>();
  try {
    for (const buildDir of buildDirs) {
      for (const file of listFiles(buildDir)) {
        const extension = extname(file);
        if (!SCANNABLE.has(extension)) continue;
        const projectPath = toProjectPath(projectDir, file);
        const stagedPath = join(stage, ...projectPath.replace(/\.(cjs|mjs)$/, '.js').split('/'));
        cpSync(file, stagedPath);
        stagedToSource.set(stagedPath, projectPath);
      }
    }
    if (stagedToSource.size === 0) throw new Error(`nothing to scan under ${buildDirs.join(', ')}`);
    const run = createRequire(import.meta.url)('@doyensec/electronegativity') as EngRun;
    const result = await run({
      input: stage,
      electronVersionOverride: options.electronVersion,
      excludeFromScan: options.offline ? ['AvailableSecurityFixesGlobalCheck'] : [],
    });
    const fatal = result.errors.filter((error) => !error.tolerable);
    if (fatal.length > 0) {
      // A file the tool could not parse was not checked: a clean report would be a false one.
      throw new Error(`electronegativity could not parse: ${fatal.map((e) => `${stagedToSource.get(e.file) ?? e.file} (${e.message})`).join('; ')}`);
    }
    return result.issues.map((issue) => ({
      id: issue.id,
      severity: issue.severity.name,
      file: stagedToSource.get(issue.file) ?? issue.file,
      line: issue.location.line,
      description: issue.description,
      manualReview: issue.manualReview === true,
      source: 'electronegativity' as const,
    }));
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// The project's own checks

/** webPreferences that must never be set to these values anywhere in the built code. */
const FORBIDDEN_PREFERENCES: Record<string, { bad: boolean | 'any'; id: string; why: string }> = {
  nodeIntegration: { bad: true, id: 'NODE_INTEGRATION', why: 'gives page scripts Node' },
  nodeIntegrationInWorker: { bad: true, id: 'NODE_INTEGRATION_IN_WORKER', why: 'gives workers Node' },
  nodeIntegrationInSubFrames: { bad: true, id: 'NODE_INTEGRATION_IN_SUBFRAMES', why: 'gives frames Node' },
  contextIsolation: { bad: false, id: 'CONTEXT_ISOLATION_OFF', why: 'lets the page reach the preload world' },
  sandbox: { bad: false, id: 'SANDBOX_OFF', why: 'runs the renderer unsandboxed' },
  webSecurity: { bad: false, id: 'WEB_SECURITY_OFF', why: 'disables the same-origin policy' },
  allowRunningInsecureContent: { bad: true, id: 'INSECURE_CONTENT', why: 'loads http content into an https page' },
  experimentalFeatures: { bad: true, id: 'EXPERIMENTAL_FEATURES', why: 'enables experimental web platform features' },
  webviewTag: { bad: true, id: 'WEBVIEW_TAG', why: 'enables <webview>' },
  enableBlinkFeatures: { bad: 'any', id: 'BLINK_FEATURES', why: 'enables extra Blink features' },
  enableRemoteModule: { bad: true, id: 'REMOTE_MODULE', why: 'exposes main-process objects to the renderer' },
};

/** Calls that must not appear in the main process (the app serves itself from app://). */
const FORBIDDEN_CALLS: Record<string, { id: string; why: string }> = {
  loadFile: { id: 'FILE_PROTOCOL_LOAD', why: 'loads the UI from file:// instead of the app:// protocol' },
  registerFileProtocol: { id: 'FILE_PROTOCOL_HANDLER', why: 'registers a file-backed protocol (use protocol.handle)' },
  interceptFileProtocol: { id: 'FILE_PROTOCOL_INTERCEPT', why: 'intercepts a protocol with file access' },
};

/** Guards the main process must install (docs/ELECTRON-SECURITY.md items 4, 5, 13, 14, 18). */
export const REQUIRED_MAIN_CALLS: Record<string, { id: string; why: string; object?: RegExp }> = {
  enableSandbox: { id: 'REQUIRES_APP_SANDBOX', why: 'app.enableSandbox() sandboxes every renderer' },
  setWindowOpenHandler: { id: 'REQUIRES_WINDOW_OPEN_HANDLER', why: 'window.open must be denied' },
  setPermissionRequestHandler: { id: 'REQUIRES_PERMISSION_REQUEST_HANDLER', why: 'permission requests must be denied by default' },
  setPermissionCheckHandler: { id: 'REQUIRES_PERMISSION_CHECK_HANDLER', why: 'permission checks must be denied by default' },
  // esbuild renames bindings it must disambiguate (protocol → protocol2).
  handle: { id: 'REQUIRES_PROTOCOL_HANDLE', why: 'the UI is served by protocol.handle("app", ...)', object: /(^|\.)protocol\d*$/ },
};
/** Event names and header names the main process must use somewhere. */
export const REQUIRED_MAIN_STRINGS: Record<string, { id: string; why: string }> = {
  'will-navigate': { id: 'REQUIRES_NAVIGATION_GUARD', why: 'navigation away from the app must be refused' },
  'will-attach-webview': { id: 'REQUIRES_WEBVIEW_GUARD', why: 'webviews must be refused' },
  'content-security-policy': { id: 'REQUIRES_CSP_HEADER', why: 'every app:// response carries a Content-Security-Policy' },
};

interface SyntaxFacts {
  forbidden: ElectronFinding[];
  calls: Set<string>;
  strings: Set<string>;
}

/** Own entries only: a method called `toString` must not find Object.prototype.toString. */
function lookup<T>(table: Readonly<Record<string, T>>, key: string | null): T | undefined {
  return key != null && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** Whether a call sits under a condition that asks an allowlist (a function named *allow*). */
function guardedByAllowlist(node: ts.Node, file: ts.SourceFile): boolean {
  const asksAllowlist = (condition: ts.Node): boolean => {
    let found = false;
    const look = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && /allow/i.test(n.expression.getText(file))) found = true;
      else ts.forEachChild(n, look);
    };
    look(condition);
    return found;
  };
  for (let child = node, parent = node.parent; parent != null && !ts.isFunctionLike(parent); child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && parent.thenStatement === child && asksAllowlist(parent.expression)) return true;
    if (ts.isConditionalExpression(parent) && parent.whenTrue === child && asksAllowlist(parent.condition)) return true;
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken && parent.right === child && asksAllowlist(parent.left)) return true;
  }
  return false;
}

function propertyName(name: ts.PropertyName): string | null {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  return null;
}

/** true/false, including the minifier's !0 and !1; a string for string literals; else undefined. */
function literalValue(node: ts.Expression): boolean | string | undefined {
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken && ts.isNumericLiteral(node.operand)) {
    return node.operand.text === '0';
  }
  return undefined;
}

function isIpcRendererExpression(node: ts.Node): boolean {
  return (ts.isIdentifier(node) && node.text === 'ipcRenderer') || (ts.isPropertyAccessExpression(node) && node.name.text === 'ipcRenderer');
}

/** Reads one built file's syntax tree for the facts the checks need. */
export function syntaxFacts(projectPath: string, source: string): SyntaxFacts {
  const file = ts.createSourceFile(projectPath, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.JS);
  const facts: SyntaxFacts = { forbidden: [], calls: new Set(), strings: new Set() };
  const lineOf = (node: ts.Node) => file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
  const report = (node: ts.Node, id: string, description: string) =>
    facts.forbidden.push({ id, severity: 'HIGH', file: projectPath, line: lineOf(node), description, manualReview: false, source: 'project' });

  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node)) {
      const name = propertyName(node.name);
      const rule = lookup(FORBIDDEN_PREFERENCES, name);
      const value = literalValue(node.initializer);
      if (rule != null && value !== undefined && (rule.bad === 'any' ? value !== false && value !== '' : value === rule.bad)) {
        report(node, rule.id, `${name}: ${JSON.stringify(value)} ${rule.why}`);
      }
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const receiver = node.expression.expression.getText(file);
      const required = lookup(REQUIRED_MAIN_CALLS, method);
      if (required != null && (required.object == null || required.object.test(receiver))) facts.calls.add(method);
      const forbidden = lookup(FORBIDDEN_CALLS, method);
      if (forbidden != null) report(node, forbidden.id, `${method}() ${forbidden.why}`);
      if (method === 'openExternal' && !guardedByAllowlist(node, file)) {
        report(node, 'OPEN_EXTERNAL_UNGUARDED', 'shell.openExternal() is not guarded by an allowlist check (item 15)');
      }
      if (method === 'exposeInMainWorld') {
        const exposed = node.arguments[1];
        const leaks =
          exposed != null &&
          (isIpcRendererExpression(exposed) ||
            (ts.isObjectLiteralExpression(exposed) &&
              exposed.properties.some(
                (p) =>
                  (ts.isShorthandPropertyAssignment(p) && p.name.text === 'ipcRenderer') ||
                  (ts.isPropertyAssignment(p) && isIpcRendererExpression(p.initializer)),
              )));
        if (leaks) report(node, 'PRELOAD_EXPOSES_IPC_RENDERER', 'the preload hands ipcRenderer itself to the page (item 20)');
      }
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) facts.strings.add(node.text.toLowerCase());
    ts.forEachChild(node, visit);
  };
  visit(file);
  return facts;
}

/**
 * The project's checks over the built main-process files: forbidden settings and calls anywhere,
 * required guards present in the main bundle.
 */
export function projectChecks(projectDir: string, mainBundle: string, otherFiles: readonly string[]): ElectronFinding[] {
  const findings: ElectronFinding[] = [];
  const mainPath = toProjectPath(projectDir, mainBundle);
  if (!existsSync(mainBundle)) {
    return [{ id: 'MAIN_BUNDLE_MISSING', severity: 'HIGH', file: mainPath, line: 0, description: 'package.json "main" names a file the build did not produce', manualReview: false, source: 'project' }];
  }
  const main = syntaxFacts(mainPath, readFileSync(mainBundle, 'utf8'));
  findings.push(...main.forbidden);
  for (const file of otherFiles) findings.push(...syntaxFacts(toProjectPath(projectDir, file), readFileSync(file, 'utf8')).forbidden);
  for (const [method, rule] of Object.entries(REQUIRED_MAIN_CALLS)) {
    if (!main.calls.has(method)) findings.push({ id: rule.id, severity: 'HIGH', file: mainPath, line: 0, description: `no ${method}() call: ${rule.why}`, manualReview: false, source: 'project' });
  }
  for (const [text, rule] of Object.entries(REQUIRED_MAIN_STRINGS)) {
    if (!main.strings.has(text)) findings.push({ id: rule.id, severity: 'HIGH', file: mainPath, line: 0, description: `"${text}" never appears: ${rule.why}`, manualReview: false, source: 'project' });
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------
// The gate

export interface AcceptedFinding {
  id: string;
  /** Limits the acceptance to one file (project-relative); omitted for whole-app checks. */
  file?: string;
  reason: string;
  /** The acceptance holds only while this project check passes (its id must not be reported). */
  provenBy?: string;
}

/**
 * Findings that do not apply to this app, each with the reason and, where one exists, the check
 * that proves the mitigation. Adding an entry needs a reviewer: it switches a check off.
 */
export const ACCEPTED_FINDINGS: readonly AcceptedFinding[] = [
  {
    id: 'CSP_GLOBAL_CHECK',
    reason:
      'The CSP is a response header set by the app:// protocol handler on every response (src-main/app/contentSecurityPolicy.ts), not a <meta> tag electronegativity can see; e2e asserts the header and that eval throws (item 7).',
    provenBy: 'REQUIRES_CSP_HEADER',
  },
  {
    id: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'dist/main/main.cjs',
    reason: 'The only openExternal call is behind isAllowedExternalUrl (https, allowlisted hosts; unit-tested with javascript:, file:, smb:, item 15).',
    provenBy: 'OPEN_EXTERNAL_UNGUARDED',
  },
];

/** Not a defect in the app: reported as a warning so CI shows it (docs item 16). */
export const WARN_ONLY = new Set(['AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK']);

export interface GateResult {
  blocking: ElectronFinding[];
  warnings: ElectronFinding[];
  accepted: Array<{ finding: ElectronFinding; reason: string }>;
}

export function gateFindings(findings: readonly ElectronFinding[], accepted: readonly AcceptedFinding[] = ACCEPTED_FINDINGS): GateResult {
  const reportedIds = new Set(findings.map((f) => f.id));
  const result: GateResult = { blocking: [], warnings: [], accepted: [] };
  for (const finding of findings) {
    if (WARN_ONLY.has(finding.id) || SEVERITY_RANK[finding.severity] === 0) {
      result.warnings.push(finding);
      continue;
    }
    const rule = accepted.find(
      (a) => a.id === finding.id && (a.file == null || a.file === finding.file) && (a.provenBy == null || !reportedIds.has(a.provenBy)),
    );
    if (rule != null) result.accepted.push({ finding, reason: rule.reason });
    else result.blocking.push(finding);
  }
  return result;
}

/** A SARIF 2.1.0 log of the findings, with real project paths, for code-scanning upload. */
export function toSarif(findings: readonly ElectronFinding[], blocking: ReadonlySet<ElectronFinding>): object {
  const level = (f: ElectronFinding) => (blocking.has(f) ? 'error' : SEVERITY_RANK[f.severity] >= 2 ? 'warning' : 'note');
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'voicemark-electron-config', informationUri: 'https://github.com/doyensec/electronegativity', rules: [...new Set(findings.map((f) => f.id))].map((id) => ({ id })) } },
        results: findings.map((f) => ({
          ruleId: f.id,
          level: level(f),
          message: { text: `${f.description} [${f.source}]` },
          locations:
            f.file === 'N/A'
              ? []
              : [{ physicalLocation: { artifactLocation: { uri: f.file }, region: { startLine: Math.max(1, f.line) } } }],
        })),
      },
    ],
  };
}

/** The built files the checks read: main-process bundles and the renderer. */
export function builtFiles(projectDir: string, mainEntry: string): { mainBundle: string; mainDir: string; rendererDir: string; otherMainFiles: string[] } {
  const mainBundle = join(projectDir, mainEntry);
  const mainDir = join(projectDir, 'dist', 'main');
  const rendererDir = join(projectDir, 'dist', 'renderer');
  const otherMainFiles = existsSync(mainDir)
    ? listFiles(mainDir).filter((f) => /\.(c|m)?js$/.test(f) && f !== mainBundle && statSync(f).isFile())
    : [];
  return { mainBundle, mainDir, rendererDir, otherMainFiles };
}
