import { describe, expect, it } from 'vitest';
import { createWorkerExit } from './workerExit';

describe('createWorkerExit', () => {
  it('tells every listener once, with the first code reported', () => {
    const exit = createWorkerExit();
    const heard: Array<[string, number | null]> = [];
    exit.onExit((code) => heard.push(['a', code]));
    exit.onExit((code) => heard.push(['b', code]));
    expect(exit.exited).toBe(false);

    exit.report(null); // an 'error' event comes first
    exit.report(0); // then the 'exit' event

    expect(exit.exited).toBe(true);
    expect(heard).toEqual([
      ['a', null],
      ['b', null],
    ]);
  });

  it('does not call a listener added after the end', () => {
    const exit = createWorkerExit();
    exit.report(1);
    const heard: Array<number | null> = [];
    exit.onExit((code) => heard.push(code));
    exit.report(2);
    expect(heard).toEqual([]);
  });
});
