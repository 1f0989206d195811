import type { Studio } from '../../core/studio';
import { allowOnly, usageError, type ParsedArgs } from '../args';
import type { Output } from '../output';

export async function voicesCommand(studio: Studio, args: ParsedArgs, output: Output): Promise<void> {
  allowOnly(args, []);
  const [sub, ...rest] = args.positionals;
  if (sub === 'list' && rest.length === 0) {
    const { voices } = await studio.voicesList({});
    output.result(
      {
        voices: voices.map((v) => ({
          id: v.id,
          name: v.name,
          engine: v.engine,
          language: v.language,
          sampleRate: v.sampleRate,
          default: v.default,
          source: v.source,
          licence: v.licence,
          integrity: v.integrity,
        })),
      },
      () =>
        voices
          .map((v) => `${v.default ? '*' : ' '} ${v.id.padEnd(28)} ${v.language.padEnd(6)} ${String(v.sampleRate).padStart(5)} Hz  ${v.engine}  ${v.name}  [${v.integrity}]`)
          .join('\n'),
    );
    return;
  }
  if (sub === 'import' && (rest.length === 1 || rest.length === 2)) {
    const { voice } = await studio.voicesImport({ modelPath: rest[0], configPath: rest[1] });
    output.result({ voice }, () => `Imported voice ${voice.id} (${voice.name}, ${voice.sampleRate} Hz, sha256 ${voice.sha256}).`);
    return;
  }
  throw usageError('Usage: voicemark voices (list | import MODEL.onnx [CONFIG.json])');
}
