import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTestVoice } from '../../scripts/make-test-voice';
import { screenshot } from '../support/artifacts';
import { openE2eSession, type E2eSession } from '../support/session';
import { dropFiles } from '../support/dropFile';
import type { TestHost } from '../test-host/server';

let session: E2eSession;
let workDir: string;
let host: TestHost;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  session = await openE2eSession('voices');
  ({ workDir, host, browser } = session);
  page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Voices' }).click();
  await page.getByTestId('voices-table').locator('tbody tr').first().waitFor();
});

afterAll(async () => {
  await session?.close();
});

describe('importing a voice', () => {
  it('imports a dropped Piper voice (model + config), verifies it and lists it', async () => {
    // A real, small Piper-signature ONNX voice built by scripts/make-test-voice.ts.
    const { modelPath, configPath } = writeTestVoice(join(workDir, 'voice'), { name: 'e2e-voice' });
    const rowsBefore = await page.getByTestId('voices-table').locator('tbody tr').count();
    await dropFiles(page.getByTestId('voice-drop'), [configPath, modelPath]);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Imported' }).count(), { timeout: 60_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('voices-table').locator('tbody tr').count()).toBe(rowsBefore + 1);
    const imported = page.getByTestId('voices-table').locator('tbody tr').filter({ hasText: 'imported' });
    await imported.getByText('Verified').waitFor();
    await screenshot(page, 'voices-imported');
  });

  it('explains why files that are not a voice cannot be imported', async () => {
    const bogus = join(workDir, 'bogus', 'not-a-voice.onnx');
    mkdirSync(join(workDir, 'bogus'));
    writeFileSync(bogus, 'this is not an ONNX model');
    writeFileSync(`${bogus}.json`, '{"not": "a piper config"}');
    const status = page.getByRole('status').filter({ hasText: /Import|not|voice/ });
    await dropFiles(page.getByTestId('voice-drop'), [bogus, `${bogus}.json`]);
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toContain('not a valid Piper-format voice');

    // A model alone: its config is looked for beside it (where a drop put it, nowhere here).
    await dropFiles(page.getByTestId('voice-drop'), [bogus]);
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toContain('The voice config (.onnx.json) is not beside the model.');
  });
});
