import { readFileSync } from 'node:fs';
import { StudioError, serializeError, type SerializedError } from '../../../src-shared/errors';
import type { PolicyDecisionKind, PolicyViolation } from '../../../src-shared/domain';
import { LIMITS } from '../../../src-shared/limits';
import { decodeScriptBytes } from '../../../src-shared/scriptText';
import { assertReadableInputFile } from '../../core/files';
import type { Studio } from '../../core/studio';
import { allowOnly, stringOption, usageError, type ParsedArgs } from '../args';
import type { Output } from '../output';
import { readScriptArgument } from './speak';

const MAX_BATCH_FILE_BYTES = 512 * 1024 * 1024;

export async function policyCommand(studio: Studio, args: ParsedArgs, output: Output): Promise<void> {
  if (args.positionals[0] !== 'check' || args.positionals.length !== 1) {
    throw usageError('Usage: voicemark policy check (--text T | --text-file F | --batch FILE.jsonl)');
  }
  allowOnly(args, ['text', 'text-file', 'batch']);
  const batch = stringOption(args, 'batch');
  if (batch !== undefined) {
    if (stringOption(args, 'text') !== undefined || stringOption(args, 'text-file') !== undefined) {
      throw usageError('Give --batch alone, without --text or --text-file.');
    }
    return policyBatch(studio, batch, output);
  }
  const decision = await studio.policyEvaluate({ text: readScriptArgument(args) });
  output.result(
    {
      decision: decision.decision,
      violations: decision.violations,
      policyVersion: decision.policyVersion,
      policyHash: decision.policyHash,
    },
    () =>
      [
        `Decision: ${decision.decision} (policy ${decision.policyVersion})`,
        ...decision.violations.map((v) => `  ${v.severity} ${v.ruleId} [${v.category}] at ${v.start}–${v.end}: ${v.explanation}`),
      ].join('\n'),
  );
}

/** One JSON object per line with a "text" field; results come back in input order. */
async function policyBatch(studio: Studio, path: string, output: Output): Promise<void> {
  assertReadableInputFile(path, MAX_BATCH_FILE_BYTES);
  const lines = decodeScriptBytes(readFileSync(path)).split(/\r?\n/).filter((line) => line.trim() !== '');
  if (lines.length > LIMITS.maxPolicyBatchLines) throw usageError(`A batch holds at most ${LIMITS.maxPolicyBatchLines} lines.`);
  const results: { decision: PolicyDecisionKind | null; violations: PolicyViolation[]; error?: SerializedError }[] = [];
  for (const line of lines) {
    try {
      const text = parseBatchLine(line);
      const { decision, violations } = await studio.policyEvaluate({ text });
      results.push({ decision, violations });
    } catch (error) {
      results.push({ decision: null, violations: [], error: serializeError(error) });
    }
  }
  output.result({ results }, () =>
    results.map((r, i) => `${i + 1}: ${r.decision ?? `error ${r.error?.code}`}${r.violations.length ? ` (${r.violations.map((v) => v.ruleId).join(', ')})` : ''}`).join('\n'),
  );
}

function parseBatchLine(line: string): string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new StudioError('INVALID_REQUEST', { message: 'A batch line is not valid JSON.' });
  }
  if (typeof value !== 'object' || value === null || typeof (value as { text?: unknown }).text !== 'string') {
    throw new StudioError('INVALID_REQUEST', { message: 'A batch line has no "text" string.' });
  }
  return (value as { text: string }).text;
}
