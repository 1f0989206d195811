/**
 * Content policy: versioned rules as data (rules/default-policy.json), a normaliser that undoes
 * obfuscation while remembering original offsets, and matchers that combine word lists into
 * patterns. See docs/POLICY.md.
 */
export { loadDefaultPolicy, loadPolicyFromJson, evaluatePolicy } from './loadPolicy';
export type { Policy, PolicyRuleSummary } from './loadPolicy';
