import { StudioError } from '../../../src-shared/errors';
import { generationIdSchema } from '../../../src-shared/domain';
import { LIMITS } from '../../../src-shared/limits';
import type { Studio } from '../../core/studio';
import { allowOnly, exactPositionals, numberOption, stringOption, usageError, type ParsedArgs } from '../args';
import type { Output } from '../output';

const USAGE = 'history (list [--query Q] [--limit N] | show ID | delete ID | export ID --out FILE)';

export async function historyCommand(studio: Studio, args: ParsedArgs, output: Output): Promise<void> {
  switch (args.positionals[0]) {
    case 'list':
      return list(studio, args, output);
    case 'show':
      return show(studio, args, output);
    case 'delete':
      return remove(studio, args, output);
    case 'export':
      return exportOne(studio, args, output);
    default:
      throw usageError(`Usage: voicemark ${USAGE}`);
  }
}

/** A malformed id cannot name any generation: answer "not found", as for a well-formed unknown one. */
function generationId(raw: string): string {
  const parsed = generationIdSchema.safeParse(raw.toLowerCase());
  if (!parsed.success) throw new StudioError('HISTORY_NOT_FOUND');
  return parsed.data;
}

async function list(studio: Studio, args: ParsedArgs, output: Output): Promise<void> {
  allowOnly(args, ['query', 'limit']);
  exactPositionals(args, 1, 'history list [--query Q] [--limit N]');
  const query = stringOption(args, 'query');
  if (query !== undefined && query.length > LIMITS.maxSearchQueryChars) {
    throw usageError(`--query is limited to ${LIMITS.maxSearchQueryChars} characters.`);
  }
  const limit = numberOption(args, 'limit', { min: 1, max: LIMITS.maxHistoryPage, integer: true }) ?? 50;
  const { items, total } = await studio.historyList({ query, limit });
  output.result({ items, total }, () =>
    [
      `${total} generation${total === 1 ? '' : 's'}${items.length < total ? ` (showing ${items.length})` : ''}`,
      ...items.map((item) => `${item.id}  ${item.createdAt}  ${item.voice}  ${item.durationSec.toFixed(1)} s  ${item.textPreview}`),
    ].join('\n'),
  );
}

async function show(studio: Studio, args: ParsedArgs, output: Output): Promise<void> {
  allowOnly(args, []);
  const [, raw] = exactPositionals(args, 2, 'history show ID');
  const id = generationId(raw);
  const { record, events } = await studio.historyShow({ id });
  output.result({ ...record, voice: record.voiceId, file: studio.generationAudioPath(id), events }, () =>
    [
      `${record.id}  ${record.createdAt}`,
      `  voice: ${record.voiceName} (${record.voiceId})  speed ${record.params.speed}`,
      `  ${record.durationSec.toFixed(2)} s at ${record.sampleRate} Hz  audio sha256 ${record.audioSha256}`,
      `  policy: ${record.policy.decision} (version ${record.policy.policyVersion})`,
      `  watermark: ${record.watermark.payload} (key ${record.watermark.keyId})`,
      `  events: ${events.map((e) => `${e.kind}@${e.at}`).join(', ') || 'none'}`,
      `  text: ${record.text}`,
    ].join('\n'),
  );
}

async function remove(studio: Studio, args: ParsedArgs, output: Output): Promise<void> {
  allowOnly(args, []);
  const [, raw] = exactPositionals(args, 2, 'history delete ID');
  const id = generationId(raw);
  await studio.historyDelete({ id });
  output.result({ deleted: true, id }, () => `Deleted ${id}.`);
}

async function exportOne(studio: Studio, args: ParsedArgs, output: Output): Promise<void> {
  allowOnly(args, ['out']);
  const [, raw] = exactPositionals(args, 2, 'history export ID --out FILE');
  const out = stringOption(args, 'out');
  if (out === undefined) throw usageError('Usage: voicemark history export ID --out FILE');
  const id = generationId(raw);
  const { bytes, format } = await studio.historyExport({ id, path: out });
  output.result({ id, file: out, format, bytes }, () => `Exported ${id} as ${format} to ${out} (${bytes} bytes).`);
}
