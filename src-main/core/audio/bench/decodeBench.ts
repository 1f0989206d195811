/**
 * Decode benchmark: a 10-minute 44.1 kHz stereo recording as MP3 (128 kbps, lame) and FLAC, each
 * decoded in a fresh process so the peak RSS belongs to that decode alone.
 *
 *   npx tsx src-main/core/audio/bench/decodeBench.ts [minutes]
 *
 * Needs sox, lame and flac (Debian packages of the same names) to make the input files.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { decodeAudioFile } from '../index';
import { makeTempDir, requireTools, runTool } from '../testing/tools';

interface ChildReport {
  seconds: number;
  /** CPU time of the decode; steadier than wall time on a shared machine. */
  cpuSeconds: number;
  audioSeconds: number;
  baselineRssMb: number;
  peakRssMb: number;
  outputMb: number;
}

async function child(path: string, target: number | undefined): Promise<void> {
  const baseline = process.memoryUsage().rss;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const decoded = await decodeAudioFile(path, { targetSampleRate: target });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const report: ChildReport = {
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    audioSeconds: decoded.durationSec,
    baselineRssMb: baseline / 2 ** 20,
    peakRssMb: (process.resourceUsage().maxRSS * 1024) / 2 ** 20,
    outputMb: decoded.clip.samples.byteLength / 2 ** 20,
  };
  process.stdout.write(JSON.stringify(report));
}

function main(): void {
  const minutes = Number(process.argv[2] ?? 10);
  requireTools('sox', 'lame', 'flac');
  const temp = makeTempDir();
  try {
    const wav = temp.file('bench.wav');
    runTool('sox', ['-n', '-r', '44100', '-c', '2', '-b', '16', wav, 'synth', String(minutes * 60), 'sine', '100-8000', 'sine', '440']);
    runTool('lame', ['--quiet', '-b', '128', wav, temp.file('bench.mp3')]);
    runTool('flac', ['-s', '-f', wav, '-o', temp.file('bench.flac')]);
    const script = fileURLToPath(import.meta.url);
    console.log(`${minutes}-minute 44.1 kHz stereo, Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((v) => v.toFixed(1)).join(' ')}`);
    console.log('file        target   file MB  wall s  x realtime   cpu s  x realtime (cpu)  peak RSS MB  (baseline)  output MB');
    for (const file of ['bench.mp3', 'bench.flac']) {
      for (const target of [undefined, 16000]) {
        const path = temp.file(file);
        const out = execFileSync(process.execPath, [...process.execArgv, script, '--child', path, String(target ?? '')], { maxBuffer: 1 << 20 });
        const r = JSON.parse(out.toString()) as ChildReport;
        console.log(
          [
            file.padEnd(11),
            String(target ?? 'source').padEnd(7),
            (statSync(path).size / 2 ** 20).toFixed(1).padStart(8),
            r.seconds.toFixed(2).padStart(7),
            (r.audioSeconds / r.seconds).toFixed(0).padStart(11),
            r.cpuSeconds.toFixed(2).padStart(7),
            (r.audioSeconds / r.cpuSeconds).toFixed(0).padStart(17),
            r.peakRssMb.toFixed(0).padStart(12),
            `(${r.baselineRssMb.toFixed(0)})`.padStart(11),
            r.outputMb.toFixed(1).padStart(10),
          ].join(' '),
        );
      }
    }
  } finally {
    temp.remove();
  }
}

if (process.argv[2] === '--child') {
  await child(process.argv[3], process.argv[4] ? Number(process.argv[4]) : undefined);
} else {
  main();
}
