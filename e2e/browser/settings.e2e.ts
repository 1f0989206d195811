import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openE2eSession, type E2eSession } from '../support/session';
import { RENDERER_DIR } from '../test-host/realStudio';
import { RPC_PREFIX } from '../test-host/wire';

let session: E2eSession;
let page: Page;
/** Every answer the window received from main (the test host), to prove no secret was among them. */
const answers: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('dist/renderer is missing: `npm run test:e2e` builds it first (npm run build:renderer).');
  }
  session = await openE2eSession('settings');
  page = await (await session.browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith(RPC_PREFIX)) {
      void response.text().then((body) => answers.push(body), () => undefined);
    }
  });
  await page.goto(session.host.url);
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
});

afterAll(async () => {
  await session?.close();
});

describe('settings: private watermark key', () => {
  it('shows that there is no private key, creates one in main and shows its id, never its secret', async () => {
    const state = page.getByTestId('private-key-state');
    await state.getByText('No private key').waitFor();

    await page.getByRole('button', { name: 'Create private key' }).click();
    const shownId = page.getByTestId('private-key-id');
    await shownId.waitFor();

    const { keys } = await session.studio.watermarkKeysList({});
    expect(keys).toEqual([{ id: expect.stringMatching(/^private-[0-9a-f]{8}$/), createdAt: expect.any(String), active: true }]);
    expect(await shownId.textContent()).toBe(keys[0].id);

    const stored = JSON.parse(readFileSync(join(session.workDir, 'data', 'watermark-keys.json'), 'utf8'));
    const secret: string = stored.keys[0].secret;
    expect(Buffer.from(secret, 'base64')).toHaveLength(32);
    await expect.poll(() => answers.some((body) => body.includes(keys[0].id))).toBe(true);
    for (const body of answers) expect(body).not.toContain(secret);
    expect(await page.content()).not.toContain(secret);
  });
});
