import type { SpeakProgress } from '../../src-shared/domain';

const BAR_WIDTH = 24;

/** Per-sentence progress on stderr: a redrawn bar on a terminal, one line per sentence otherwise. */
export function createProgressReporter(stream: NodeJS.WriteStream = process.stderr) {
  let drewBar = false;
  return {
    update({ sentenceIndex, sentenceCount }: SpeakProgress): void {
      const done = sentenceIndex + 1;
      if (stream.isTTY) {
        const filled = Math.round((done / sentenceCount) * BAR_WIDTH);
        stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] sentence ${done}/${sentenceCount}`);
        drewBar = true;
      } else {
        stream.write(`sentence ${done}/${sentenceCount}\n`);
      }
    },
    finish(): void {
      if (drewBar) stream.write('\n');
      drewBar = false;
    },
  };
}
