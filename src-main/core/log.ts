/**
 * The core's only logger. Events carry an operation name, a typed code and numbers — never the
 * user's text, file contents, paths inside the user's folders or key material. Callers pass
 * structured fields; there is deliberately no free-form message argument.
 */
export type LogLevel = 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null>;
export type LogSink = (level: LogLevel, event: string, fields: LogFields) => void;

export const silentLog: LogSink = () => {};

/** Writes one JSON line per event to stderr; used by the app shell and the CLI's --verbose. */
export const stderrLog: LogSink = (level, event, fields) => {
  process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), level, event, ...fields })}\n`);
};
