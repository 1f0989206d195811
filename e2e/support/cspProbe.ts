import type { Page } from 'playwright-core';

/**
 * Calls eval from an ordinary page task. Code that Playwright evaluates runs inside a DevTools
 * evaluation, which Chromium lets bypass the CSP's eval rule; a timer callback runs as the page's
 * own code, under the page's CSP. Returns 'EvalError' when the CSP refused it.
 */
export function evalFromPageTask(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        setTimeout(() => {
          try {
            resolve(String(eval('1 + 1')));
          } catch (error) {
            resolve((error as Error).name);
          }
        }, 0);
      }),
  );
}
