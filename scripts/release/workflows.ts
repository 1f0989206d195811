/**
 * Checks GitHub workflow files: the workflow schema (@action-validator/core), third-party
 * actions pinned by full commit SHA, least-privilege permissions, no secrets or untrusted event
 * data interpolated into shell scripts, and every `npm run X` naming a script that exists.
 */
import { validateWorkflow, type ValidationError } from '@action-validator/core';
import { parse } from 'yaml';

/** Jobs that may hold a write scope, by workflow file name. Everything else is read-only. */
export type WriteGrants = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

export const WRITE_GRANTS: WriteGrants = {
  // Creating the draft release needs contents: write; nothing else writes.
  'release.yml': { publish: ['contents'] },
};

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  permissions?: unknown;
  steps?: Step[];
  uses?: string;
  'timeout-minutes'?: unknown;
}
interface Workflow {
  on?: unknown;
  permissions?: unknown;
  jobs?: Record<string, Job>;
}

const FULL_SHA = /^[0-9a-f]{40}$/;
// Untrusted or secret values must reach a shell through env:, never by text substitution.
const UNSAFE_IN_RUN = /\$\{\{[^}]*\b(github\.event\.|github\.head_ref|inputs\.|secrets\.)/;

function describeSchemaError(error: ValidationError): string {
  const where = 'path' in error && error.path ? ` at ${error.path}` : '';
  const nested =
    'states' in error && error.states
      ? error.states.flatMap((state) => state.errors.map((inner) => inner.detail ?? inner.title))
      : [];
  const detail = [error.detail, ...nested].filter(Boolean).join('; ');
  return `schema: ${error.title}${where}${detail ? ` (${detail})` : ''}`;
}

/** Errors from the GitHub workflow JSON schema, one line each. */
export function workflowSchemaErrors(source: string): string[] {
  return validateWorkflow(source).errors.map(describeSchemaError);
}

/** The npm script names a shell snippet runs (`npm run X`, `npm run-script X`, `npm test`). */
export function npmScriptsInvoked(shell: string): string[] {
  const names = new Set<string>();
  for (const match of shell.matchAll(/\bnpm\s+(?:run|run-script)\s+(?:-{1,2}[\w-]+(?:=\S+)?\s+)*([\w:.-]+)/g)) names.add(match[1]);
  for (const match of shell.matchAll(/\bnpm\s+(test|start|stop|restart)\b/g)) names.add(match[1]);
  return [...names];
}

function auditUses(problems: string[], where: string, uses: string, source: string): void {
  if (uses.startsWith('./')) return;
  if (uses.startsWith('docker://')) {
    if (!/@sha256:[0-9a-f]{64}$/.test(uses)) problems.push(`${where}: ${uses} is not pinned by image digest`);
    return;
  }
  const [, ref] = uses.split('@');
  if (ref == null || !FULL_SHA.test(ref)) {
    problems.push(`${where}: ${uses} is not pinned to a full commit SHA`);
    return;
  }
  // The version in a trailing comment is what a reviewer (and Dependabot) reads.
  const line = source.split('\n').find((text) => text.includes(uses));
  if (line == null || !/#\s*v?\d/.test(line.slice(line.indexOf(uses)))) {
    problems.push(`${where}: ${uses} has no "# vX.Y.Z" comment naming the pinned release`);
  }
}

function auditPermissions(problems: string[], where: string, permissions: unknown, allowedWrites: readonly string[]): void {
  if (permissions == null) {
    problems.push(`${where}: no permissions block (the token would get the repository default)`);
    return;
  }
  if (typeof permissions === 'string') {
    if (permissions !== 'read-all' || allowedWrites.length > 0) problems.push(`${where}: permissions: ${permissions} is broader than needed`);
    return;
  }
  for (const [scope, level] of Object.entries(permissions as Record<string, unknown>)) {
    if (level === 'write' && !allowedWrites.includes(scope)) problems.push(`${where}: ${scope}: write is not allowed here`);
  }
}

function triggers(on: unknown): string[] {
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(String);
  return on != null && typeof on === 'object' ? Object.keys(on) : [];
}

/**
 * Every rule except the schema, for one workflow file. `scripts` are the names in package.json;
 * `fileName` selects the write grants.
 */
export function auditWorkflow(fileName: string, source: string, scripts: ReadonlySet<string>, grants: WriteGrants = WRITE_GRANTS): string[] {
  const problems: string[] = [];
  const workflow = parse(source) as Workflow;
  if (triggers(workflow.on).includes('pull_request_target')) {
    problems.push(`${fileName}: pull_request_target runs untrusted code with repository secrets`);
  }
  const topLevel = workflow.permissions;
  if (topLevel == null || typeof topLevel !== 'object' || Object.keys(topLevel).length > 0) {
    problems.push(`${fileName}: top-level permissions must be {} so that each job states its own`);
  }
  for (const [jobId, job] of Object.entries(workflow.jobs ?? {})) {
    const where = `${fileName} job ${jobId}`;
    auditPermissions(problems, where, job.permissions, grants[fileName]?.[jobId] ?? []);
    if (job.uses != null) auditUses(problems, where, job.uses, source);
    else if (typeof job['timeout-minutes'] !== 'number') problems.push(`${where}: no timeout-minutes`);
    for (const [index, step] of (job.steps ?? []).entries()) {
      const stepWhere = `${where} step ${index + 1}`;
      if (step.uses != null) {
        auditUses(problems, stepWhere, step.uses, source);
        if (step.uses.startsWith('actions/checkout@') && step.with?.['persist-credentials'] !== false) {
          problems.push(`${stepWhere}: actions/checkout must set persist-credentials: false`);
        }
      }
      if (step.run != null) {
        if (UNSAFE_IN_RUN.test(step.run)) problems.push(`${stepWhere}: run interpolates secrets or untrusted input; pass it through env:`);
        for (const name of npmScriptsInvoked(step.run)) {
          if (!scripts.has(name)) problems.push(`${stepWhere}: npm run ${name}, but package.json has no such script`);
        }
      }
    }
  }
  return problems;
}

/** Schema errors and audit problems together, each prefixed with the file name. */
export function checkWorkflowFile(fileName: string, source: string, scripts: ReadonlySet<string>, grants: WriteGrants = WRITE_GRANTS): string[] {
  return [...workflowSchemaErrors(source).map((error) => `${fileName}: ${error}`), ...auditWorkflow(fileName, source, scripts, grants)];
}
