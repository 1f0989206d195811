/**
 * A secret scan of what would be committed: tracked files plus untracked files git does not
 * ignore. It looks for credential formats with a recognisable shape (private keys, cloud and
 * registry tokens) and for key and certificate files by name. Findings name the file, line and
 * rule; the matched text is never printed.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface SecretRule {
  id: string;
  description: string;
  pattern: RegExp;
}

export const SECRET_RULES: readonly SecretRule[] = [
  { id: 'private-key', description: 'PEM or OpenPGP private key block', pattern: /-----BEGIN[ A-Z0-9]*PRIVATE KEY( BLOCK)?-----/ },
  { id: 'aws-access-key', description: 'AWS access key id', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { id: 'github-token', description: 'GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b/ },
  { id: 'npm-token', description: 'npm access token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { id: 'slack-token', description: 'Slack token or webhook', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}|hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]+/ },
  { id: 'google-api-key', description: 'Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { id: 'stripe-live-key', description: 'Stripe live key', pattern: /\b[rs]k_live_[0-9A-Za-z]{24,}\b/ },
  { id: 'azure-storage-key', description: 'Azure storage account key', pattern: /AccountKey=[A-Za-z0-9+/]{80,}={0,2}/ },
  { id: 'ai-api-key', description: 'OpenAI or Anthropic API key', pattern: /\bsk-(?:proj-|ant-(?:api|admin)\d{2}-)[A-Za-z0-9_-]{32,}/ },
  {
    id: 'apple-app-password-assignment',
    description: 'Apple app-specific password assigned in a file',
    pattern: /APPLE_APP_SPECIFIC_PASSWORD\s*[:=]\s*['"]?[a-z]{4}-[a-z]{4}-[a-z]{4}-[a-z]{4}/,
  },
  {
    id: 'signing-password-assignment',
    description: 'signing-key password written into a file',
    pattern: /\b(?:CSC_KEY_PASSWORD|WIN_CSC_KEY_PASSWORD|MAC_CSC_KEY_PASSWORD|RELEASE_GPG_PASSPHRASE|AZURE_CLIENT_SECRET)\s*[:=]\s*['"]?(?!\$\{\{)[^\s'"$]{6,}/,
  },
];

/** Files that hold keys or certificates by their nature, whatever they contain. */
const KEY_FILE = /\.(p12|pfx|p8|jks|keystore|mobileprovision|provisionprofile)$|^id_(rsa|dsa|ecdsa|ed25519)$|^\.env(\..+)?$/i;
/** Public halves and templates are fine. */
const KEY_FILE_ALLOWED = /\.(pub|example|sample|template)$|^\.env\.example$/i;

/** A line carrying this marker is skipped (fixtures that must contain a look-alike). */
export const ALLOW_MARKER = 'secret-scan: allow';

const MAX_SCANNED_BYTES = 5 * 1024 * 1024;

export interface SecretFinding {
  file: string;
  line: number;
  rule: string;
  description: string;
}

function isBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, 8000).includes(0);
}

/** Scans one file's text; `file` is only used to label findings. */
export function scanText(file: string, text: string, rules: readonly SecretRule[] = SECRET_RULES): SecretFinding[] {
  const findings: SecretFinding[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.includes(ALLOW_MARKER)) return;
    for (const rule of rules) {
      if (rule.pattern.test(line)) findings.push({ file, line: index + 1, rule: rule.id, description: rule.description });
    }
  });
  return findings;
}

/** Scans files under `root` (paths relative to it, forward slashes). */
export function scanFiles(root: string, files: readonly string[]): SecretFinding[] {
  const findings: SecretFinding[] = [];
  for (const file of files) {
    const name = basename(file);
    if (KEY_FILE.test(name) && !KEY_FILE_ALLOWED.test(name)) {
      findings.push({ file, line: 0, rule: 'key-file', description: 'key, certificate or environment file' });
    }
    const path = join(root, ...file.split('/'));
    let stat;
    try {
      stat = statSync(path);
    } catch {
      continue; // listed by git but deleted in the working tree
    }
    if (!stat.isFile() || stat.size > MAX_SCANNED_BYTES) continue;
    const bytes = readFileSync(path);
    if (isBinary(bytes)) continue;
    findings.push(...scanText(file, bytes.toString('utf8')));
  }
  return findings;
}

/** What `git add -A` would commit: tracked files and untracked files not ignored. */
export function filesToScan(root: string): string[] {
  const output = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return [...new Set(output.split('\0').filter(Boolean))].sort();
}
