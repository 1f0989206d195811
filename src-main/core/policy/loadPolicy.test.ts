import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { policyDecisionSchema } from '../../../src-shared/domain';
import { StudioError } from '../../../src-shared/errors';
import { evaluatePolicy, loadDefaultPolicy, loadPolicyFromJson, type Policy } from './index';

const DEFAULT_JSON = readFileSync(new URL('./rules/default-policy.json', import.meta.url), 'utf8');

/** A small policy to exercise the engine independently of the default word lists. */
function miniPolicy(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: 1,
    version: '0.0.1',
    description: 'test policy',
    normalisation: { leet: { '1': ['i', 'l'], '0': ['o'] }, homoglyphs: { 'і': 'i' }, letterSplitMinRun: 3 },
    lexicons: {
      speaker: ['i', 'we'],
      act: ['poke', 'prod'],
      target: ['you', 'the (cat|dog)'],
      filler: ['really', 'very'],
      negation: ['not', 'never'],
      context: ['pillow', 'game'],
      fee: ['fee', 'fine'],
      card: ['gift card|cards'],
      hurry: ['today', 'right now'],
    },
    signals: [{ name: 'speaker_act', pattern: { seq: [{ any: ['speaker'] }, { any: ['act'], maxGap: 2 }] }, guards: [{ type: 'gapExcludes', any: ['negation'] }] }],
    allowlist: [{ id: 'poke_fun', terms: ['poke fun'], suppresses: ['act'] }],
    rules: [
      {
        id: 'test.poke',
        category: 'violent_threat',
        severity: 'block',
        explanation: 'Pokes someone.',
        pattern: { seq: [{ any: ['speaker_act'] }, { any: ['target'], maxGap: 1, gapOnly: ['filler'] }] },
        guards: [{ type: 'windowExcludes', any: ['context'], before: 5, after: 5 }],
      },
      {
        id: 'test.fee',
        category: 'fraud_scam',
        severity: 'warn',
        explanation: 'Fee by gift card in a hurry.',
        pattern: { all: [['fee'], ['card'], ['hurry']], window: 8 },
      },
    ],
    ...overrides,
  };
}

const load = (doc: Record<string, unknown>) => loadPolicyFromJson(JSON.stringify(doc));
const decide = (text: string, policy: Policy) => evaluatePolicy(text, policy).decision;

function issuesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(StudioError);
    expect((error as StudioError).code).toBe('POLICY_INVALID');
    return ((error as StudioError).details?.issues as string[]) ?? [];
  }
  throw new Error('expected POLICY_INVALID');
}

