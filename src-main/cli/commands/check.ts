import type { Studio } from '../../core/studio';
import { allowOnly, exactPositionals, type ParsedArgs } from '../args';
import type { Output } from '../output';

export async function checkCommand(studio: Studio, args: ParsedArgs, output: Output): Promise<void> {
  allowOnly(args, []);
  const [file] = exactPositionals(args, 1, 'check FILE');
  const result = await studio.check({ path: file });
  output.result(result, () => {
    if (!result.watermarked) {
      return `No Voicemark watermark found (score ${result.score.toFixed(2)}).`;
    }
    const lines = [
      `Watermarked: payload ${result.payload} (score ${result.score.toFixed(2)}, false-positive probability ${result.falsePositiveProbability.toExponential(1)})`,
    ];
    const keysOfPayload = [
      ...new Set(result.marks.filter((mark) => mark.payload === result.payload).map((mark) => `${mark.keyId} (${mark.keyKind})`)),
    ];
    lines.push(`  read with key${keysOfPayload.length === 1 ? '' : 's'}: ${keysOfPayload.join(', ')}`);
    if (result.marks.some((mark) => mark.payload === result.payload && mark.method === 'verified')) {
      lines.push('  verified against this history: the mark was too weak to read on its own, but matches this generation');
    }
    for (const mark of result.marks.filter((m) => m.payload !== result.payload)) {
      lines.push(`  also: payload ${mark.payload} (key ${mark.keyId}) at ${mark.startSec.toFixed(1)}–${mark.endSec.toFixed(1)} s`);
    }
    lines.push(
      result.generation
        ? `  made here on ${result.generation.createdAt} with voice ${result.generation.voice}: "${result.generation.text}"`
        : '  not in this history (made by another Voicemark install, or deleted)',
    );
    return lines.join('\n');
  });
}
