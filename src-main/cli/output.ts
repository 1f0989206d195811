import { serializeError, type SerializedError } from '../../src-shared/errors';

export interface Output {
  json: boolean;
  /** Prints the result: one JSON object with --json, else the human rendering. */
  result(value: object, human: () => string): void;
  error(error: unknown): SerializedError;
}

export function createOutput(json: boolean): Output {
  return {
    json,
    result(value, human) {
      process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${human()}\n`);
    },
    error(error) {
      const serialized = serializeError(error);
      if (json) process.stdout.write(`${JSON.stringify({ error: serialized })}\n`);
      else process.stderr.write(`voicemark: ${serialized.message} [${serialized.code}]\n`);
      return serialized;
    },
  };
}