describe('the bundled policy', () => {
  it('loads once, has a version and the sha256 of its canonical JSON', () => {
    const policy = loadDefaultPolicy();
    expect(loadDefaultPolicy()).toBe(policy);
    expect(policy.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(policy.rules.length).toBeGreaterThan(20);
    expect(policy.hash).toBe(loadPolicyFromJson(DEFAULT_JSON).hash);
    expect(policy.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the hash is sha256 over sorted-key, whitespace-free JSON', () => {
    // Built by hand: Object.fromEntries would put integer-like keys ("0", "1" in the leet table) first.
    const serialise = (value: unknown): string =>
      Array.isArray(value)
        ? `[${value.map(serialise).join(',')}]`
        : value && typeof value === 'object'
          ? `{${Object.keys(value)
              .sort()
              .map((key) => `${JSON.stringify(key)}:${serialise((value as Record<string, unknown>)[key])}`)
              .join(',')}}`
          : JSON.stringify(value);
    const canonical = serialise(JSON.parse(DEFAULT_JSON));
    expect(loadDefaultPolicy().hash).toBe(createHash('sha256').update(canonical).digest('hex'));
  });

  it('decisions carry the policy version and hash and match the shared schema', () => {
    const decision = evaluatePolicy('Hello there, have a lovely day.');
    expect(policyDecisionSchema.parse(decision)).toEqual(decision);
    expect(decision).toMatchObject({ decision: 'allow', violations: [], policyVersion: loadDefaultPolicy().version, policyHash: loadDefaultPolicy().hash });
  });

  it('accepts any string without throwing, even ones validateScript would refuse', () => {
    for (const text of ['', ' ', '\u0000\u0001', 'a\ud800b', '\udc00', '\ufffd'.repeat(10), '\u200b'.repeat(50)]) {
      expect(evaluatePolicy(text).decision).toBe('allow');
    }
  });

  it('every rule has a category, a severity and a non-empty safe explanation', () => {
    for (const rule of loadDefaultPolicy().rules) {
      expect(rule.explanation.length).toBeGreaterThan(10);
      expect(['block', 'warn']).toContain(rule.severity);
    }
  });
});

describe('policy hash', () => {
  it('ignores formatting and key order', () => {
    const doc = miniPolicy();
    const reordered = Object.fromEntries(Object.entries(doc).reverse());
    expect(loadPolicyFromJson(JSON.stringify(doc, null, 2)).hash).toBe(load(doc).hash);
    expect(load(reordered).hash).toBe(load(doc).hash);
  });

  it('changes when any content changes: a term, a severity, the version, the order of a list', () => {
    const base = load(miniPolicy()).hash;
    const hashes = [
      load(miniPolicy({ version: '0.0.2' })).hash,
      load(miniPolicy({ lexicons: { ...(miniPolicy().lexicons as object), act: ['poke', 'prod', 'jab'] } })).hash,
      load(miniPolicy({ lexicons: { ...(miniPolicy().lexicons as object), act: ['prod', 'poke'] } })).hash,
      loadPolicyFromJson(DEFAULT_JSON.replace('"severity": "block"', '"severity": "warn"')).hash,
    ];
    expect(new Set([base, ...hashes]).size).toBe(hashes.length + 1);
    expect(hashes[3]).not.toBe(loadDefaultPolicy().hash);
  });

  it('a changed policy changes decisions, and each decision names the policy that made it', () => {
    const before = load(miniPolicy());
    const after = load(miniPolicy({ version: '0.0.2', lexicons: { ...(miniPolicy().lexicons as object), act: ['poke', 'prod', 'jab'] } }));
    expect(decide('I jab you', before)).toBe('allow');
    const decision = evaluatePolicy('I jab you', after);
    expect(decision).toMatchObject({ decision: 'block', policyVersion: '0.0.2', policyHash: after.hash });
  });
});

describe('bad policies are refused with POLICY_INVALID', () => {
  it.each([
    ['not JSON', () => loadPolicyFromJson('{ "format": 1, ')],
    ['an array', () => loadPolicyFromJson('[]')],
    ['wrong format number', () => load(miniPolicy({ format: 2 }))],
    ['version not semver', () => load(miniPolicy({ version: 'latest' }))],
    ['unknown top-level key', () => load(miniPolicy({ extra: true }))],
    ['no rules', () => load(miniPolicy({ rules: [] }))],
    ['unknown category', () => load(miniPolicy({ rules: [{ ...(miniPolicy().rules as object[])[0], category: 'spam' }] }))],
    ['unknown severity', () => load(miniPolicy({ rules: [{ ...(miniPolicy().rules as object[])[0], severity: 'maybe' }] }))],
    ['a typo in a rule key', () => load(miniPolicy({ rules: [{ ...(miniPolicy().rules as object[])[0], guard: [] }] }))],
    ['a window beyond the bound', () => load(miniPolicy({ rules: [{ ...(miniPolicy().rules as object[])[1], pattern: { all: [['fee'], ['card']], window: 100000 } }] }))],
    ['a leet letter that is a letter', () => load(miniPolicy({ normalisation: { leet: { a: ['b'] }, homoglyphs: {}, letterSplitMinRun: 3 } }))],
  ])('%s', (_name, run) => {
    expect(issuesOf(run).length).toBeGreaterThan(0);
  });

  it('names an unknown reference', () => {
    const doc = miniPolicy({ rules: [{ ...(miniPolicy().rules as object[])[0], pattern: { any: ['no_such_list'] } }] });
    expect(issuesOf(() => load(doc)).join('\n')).toContain('no_such_list');
  });

  it('refuses a signal that uses a signal defined after it (no cycles)', () => {
    const doc = miniPolicy({
      signals: [
        { name: 'first', pattern: { any: ['second'] } },
        { name: 'second', pattern: { any: ['act'] } },
      ],
    });
    expect(issuesOf(() => load(doc)).join('\n')).toContain('second');
  });

  it.each([
    ['a hyphenated word', 'self-harm'],
    ['a wildcard at the end', 'poke _'],
    ['a too-short prefix', 'ab*'],
    ['an unbalanced group', '(poke prod'],
    ['a bad number range', '#9-1'],
  ])('refuses a term with %s', (_name, term) => {
    const doc = miniPolicy({ lexicons: { ...(miniPolicy().lexicons as object), act: [term] } });
    expect(issuesOf(() => load(doc)).join('\n')).toContain('lexicons.act[0]');
  });

  it('refuses duplicate rule ids, gapExcludes outside a sequence and allowlists of unknown lexicons', () => {
    const rules = miniPolicy().rules as Record<string, unknown>[];
    expect(issuesOf(() => load(miniPolicy({ rules: [rules[0], rules[0]] }))).join('\n')).toContain('duplicate');
    const badGuard = { ...rules[1], guards: [{ type: 'gapExcludes', any: ['negation'] }] };
    expect(issuesOf(() => load(miniPolicy({ rules: [badGuard] }))).join('\n')).toContain('gapExcludes');
    const badAllow = [{ id: 'x', terms: ['poke fun'], suppresses: ['nope'] }];
    expect(issuesOf(() => load(miniPolicy({ allowlist: badAllow }))).join('\n')).toContain('nope');
  });

  it('refuses a Policy object that the loader did not make', () => {
    const fake: Policy = { version: '1.0.0', hash: 'f'.repeat(64), description: '', rules: [] };
    expect(() => evaluatePolicy('hello', fake)).toThrow(StudioError);
  });
});

describe('engine semantics (on a small policy)', () => {
  const policy = load(miniPolicy());

  it('sequence: steps in order within their gaps, filler-only gaps, negation in a gap blocks', () => {
    expect(decide('I poke you', policy)).toBe('block');
    expect(decide('I will poke you', policy)).toBe('block'); // speaker → act gap 1 ≤ 2
    expect(decide('I really very poke you', policy)).toBe('block');
    expect(decide('I did then and there poke you', policy)).toBe('allow'); // gap 4 > 2
    expect(decide('I poke very you', policy)).toBe('block'); // gap token is a filler
    expect(decide('I poke at you', policy)).toBe('allow'); // gap token is not a filler
    expect(decide('I never poke you', policy)).toBe('allow');
    expect(decide('you poke I', policy)).toBe('allow');
    expect(decide('I poke the dog', policy)).toBe('block'); // phrase group in a term
  });

  it('a guard that rejects the tightest start still lets an earlier start of the same chain through', () => {
    const doc = miniPolicy({
      lexicons: { ...(miniPolicy().lexicons as object), lead: ['why dont you', 'just'], negation: ['dont', 'not'] },
      rules: [
        {
          id: 'test.lead',
          category: 'self_harm',
          severity: 'block',
          explanation: 'Urges a poke.',
          pattern: { seq: [{ any: ['lead'] }, { any: ['act'], maxGap: 1 }] },
          guards: [{ type: 'notPrecededBy', any: ['negation'], within: 3 }],
        },
      ],
    });
    const leadPolicy = load(doc);
    // From "just" the guard sees "dont" before it; from "why" it sees nothing.
    const decision = evaluatePolicy('why dont you just poke', leadPolicy);
    expect(decision.decision).toBe('block');
    expect(decision.violations.map((v) => [v.start, v.end])).toEqual([[0, 22]]);
    expect(decide('I do not just poke', leadPolicy)).toBe('allow');
  });

  it('sequences do not cross sentences', () => {
    expect(decide('I poke. You are next', policy)).toBe('allow');
  });

  it('guards: context words anywhere in the window suppress the match', () => {
    expect(decide('I poke you with a pillow', policy)).toBe('allow');
    expect(decide('In the game I poke you', policy)).toBe('allow');
  });

  it('allowlisted phrases drop the words they cover', () => {
    expect(decide('I poke fun you', policy)).toBe('allow');
  });

  it('normalisation applies to policy terms and text alike', () => {
    expect(decide('І P0KE Y0U', policy)).toBe('block');
    expect(decide('i p o k e you', policy)).toBe('block');
  });

  it('co-occurrence: every group within the window, any order; severity warn gives a warn decision', () => {
    expect(decide('Pay the fee today with a gift card', policy)).toBe('warn');
    expect(decide('Today: gift cards for the fine', policy)).toBe('warn');
    expect(decide('Pay the fee with a gift card', policy)).toBe('allow');
    expect(decide('Pay the fee with a gift card and one two three four five six seven today', policy)).toBe('allow');
  });

  it('block wins over warn and violations come in text order', () => {
    const decision = evaluatePolicy('Pay the fee today with gift cards. I poke you.', policy);
    expect(decision.decision).toBe('block');
    expect(decision.violations.map((v) => v.ruleId)).toEqual(['test.fee', 'test.poke']);
  });
});
