import { parseArgs } from 'node:util';
import { StudioError } from '../../src-shared/errors';

/** Every option any command accepts; each command says which of them it allows. */
const OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  text: { type: 'string' },
  'text-file': { type: 'string' },
  voice: { type: 'string' },
  speed: { type: 'string' },
  out: { type: 'string' },
  'accept-warnings': { type: 'boolean' },
  batch: { type: 'string' },
  query: { type: 'string' },
  limit: { type: 'string' },
  id: { type: 'string' },
} as const;

export type OptionName = keyof typeof OPTIONS;
export const GLOBAL_OPTIONS: OptionName[] = ['data-dir', 'json', 'verbose', 'help'];

export interface ParsedArgs {
  positionals: string[];
  options: Partial<Record<OptionName, string | boolean>>;
}

export function usageError(message: string): StudioError {
  return new StudioError('INVALID_REQUEST', { message });
}

export function parseCommandLine(argv: string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, strict: true, allowPositionals: true });
    return { positionals, options: values as ParsedArgs['options'] };
  } catch (error) {
    // parseArgs messages name the option only, never a value.
    throw usageError((error as Error).message.split('\n')[0]);
  }
}

/** Refuses options that the chosen command does not take, so typos never pass silently. */
export function allowOnly(args: ParsedArgs, allowed: OptionName[]): void {
  for (const name of Object.keys(args.options) as OptionName[]) {
    if (!GLOBAL_OPTIONS.includes(name) && !allowed.includes(name)) {
      throw usageError(`Option --${name} does not apply to this command.`);
    }
  }
}

export function stringOption(args: ParsedArgs, name: OptionName): string | undefined {
  const value = args.options[name];
  return typeof value === 'string' ? value : undefined;
}

export function numberOption(args: ParsedArgs, name: OptionName, range: { min: number; max: number; integer?: boolean }): number | undefined {
  const raw = stringOption(args, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < range.min || value > range.max || (range.integer && !Number.isInteger(value))) {
    throw usageError(`--${name} must be ${range.integer ? 'a whole number' : 'a number'} from ${range.min} to ${range.max}.`);
  }
  return value;
}

export function exactPositionals(args: ParsedArgs, count: number, usage: string): string[] {
  if (args.positionals.length !== count) throw usageError(`Usage: voicemark ${usage}`);
  return args.positionals;
}
