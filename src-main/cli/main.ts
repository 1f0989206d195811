import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { exitCodeFor } from '../../src-shared/errors';
import { defaultDataDir } from '../core/history';
import { silentLog, stderrLog } from '../core/log';
import { createStudio, type Studio } from '../core/studio';
import { parseCommandLine, usageError, type ParsedArgs } from './args';
import { checkCommand } from './commands/check';
import { historyCommand } from './commands/history';
import { keysCommand } from './commands/keys';
import { policyCommand } from './commands/policy';
import { speakCommand } from './commands/speak';
import { voicesCommand } from './commands/voices';
import { createOutput } from './output';

const HELP = `Voicemark Studio — text to watermarked speech, from a terminal.

Usage: voicemark [--data-dir DIR] [--json] COMMAND

  speak (--text T | --text-file F) [--voice ID] [--speed S] [--out FILE.wav|FILE.mp3] [--accept-warnings]
  check FILE
  policy check (--text T | --text-file F | --batch FILE.jsonl)
  history list [--query Q] [--limit N] | history show ID | history delete ID | history export ID --out FILE
  voices list | voices import MODEL.onnx [CONFIG.json]
  keys create [--id NAME] | keys list | keys export ID --out FILE | keys import FILE

keys: a private watermark key marks every new clip a second time, readable only where the key is
stored (the public Voicemark mark stays). Export each key and keep the file safe: without it,
private marks made with that key can no longer be read.

--data-dir defaults to $VOICEMARK_DATA_DIR, else the desktop app's own folder.
Exit codes: 0 ok, 1 internal error, 2 invalid input, 3 refused by policy, 4 not found.`;

type Command = (studio: Studio, args: ParsedArgs, output: ReturnType<typeof createOutput>) => Promise<void>;
const COMMANDS: Record<string, Command> = {
  speak: speakCommand,
  check: checkCommand,
  policy: policyCommand,
  history: historyCommand,
  voices: voicesCommand,
  keys: keysCommand,
};

const MODELS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../models');

export async function runCli(argv: string[]): Promise<number> {
  const jsonRequested = argv.includes('--json');
  let output = createOutput(jsonRequested);
  let studio: Studio | undefined;
  try {
    const args = parseCommandLine(argv);
    output = createOutput(args.options.json === true);
    const [name, ...rest] = args.positionals;
    if (args.options.help || name === undefined || name === 'help') {
      process.stdout.write(`${HELP}\n`);
      return name === undefined && !args.options.help ? 2 : 0;
    }
    const command = COMMANDS[name];
    if (!command) throw usageError(`Unknown command. Run "voicemark --help".`);
    const dataDir = resolveDataDir(args);
    studio = await createStudio({
      dataDir,
      modelsDir: MODELS_DIR,
      log: args.options.verbose ? stderrLog : silentLog,
    });
    const stop = () => void studio?.close().finally(() => process.exit(130));
    process.once('SIGINT', stop);
    await command(studio, { ...args, positionals: rest }, output);
    process.off('SIGINT', stop);
    return 0;
  } catch (error) {
    const { code } = output.error(error);
    if (code === 'INTERNAL' && process.env.VOICEMARK_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    return exitCodeFor(code);
  } finally {
    await studio?.close();
  }
}

function resolveDataDir(args: ParsedArgs): string {
  const fromFlag = args.options['data-dir'];
  if (typeof fromFlag === 'string' && fromFlag !== '') return resolve(fromFlag);
  const fromEnv = process.env.VOICEMARK_DATA_DIR;
  if (fromEnv) return resolve(fromEnv);
  return defaultDataDir();
}

