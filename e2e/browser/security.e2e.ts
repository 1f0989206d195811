import { request as httpRequest } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_API_KEYS } from '../../src-shared/rendererApi';
import type { Studio } from '../../src-main/core/studio';
import { openE2eSession, type E2eSession } from '../support/session';
import { evalFromPageTask } from '../support/cspProbe';
import type { TestHost } from '../test-host/server';
import { RPC_PREFIX, TOKEN_HEADER } from '../test-host/wire';

let session: E2eSession;
let studio: Studio;
let host: TestHost;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  session = await openE2eSession('sec');
  ({ studio, host, browser } = session);
  page = await browser.newPage();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Generate' }).waitFor();
});

afterAll(async () => {
  await session?.close();
});

/** A raw request, so the path reaches the server exactly as written (no URL normalisation). */
function rawGet(path: string): Promise<{ status: number; csp: string | undefined }> {
  const { port } = new URL(host.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, method: 'GET' }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, csp: res.headers['content-security-policy'] as string | undefined });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the renderer under the app’s security rules (browser test host)', () => {
  it('exposes exactly the contract’s methods on window.studio, and no Node', async () => {
    expect(await page.evaluate(() => Object.keys(window.studio))).toEqual([...RENDERER_API_KEYS]);
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (globalThis as unknown as { process?: unknown }).process)).toBe('undefined');
  });

  it('runs under a CSP that refuses eval and inline script', async () => {
    const evalOutcome = await evalFromPageTask(page);
    expect(evalOutcome).toBe('EvalError');
    const inlineRan = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(inlineRan).toBe(false);
  });

  it('sends the CSP header on every response, 404s included', async () => {
    for (const path of ['/', '/index.html', '/missing.js']) {
      const { csp } = await rawGet(path);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-eval');
    }
  });

  it.each(['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/assets/..%5c..%5cpackage.json'])(
    'answers 404 for the traversal %s',
    async (path) => {
      expect((await rawGet(path)).status).toBe(404);
    },
  );

  it('refuses a request without the run’s token or from another origin, and the core is untouched', async () => {
    const before = (await studio.historyList({})).total;
    const { port } = new URL(host.url);
    const attempts: Array<{ headers: Record<string, string> }> = [
      { headers: { origin: host.url.slice(0, -1) } },
      { headers: { origin: 'http://evil.example', [TOKEN_HEADER]: 'x' } },
    ];
    const pageToken = await page.evaluate(
      () => document.querySelector<HTMLMetaElement>('meta[name="voicemark-test-token"]')?.content ?? '',
    );
    expect(pageToken).toMatch(/^[0-9a-f]{48}$/);
    // The right token from the wrong page is still refused.
    attempts.push({ headers: { origin: 'http://evil.example', [TOKEN_HEADER]: pageToken } });
    for (const attempt of attempts) {
      const answer = await fetch(`http://127.0.0.1:${port}${RPC_PREFIX}speak`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...attempt.headers },
        body: JSON.stringify({ text: 'Hello.' }),
      }).then((r) => r.json());
      expect(answer).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN_SENDER', message: 'The request came from an untrusted page.' },
      });
    }
    expect((await studio.historyList({})).total).toBe(before);
  });

  it('answers schema-invalid requests from the page with a typed error and no stack', async () => {
    const answer = await page.evaluate(() => window.studio.historyShow({ id: '../../etc/passwd' }));
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('INVALID_REQUEST');
    expect(JSON.stringify(answer)).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });
});
