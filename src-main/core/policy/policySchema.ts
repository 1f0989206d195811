import { z } from 'zod';
import { policyCategorySchema } from '../../../src-shared/domain';

/**
 * The policy document: versioned data, validated strictly (unknown keys are errors, so a typo in a
 * rule is refused instead of silently ignored). Bounds on gaps, windows and counts keep evaluation
 * linear in the text whatever a policy file says. Semantic checks (references resolve, signals only
 * use earlier signals, term syntax) happen when the policy is compiled.
 */

export const MAX_GAP = 40;
export const MAX_WINDOW = 200;

const identifier = z.string().regex(/^[a-z][a-z0-9_]*$/, 'lower-case identifier');
/** A lexicon, a signal, or a built-in ("@sentence_start", "@capitalized"). */
const reference = z.string().regex(/^@?[a-z][a-z0-9_]*$/, 'lexicon, signal or @built-in name');
const references = z.array(reference).min(1).max(32);
const term = z.string().min(1).max(1500);

const stepSchema = z.strictObject({
  any: references,
  /** Tokens allowed between the previous step and this one (default 0). */
  maxGap: z.number().int().min(0).max(MAX_GAP).optional(),
  /** When given, every token in that gap must belong to one of these. */
  gapOnly: references.optional(),
});

const seqPatternSchema = z.strictObject({
  seq: z.array(stepSchema).min(1).max(8),
  crossSentence: z.boolean().optional(),
});
const allPatternSchema = z.strictObject({
  all: z.array(references).min(2).max(6),
  window: z.number().int().min(1).max(MAX_WINDOW),
  sameSentence: z.boolean().optional(),
});
const anyPatternSchema = z.strictObject({ any: references });
export const patternSchema = z.union([seqPatternSchema, allPatternSchema, anyPatternSchema]);

const within = z.number().int().min(1).max(MAX_WINDOW);
export const guardSchema = z.discriminatedUnion('type', [
  /** No token between the steps of a seq pattern belongs to these (e.g. negation). */
  z.strictObject({ type: z.literal('gapExcludes'), any: references }),
  z.strictObject({ type: z.literal('notPrecededBy'), any: references, within }),
  z.strictObject({ type: z.literal('notFollowedBy'), any: references, within }),
  /** The rest of the sentence(s) the match lies in contains none of these. */
  z.strictObject({ type: z.literal('sentenceExcludes'), any: references }),
  /** No token of the match, nor within `before` tokens before or `after` tokens after it, belongs to these. */
  z.strictObject({
    type: z.literal('windowExcludes'),
    any: references,
    before: z.number().int().min(0).max(MAX_WINDOW),
    after: z.number().int().min(0).max(MAX_WINDOW),
  }),
]);
const guards = z.array(guardSchema).max(12).optional();

export const policyDocumentSchema = z.strictObject({
  format: z.literal(1),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'semantic version'),
  description: z.string().max(2000),
  normalisation: z.strictObject({
    /** Leet character → the letters it may stand for (first preferred). */
    leet: z.record(
      z.string().regex(/^[^\p{L}\s]$/u, 'one non-letter character'),
      z.array(z.string().regex(/^[a-z]$/)).min(1).max(2),
    ),
    /** Look-alike character → the Latin letters it folds to. */
    homoglyphs: z.record(
      z.string().regex(/^.$/u, 'one character'),
      z.string().regex(/^[a-z']{1,3}$/),
    ),
    letterSplitMinRun: z.number().int().min(2).max(10),
  }),
  lexicons: z.record(identifier, z.array(term).min(1).max(5000)),
  signals: z
    .array(z.strictObject({ name: identifier, pattern: patternSchema, guards }))
    .max(500),
  allowlist: z
    .array(
      z.strictObject({
        id: identifier,
        terms: z.array(term).min(1).max(2000),
        /** Lexicons whose matches are dropped wherever they overlap one of these terms. */
        suppresses: z.array(identifier).min(1).max(32),
      }),
    )
    .max(500),
  rules: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'dotted rule id, e.g. threat.direct'),
        category: policyCategorySchema,
        severity: z.enum(['block', 'warn']),
        /** Shown to the user: describes the rule, never quotes the text. */
        explanation: z.string().min(1).max(300),
        pattern: patternSchema,
        guards,
      }),
    )
    .min(1)
    .max(1000),
});

export type PolicyDocument = z.infer<typeof policyDocumentSchema>;
export type PatternSpec = z.infer<typeof patternSchema>;
export type GuardSpec = z.infer<typeof guardSchema>;
