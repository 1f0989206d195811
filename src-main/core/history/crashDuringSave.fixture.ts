/**
 * Run as a child process by crash.test.ts: saves one generation and dies by SIGKILL at the moment
 * the row is inserted — after the audio file is on disk, before the transaction commits.
 * Usage: node --import tsx crashDuringSave.fixture.ts <dataDir> <generationId>
 */
import Database from 'better-sqlite3';
import { openHistory } from './index';
import { makeWav, newGeneration } from './testSupport';

const [dataDir, id] = process.argv.slice(2);
const store = openHistory(dataDir, { log: () => {} });

const probe = new Database(':memory:');
const statementPrototype = Object.getPrototypeOf(probe.prepare('SELECT 1')) as { run: (...args: unknown[]) => unknown };
probe.close();
const realRun = statementPrototype.run;
statementPrototype.run = function run(this: { source: string }, ...args: unknown[]) {
  if (this.source.includes('INSERT INTO generations')) process.kill(process.pid, 'SIGKILL');
  return realRun.apply(this, args);
};

store.saveGeneration(newGeneration({ id, watermark: { payload: id, keyId: 'key-1' } }), makeWav());
// Reaching this line means the crash was not injected.
process.exit(3);
