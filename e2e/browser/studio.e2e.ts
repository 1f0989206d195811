import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Studio } from '../../src-main/core/studio';
import { openE2eSession, type E2eSession } from '../support/session';
import { screenshot } from '../support/artifacts';
import { dropFiles } from '../support/dropFile';
import { RENDERER_DIR } from '../test-host/realStudio';
import type { TestHost } from '../test-host/server';

/** Long enough (about 18 s of speech) for the watermark to be detected again after export. */
const SCRIPT =
  'Voicemark keeps a record of every clip it makes. Each clip carries a quiet watermark that names the moment it was made. If the file comes back, the studio can tell you which text and which voice produced it. This paragraph is long enough for the watermark to be found again. Thank you for listening to this short test.';

let session: E2eSession;
let workDir: string;
let studio: Studio;
let host: TestHost;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const foreignRequests: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('dist/renderer is missing: `npm run test:e2e` builds it first (npm run build:renderer).');
  }
  session = await openE2eSession('studio');
  ({ workDir, studio, host, browser } = session);
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(host.url) && !url.startsWith('blob:') && !url.startsWith('data:')) foreignRequests.push(url);
  });
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Generate' }).waitFor();
});

afterAll(async () => {
  await session?.close();
});

async function showView(name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

async function generate(text: string): Promise<string> {
  await showView('Studio');
  await page.getByLabel('Script').fill(text);
  await page.getByTestId('policy-panel').getByText('Allowed').waitFor();
  const payload = page.getByTestId('result-pane').locator('code').first();
  const previous = (await payload.count()) > 0 ? await payload.textContent() : null;
  await page.getByRole('button', { name: 'Generate' }).click();
  // The pane may still show the previous clip: wait for the new one.
  await expect.poll(() => payload.textContent(), { timeout: 120_000 }).not.toBe(previous);
  await page.getByTestId('result-pane').locator('.waveform[data-state="ready"]').waitFor({ timeout: 120_000 });
  return (await payload.textContent()) ?? '';
}

describe('Voicemark Studio in Chromium against the real core', () => {
  let generationId = '';
  let exportedWav = '';
  let exportedMp3 = '';

  it('shows the character count and the limit while typing', async () => {
    await page.getByLabel('Script').fill('Hello there.');
    await expect.poll(() => page.getByTestId('char-count').textContent()).toBe('12 / 20,000 characters');
  });

  it('generates a clip and shows its waveform, then plays it', async () => {
    generationId = await generate(SCRIPT);
    expect(generationId).toMatch(/^[0-9a-f]{16}$/);
    await screenshot(page, 'studio');

    const result = page.getByTestId('result-pane');
    await result.getByRole('button', { name: 'Play the latest clip' }).click();
    await result.locator('.waveform[data-playing="true"]').waitFor();
    await expect.poll(async () => Number(await result.getByLabel('Position in the latest clip').inputValue())).toBeGreaterThan(0);
    await result.getByRole('button', { name: 'Pause the latest clip' }).click();
    await result.locator('.waveform[data-playing="false"]').waitFor();
  });

  it('lists the clip in History with its full record, plays it and exports WAV and MP3', async () => {
    await showView('History');
    const item = page.getByTestId('history-list').locator(`[data-generation-id="${generationId}"]`);
    await item.waitFor();
    await expect.poll(() => item.textContent()).toContain('Voicemark keeps a record');
    await item.click();
    const detail = page.getByTestId('history-detail');
    await expect.poll(() => detail.getByTestId('detail-payload').textContent()).toBe(generationId);
    await detail.getByText(SCRIPT).waitFor();

    await detail.locator('.waveform[data-state="ready"]').waitFor();
    await detail.getByRole('button', { name: `Play generation ${generationId}` }).click();
    await detail.locator('.waveform[data-playing="true"]').waitFor();
    await detail.getByRole('button', { name: `Pause generation ${generationId}` }).click();

    await detail.getByRole('button', { name: 'Export WAV…' }).click();
    await expect.poll(() => detail.getByTestId('export-status').textContent()).toMatch(
      new RegExp(`^Saved voicemark-${generationId}\\.wav \\(`),
    );
    exportedWav = host.exportedPaths.at(-1)!;
    expect(readFileSync(exportedWav).subarray(0, 4).toString('latin1')).toBe('RIFF');

    await detail.getByRole('button', { name: 'Export MP3…' }).click();
    await expect.poll(() => detail.getByTestId('export-status').textContent()).toMatch(/^Saved voicemark-.*\.mp3/);
    exportedMp3 = host.exportedPaths.at(-1)!;
    const head = readFileSync(exportedMp3);
    const isMp3 = head.subarray(0, 3).toString('latin1') === 'ID3' || (head[0] === 0xff && (head[1] & 0xe0) === 0xe0);
    expect(isMp3).toBe(true);

    // The exports are usage events of this generation.
    await expect.poll(() => detail.locator('.events-table tbody tr').count()).toBe(2);
    await screenshot(page, 'history');
  });

  it('finds the record again when the exported files are dropped on Check', async () => {
    await showView('Check');
    await dropFiles(page.getByTestId('check-drop'), [exportedWav]);
    // The MP3 goes through the file picker, the other way in.
    await page.getByTestId('check-drop-input').setInputFiles(exportedMp3);

    const entries = page.getByTestId('check-results').locator('li');
    await expect
      .poll(() => page.getByTestId('check-results').locator('li[data-status="done"]').count(), { timeout: 120_000 })
      .toBe(2);
    for (const name of [`voicemark-${generationId}.wav`, `voicemark-${generationId}.mp3`]) {
      const entry = entries.filter({ hasText: name });
      await entry.locator('[data-watermarked="true"]').waitFor();
      await expect.poll(() => entry.locator('code').first().textContent()).toBe(generationId);
      const record = entry.getByTestId('matched-record');
      await record.getByText(SCRIPT).waitFor();
    }
    await screenshot(page, 'check');

    await entries
      .filter({ hasText: `voicemark-${generationId}.wav` })
      .getByRole('button', { name: `Open generation ${generationId} in History` })
      .click();
    await page.getByRole('heading', { level: 1, name: 'History' }).waitFor();
    await expect.poll(() => page.getByTestId('detail-payload').textContent()).toBe(generationId);
    // Opened from inside Check: focus lands on the new view's heading.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
  });

  it('shows the voices with licence and integrity, and the settings with the data folder and policy', async () => {
    await showView('Voices');
    const table = page.getByTestId('voices-table');
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(0);
    await table.getByText('Verified').first().waitFor();
    await screenshot(page, 'voices');

    await showView('Settings');
    await expect.poll(() => page.getByLabel('Data folder').inputValue()).toBe(join(workDir, 'data'));
    await expect.poll(() => page.locator('.settings-view code.hash').textContent()).toMatch(/^[0-9a-f]{64}$/);
    await screenshot(page, 'settings');

    await page.getByLabel('Theme').selectOption('dark');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await screenshot(page, 'settings-dark');
    await showView('Studio');
    await page.getByTestId('result-pane').locator('.waveform[data-state="ready"]').waitFor();
    await screenshot(page, 'studio-dark');
    await showView('Settings');
    await page.getByLabel('Theme').selectOption('light');
  });

  it('explains clearly why a file that is not audio cannot be checked', async () => {
    await showView('Check');
    const notes = join(workDir, 'meeting-notes.txt');
    writeFileSync(notes, 'These are meeting notes, not audio.\n'.repeat(20));
    const empty = join(workDir, 'empty.wav');
    writeFileSync(empty, '');
    await dropFiles(page.getByTestId('check-drop'), [notes, empty], ['text/plain', 'audio/wav']);

    const entries = page.getByTestId('check-results').locator('li');
    const notesEntry = entries.filter({ hasText: 'meeting-notes.txt' });
    await notesEntry.locator('[data-error-code="AUDIO_UNSUPPORTED_FORMAT"]').waitFor();
    await expect.poll(() => notesEntry.getByRole('alert').textContent()).toContain('not a supported audio format');
    const emptyEntry = entries.filter({ hasText: 'empty.wav' });
    await emptyEntry.locator('[data-error-code="FILE_EMPTY"]').waitFor();
    await expect.poll(() => emptyEntry.getByRole('alert').textContent()).toContain('The file is empty.');
    await screenshot(page, 'check-errors');
  });

  it('deletes a generation only after confirmation', async () => {
    const doomed = await generate('This clip exists only to be deleted.');
    expect(doomed).not.toBe(generationId);
    await showView('History');
    const item = page.getByTestId('history-list').locator(`[data-generation-id="${doomed}"]`);
    await item.click();
    const detail = page.getByTestId('history-detail');
    await detail.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this generation?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await item.count()).toBe(1);

    await detail.getByRole('button', { name: 'Delete…' }).click();
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await item.waitFor({ state: 'detached' });
    expect((await studio.historyList({})).items.map((i) => i.id)).not.toContain(doomed);
    // The first clip is still there.
    await page.getByTestId('history-list').locator(`[data-generation-id="${generationId}"]`).waitFor();
  });

  it('searches and filters the history', async () => {
    await showView('History');
    await page.getByLabel('Search text').fill('quiet watermark');
    await expect.poll(() => page.getByTestId('history-list').locator('li').count()).toBe(1);
    await page.getByLabel('Search text').fill('no clip says this zebra');
    await expect.poll(() => page.getByTestId('history-list').locator('li').count()).toBe(0);
    await page.getByLabel('Search text').fill('');
    await page.getByLabel('Policy').selectOption('warn');
    await expect.poll(() => page.getByTestId('history-list').locator('li').count()).toBe(0);
    await page.getByLabel('Policy').selectOption('');
    await expect.poll(() => page.getByTestId('history-list').locator('li').count()).toBe(1);
    await page.getByLabel('From').fill('2999-01-01');
    await expect.poll(() => page.getByTestId('history-list').locator('li').count()).toBe(0);
    await page.getByLabel('From').fill('');
    await page.getByLabel('Voice').selectOption('espeak-de');
    await expect.poll(() => page.getByTestId('history-list').locator('li').count()).toBe(0);
    await page.getByLabel('Voice').selectOption('');
    await expect.poll(() => page.getByTestId('history-list').locator('li').count()).toBe(1);
  });

  it('can be driven from the keyboard: arrow keys between views, Ctrl+Enter to generate', async () => {
    await showView('Studio');
    await page.getByRole('tab', { name: 'Studio' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('heading', { level: 1, name: 'History' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('History');
    await page.keyboard.press('ArrowLeft');
    await page.getByRole('heading', { level: 1, name: 'Studio' }).waitFor();

    const before = (await studio.historyList({})).total;
    await page.getByLabel('Script').fill('Made from the keyboard.');
    await page.getByTestId('policy-panel').getByText('Allowed').waitFor();
    await page.getByLabel('Script').press('Control+Enter');
    await expect.poll(async () => (await studio.historyList({})).total, { timeout: 120_000 }).toBe(before + 1);
  });

  it('cancels a long generation', async () => {
    await showView('Studio');
    const sentence = 'This long script is here only so that there is time to press cancel. ';
    await page.getByLabel('Script').fill(sentence.repeat(250));
    await page.getByTestId('policy-panel').getByText('Allowed').waitFor();
    await page.getByRole('button', { name: 'Generate' }).click();
    // Per-sentence progress shows the core is synthesising; then cancel.
    await page.getByTestId('generate-status').getByText(/^Sentence \d+ of 250$/).waitFor({ timeout: 60_000 });
    await screenshot(page, 'studio-generating');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('generate-status').getByText('Generation cancelled.').waitFor({ timeout: 60_000 });
  });

  it('made no request outside the app and logged no page error', () => {
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
