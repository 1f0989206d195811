import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Studio } from '../../src-main/core/studio';
import { screenshot } from '../support/artifacts';
import { openE2eSession, type E2eSession } from '../support/session';
import type { TestHost } from '../test-host/server';

/** Scripts the shipped policy (src-main/core/policy/rules/default-policy.json) refuses or warns about. */
const BLOCKED = 'Virus detected on your computer. Call this number now and allow remote access.';
const WARNED = 'I know where you live.';

let session: E2eSession;
let studio: Studio;
let host: TestHost;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  session = await openE2eSession('policy');
  ({ studio, host, browser } = session);
  page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Generate' }).waitFor();
});

afterAll(async () => {
  await session?.close();
});

describe('the content policy in the Studio view', () => {
  it('shows which rule blocks a script, highlights the match and refuses to generate it', async () => {
    await page.getByLabel('Script').fill(BLOCKED);
    const panel = page.getByTestId('policy-panel');
    await panel.getByText('Refused').waitFor();
    const rule = panel.locator('[data-rule-id="fraud.tech_support"]');
    await rule.waitFor();
    await expect.poll(() => rule.textContent()).toContain('Tech-support scam pattern');
    await expect.poll(() => rule.textContent()).toContain('Fraud and scams');
    expect(await panel.locator('mark.mark-block').count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Generate' }).isDisabled()).toBe(true);
    await screenshot(page, 'studio-blocked');
    expect((await studio.historyList({})).total).toBe(0);
  });

  it('generates a warned script only after the warnings are explicitly accepted', async () => {
    await page.getByLabel('Script').fill(WARNED);
    const panel = page.getByTestId('policy-panel');
    await panel.getByText('Needs confirmation').waitFor();
    await panel.locator('[data-rule-id="threat.phrase_intimidation"]').waitFor();
    const generate = page.getByRole('button', { name: 'Generate' });
    expect(await generate.isDisabled()).toBe(true);
    await screenshot(page, 'studio-warning');

    await panel.getByLabel('I have reviewed the warnings and want to generate this script.').check();
    await generate.click();
    await page.getByTestId('result-pane').locator('.waveform[data-state="ready"]').waitFor({ timeout: 120_000 });
    const { items } = await studio.historyList({ decision: 'warn' });
    expect(items).toHaveLength(1);
  });
});
