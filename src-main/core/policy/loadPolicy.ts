import type { PolicyCategory, PolicyDecision } from '../../../src-shared/domain';
import { StudioError } from '../../../src-shared/errors';
import { sha256Hex } from '../files';
import { canonicalJson } from './canonicalJson';
import { compilePolicy, PolicyCompileError, type CompiledPolicy } from './compilePolicy';
import { evaluateCompiled } from './evaluatePolicy';
import { policyDocumentSchema } from './policySchema';
import defaultPolicyDocument from './rules/default-policy.json';

export interface PolicyRuleSummary {
  readonly id: string;
  readonly category: PolicyCategory;
  readonly severity: 'block' | 'warn';
  readonly explanation: string;
}

/** A loaded, validated and compiled policy. Only loadDefaultPolicy / loadPolicyFromJson make one. */
export interface Policy {
  readonly version: string;
  /** sha256 (hex) of the canonical JSON of the policy document. */
  readonly hash: string;
  readonly description: string;
  readonly rules: readonly PolicyRuleSummary[];
}

const compiledByPolicy = new WeakMap<Policy, CompiledPolicy>();
let defaultPolicy: Policy | null = null;

/** The policy bundled with the studio (rules/default-policy.json), compiled once. */
export function loadDefaultPolicy(): Policy {
  defaultPolicy ??= loadPolicyFromDocument(defaultPolicyDocument);
  return defaultPolicy;
}

/** Parses, validates and compiles a policy document; anything wrong → StudioError POLICY_INVALID. */
export function loadPolicyFromJson(json: string): Policy {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new StudioError('POLICY_INVALID', { cause: error, details: { issues: ['not valid JSON'] } });
  }
  return loadPolicyFromDocument(parsed);
}

function loadPolicyFromDocument(input: unknown): Policy {
  const result = policyDocumentSchema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.slice(0, 20).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new StudioError('POLICY_INVALID', { details: { issues } });
  }
  const document = result.data;
  let compiled: CompiledPolicy;
  try {
    compiled = compilePolicy(document);
  } catch (error) {
    if (error instanceof PolicyCompileError) {
      throw new StudioError('POLICY_INVALID', { cause: error, details: { issues: error.issues.slice(0, 20) } });
    }
    throw error;
  }
  const policy: Policy = Object.freeze({
    version: document.version,
    hash: sha256Hex(canonicalJson(document)),
    description: document.description,
    rules: Object.freeze(
      document.rules.map(({ id, category, severity, explanation }) => Object.freeze({ id, category, severity, explanation })),
    ),
  });
  compiledByPolicy.set(policy, compiled);
  return policy;
}

/** Decision for `text` under `policy` (the bundled one by default). Spans index the text as given. */
export function evaluatePolicy(text: string, policy: Policy = loadDefaultPolicy()): PolicyDecision {
  const compiled = compiledByPolicy.get(policy);
  if (!compiled) throw new StudioError('POLICY_INVALID', { details: { issues: ['not a policy made by loadPolicyFromJson'] } });
  return evaluateCompiled(text, compiled, policy);
}
