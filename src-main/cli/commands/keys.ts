import type { WatermarkKeyInfo } from '../../../src-shared/domain';
import type { Studio } from '../../core/studio';
import { allowOnly, exactPositionals, stringOption, usageError, type ParsedArgs } from '../args';
import type { Output } from '../output';

const USAGE = 'keys (create [--id NAME] | list | export ID --out FILE | import FILE)';

/** Private watermark keys. Every answer names ids and dates only; a secret is written only by `export`, to its file. */
export async function keysCommand(studio: Studio, args: ParsedArgs, output: Output): Promise<void> {
  switch (args.positionals[0]) {
    case 'create':
      return create(studio, args, output);
    case 'list':
      return list(studio, args, output);
    case 'export':
      return exportKey(studio, args, output);
    case 'import':
      return importKey(studio, args, output);
    default:
      throw usageError(`Usage: voicemark ${USAGE}`);
  }
}

async function create(studio: Studio, args: ParsedArgs, output: Output): Promise<void> {
  allowOnly(args, ['id']);
  exactPositionals(args, 1, 'keys create [--id NAME]');
  const { key } = await studio.watermarkKeyCreate({ id: stringOption(args, 'id') });
  output.result({ key }, () =>
    [
      `Created private key ${key.id}; new clips carry the public mark and a private mark under it.`,
      `  Back it up now: voicemark keys export ${key.id} --out FILE`,
      '  Without the key, its private marks can never be read again.',
    ].join('\n'),
  );
}

async function list(studio: Studio, args: ParsedArgs, output: Output): Promise<void> {
  allowOnly(args, []);
  exactPositionals(args, 1, 'keys list');
  const { keys } = await studio.watermarkKeysList({});
  output.result({ keys }, () =>
    keys.length === 0
      ? 'No private keys: clips carry the public Voicemark mark only. Create one with "voicemark keys create".'
      : keys.map(describe).join('\n'),
  );
}

async function exportKey(studio: Studio, args: ParsedArgs, output: Output): Promise<void> {
  allowOnly(args, ['out']);
  const [, id] = exactPositionals(args, 2, 'keys export ID --out FILE');
  const out = stringOption(args, 'out');
  if (out === undefined || out === '') throw usageError('Usage: voicemark keys export ID --out FILE');
  const { key } = await studio.watermarkKeyExport({ id, path: out });
  output.result({ key, file: out }, () =>
    [
      `Wrote private key ${key.id} to ${out} (readable by you only).`,
      '  Anyone with this file can read and forge marks under this key: keep it offline or encrypted.',
    ].join('\n'),
  );
}

async function importKey(studio: Studio, args: ParsedArgs, output: Output): Promise<void> {
  allowOnly(args, []);
  const [, file] = exactPositionals(args, 2, 'keys import FILE');
  const { key } = await studio.watermarkKeyImport({ path: file });
  output.result({ key }, () => `Imported private key ${key.id}; it now marks new clips and reads its old ones.`);
}

function describe(key: WatermarkKeyInfo): string {
  return `${key.active ? '*' : ' '} ${key.id.padEnd(32)} created ${key.createdAt}${key.active ? '  (active)' : ''}`;
}
